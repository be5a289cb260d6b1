import Foundation

/// The hidden folder a new site is written into before it is swapped in. Every path is
/// checked once: relative, no `.` or `..` part, and not taken already — compared without
/// case, so the site also works on a case-insensitive file system.
struct StagingFolder {
    let root: URL
    private var claimed = Set<String>()
    private var folders = Set<String>()

    init(root: URL) {
        self.root = root
    }

    mutating func write(_ file: OutputFile) throws {
        try file.contents.write(to: try claim(file.path))
    }

    /// An unchanged page: a hard link to the file of the site being replaced (a copy where links
    /// are not possible), so nothing is rendered or written twice and the swap stays atomic.
    mutating func link(_ path: String, from output: URL) throws {
        let target = try claim(path)
        let source = output.appendingPathComponent(path)
        if Foundation.link(source.path, target.path) != 0 {
            try FileManager.default.copyItem(at: source, to: target)
        }
    }

    mutating func copyStatic(from source: URL) throws {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(at: source, includingPropertiesForKeys: [.isRegularFileKey])
        else {
            return
        }
        let basePath = source.standardizedFileURL.path
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(basePath.count + 1))
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw SiteBuildError(
                    file: url.path, line: 0, message: "cannot read static file: \(OutputWriter.describe(error))")
            }
            try write(OutputFile(path: relative, contents: data))
        }
    }

    /// Checks a path, reserves it, creates its folder, and returns where to write it.
    private mutating func claim(_ path: String) throws -> URL {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw SiteBuildError(file: path, line: 0, message: "refusing to write outside the output folder")
        }
        guard claimed.insert(path.lowercased()).inserted else {
            throw SiteBuildError(file: path, line: 0, message: "two outputs want the same path")
        }
        let url = root.appendingPathComponent(path)
        let folder = components.dropLast().joined(separator: "/")
        if !folder.isEmpty, folders.insert(folder).inserted {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        return url
    }
}
