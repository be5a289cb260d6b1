import Foundation

/// A file of the built site, path relative to the output root.
public struct OutputFile: Sendable {
    public let path: String
    public let contents: Data

    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }
}

/// Writes a whole site next to the output folder, then swaps it into place,
/// so a failed build never leaves a half-written site behind.
public enum OutputWriter {
    /// Marks a folder as written by ListDigest: only such a folder is ever replaced.
    public static let markerFileName = ".listdigest"

    public static func replace(output: String, files: [OutputFile], staticDirectory: String?) throws(SiteBuildError) {
        let fileManager = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        try checkReplaceable(outputURL)
        let parent = outputURL.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(outputURL.lastPathComponent).building-\(getpid())")
        let retired = parent.appendingPathComponent(".\(outputURL.lastPathComponent).old-\(getpid())")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw SiteBuildError(
                file: parent.path, line: 0, message: "cannot create the output folder: \(error.localizedDescription)")
        }
        do {
            var written = Set<String>()
            for file in files {
                try write(file, into: staging, written: &written)
            }
            if let staticDirectory, fileManager.fileExists(atPath: staticDirectory) {
                try copyStatic(from: URL(fileURLWithPath: staticDirectory), into: staging, written: &written)
            }
            try write(
                OutputFile(
                    path: markerFileName, text: "Built by ListDigest. This folder is replaced on every build.\n"),
                into: staging, written: &written)
            if fileManager.fileExists(atPath: outputURL.path) {
                try fileManager.moveItem(at: outputURL, to: retired)
            }
            try fileManager.moveItem(at: staging, to: outputURL)
            try? fileManager.removeItem(at: retired)
        } catch let error as SiteBuildError {
            try? fileManager.removeItem(at: staging)
            throw error
        } catch {
            try? fileManager.removeItem(at: staging)
            if !fileManager.fileExists(atPath: outputURL.path), fileManager.fileExists(atPath: retired.path) {
                try? fileManager.moveItem(at: retired, to: outputURL)
            }
            throw SiteBuildError(
                file: outputURL.path, line: 0, message: "cannot write the site: \(error.localizedDescription)")
        }
    }

    /// Refuses to replace a non-empty folder that ListDigest did not write (say `--output ~`).
    private static func checkReplaceable(_ output: URL) throws(SiteBuildError) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw SiteBuildError(file: output.path, line: 0, message: "output exists and is not a folder")
        }
        let contents = (try? fileManager.contentsOfDirectory(atPath: output.path)) ?? []
        if !contents.isEmpty && !contents.contains(markerFileName) {
            throw SiteBuildError(
                file: output.path, line: 0,
                message:
                    "refusing to replace a folder ListDigest did not build (no \(markerFileName) file); remove it or choose another --output"
            )
        }
    }

    private static func write(_ file: OutputFile, into root: URL, written: inout Set<String>) throws {
        let components = file.path.split(separator: "/", omittingEmptySubsequences: false)
        guard !file.path.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw SiteBuildError(file: file.path, line: 0, message: "refusing to write outside the output folder")
        }
        guard written.insert(file.path.lowercased()).inserted else {
            throw SiteBuildError(file: file.path, line: 0, message: "two outputs want the same path")
        }
        let url = root.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.contents.write(to: url)
    }

    private static func copyStatic(from source: URL, into root: URL, written: inout Set<String>) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
        else { return }
        let basePath = source.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(basePath.count + 1))
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw SiteBuildError(
                    file: url.path, line: 0, message: "cannot read static file: \(error.localizedDescription)")
            }
            try write(OutputFile(path: relative, contents: data), into: root, written: &written)
        }
    }
}
