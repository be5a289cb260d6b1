import Foundation

/// The fingerprint of every page of the site being replaced, read from its
/// `.listdigest-pages` file: a page whose view has the same fingerprint now is taken over
/// as it is. The file lives inside the output folder, so it always describes exactly the
/// pages beside it.
struct PageCache: Sendable {
    static let fileName = ".listdigest-pages"
    static let empty = PageCache(fingerprints: [:], output: "")

    private let fingerprints: [String: String]
    private let output: String

    private init(fingerprints: [String: String], output: String) {
        self.fingerprints = fingerprints
        self.output = output
    }

    init(output: String) {
        self.init(fingerprints: Self.fingerprints(in: output), output: output)
    }

    /// Page path → fingerprint, from the manifest of the site at `folder`.
    static func fingerprints(in folder: String) -> [String: String] {
        var fingerprints: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: folder + "/" + fileName) {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let fields = line.split(separator: "\t", maxSplits: 1)
                if fields.count == 2 { fingerprints[String(fields[1])] = String(fields[0]) }
            }
        }
        return fingerprints
    }

    func isUnchanged(_ path: String, fingerprint: String) -> Bool {
        fingerprints[path] == fingerprint && FileManager.default.fileExists(atPath: output + "/" + path)
    }

    /// `fingerprint<TAB>path` per page, sorted by path.
    static func manifest(_ files: [(path: String, fingerprint: String?)]) -> OutputFile {
        let lines = files.compactMap { file in file.fingerprint.map { (file.path, $0) } }.sorted { $0.0 < $1.0 }
            .map { "\($0.1)\t\($0.0)" }
        return OutputFile(path: fileName, text: lines.joined(separator: "\n") + "\n")
    }
}
