import Foundation
import Synchronization

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

    /// Writes many files, linking reused pages: paths are checked and folders made first, one
    /// at a time; then links are made (fast, and slower in parallel), and new contents are
    /// written on all cores.
    mutating func writeAll(_ files: [OutputFile], reusingFrom output: URL) throws {
        let targets = try files.map { try claim($0.path) }
        for (file, target) in zip(files, targets) where file.reused {
            try Self.link(output.appendingPathComponent(file.path), to: target)
        }
        let written = files.indices.filter { !files[$0].reused }
        let firstError = Mutex<(any Error)?>(nil)
        let chunks = min(max(1, written.count / 64), 16)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in stride(from: chunk, to: written.count, by: chunks).map({ written[$0] }) {
                do {
                    try files[index].contents.write(to: targets[index])
                } catch {
                    firstError.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
    }

    /// An unchanged page: a hard link to the file of the site being replaced (a copy where links
    /// are not possible), so nothing is rendered or written twice and the swap stays atomic.
    private static func link(_ source: URL, to target: URL) throws {
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
