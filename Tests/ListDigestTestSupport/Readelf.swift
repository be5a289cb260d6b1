import Foundation

/// binutils' `readelf`, which reads what the linker wrote into a program.
public enum Readelf {
    public static let path = "/usr/bin/readelf"
    public static var isPresent: Bool { FileManager.default.isExecutableFile(atPath: path) }

    /// What `readelf arguments` prints.
    public static func output(_ arguments: [String]) throws -> String {
        let readelf = Process()
        readelf.executableURL = URL(fileURLWithPath: path)
        readelf.arguments = arguments
        let output = Pipe()
        readelf.standardOutput = output
        try readelf.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        readelf.waitUntilExit()
        return text
    }
}
