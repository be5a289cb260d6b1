import CListDigestSupport
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
        try Self.create(try claim(file.path), with: file.contents)
    }

    /// Writes many files, linking reused pages: paths are checked and folders made first, one
    /// at a time; then links are made (fast, and slower in parallel), and new contents are
    /// written on all cores.
    mutating func writeAll(_ files: [OutputFile], reusingFrom output: URL) throws {
        let targets = try files.map { try claim($0.path) }
        let source = output.path + "/"
        for (file, target) in zip(files, targets) where file.reused {
            try Self.link(source + file.path, to: target)
        }
        let written = files.indices.filter { !files[$0].reused }
        let firstError = Mutex<(any Error)?>(nil)
        let chunks = min(max(1, written.count / 64), 16)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for index in stride(from: chunk, to: written.count, by: chunks).map({ written[$0] }) {
                do {
                    try Self.create(targets[index], with: files[index].contents)
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
    private static func link(_ source: String, to target: String) throws {
        if Foundation.link(source, target) != 0 {
            try FileManager.default.copyItem(atPath: source, toPath: target)
        }
    }

    /// A new file with `contents`. Plain system calls: Foundation's `Data.write` syncs every
    /// file to disk on its own, which took longer than rendering; `syncToDisk()` does that
    /// once for the whole site before it is swapped in.
    private static func create(_ path: String, with contents: Data) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Self.systemError() }
        defer { close(descriptor) }
        try contents.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Self.systemError()
                }
                offset += written
            }
        }
    }

    /// Every file written so far, on disk: the swap must never expose a site that a power
    /// cut could leave half-written.
    func syncToDisk() throws {
        let descriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.systemError() }
        defer { close(descriptor) }
        if ld_sync_file_system(descriptor) != 0 { throw Self.systemError() }
    }

    private static func systemError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
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
    private mutating func claim(_ path: String) throws -> String {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.hasPrefix("/"), !components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw SiteBuildError(file: path, line: 0, message: "refusing to write outside the output folder")
        }
        guard claimed.insert(path.lowercased()).inserted else {
            throw SiteBuildError(file: path, line: 0, message: "two outputs want the same path")
        }
        var folder = ""
        for component in components.dropLast() {
            folder += folder.isEmpty ? String(component) : "/" + component
            if folders.insert(folder).inserted, mkdir(root.path + "/" + folder, 0o777) != 0, errno != EEXIST {
                throw Self.systemError()
            }
        }
        return root.path + "/" + path
    }
}
