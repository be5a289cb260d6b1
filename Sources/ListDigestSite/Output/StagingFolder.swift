import CListDigestSupport
import Foundation
import Synchronization

/// The hidden folder a new site is written into before it is swapped in: empty, or the
/// previous site to be brought up to date. Every path is checked once: relative, no `.` or
/// `..` part, and not taken already — compared without case, so the site also works on a
/// case-insensitive file system.
struct StagingFolder {
    let root: URL
    private let previous: PreviousSite?
    private var claimed = Set<String>()
    /// Folders that exist in `root`.
    private var folders = Set<String>()
    /// Files and folders of this site, to remove what else the previous site held.
    private var sitePaths = Set<String>()
    private var usedFolders = Set<String>()

    /// `previous`: what `root` already holds.
    init(root: URL, previous: PreviousSite? = nil) {
        self.root = root
        self.previous = previous
        folders = Set(previous?.folders ?? [])
    }

    mutating func write(_ file: OutputFile) throws {
        let target = try claim(file.path)
        try removePrevious(file.path, at: target)
        try Self.create(target, with: file.contents)
    }

    /// Files are only ever replaced, never written over: the previous site shares unchanged
    /// pages with the live one through hard links.
    private func removePrevious(_ path: String, at target: String) throws {
        guard let previous else { return }
        if previous.files[path] != nil, unlink(target) != 0, errno != ENOENT { throw Self.systemError() }
        if previous.folderSet.contains(path), ld_remove_tree(target) != 0 { throw Self.systemError() }
    }

    /// Removes what the previous site held and this one does not, deepest folders first.
    func removeStale() {
        guard let previous else { return }
        for path in previous.files.keys where !sitePaths.contains(path) && !usedFolders.contains(path) {
            if unlink(root.path + "/" + path) != 0 { _ = ld_remove_tree(root.path + "/" + path) }
        }
        for folder in previous.folders.reversed() where !usedFolders.contains(folder) {
            rmdir(root.path + "/" + folder)
        }
    }

    /// Writes many files, linking reused pages: paths are checked and folders made first, one
    /// at a time; then links are made (fast, and slower in parallel), and new contents are
    /// written on all cores.
    mutating func writeAll(_ files: [OutputFile], reusingFrom output: URL) throws {
        let targets = try files.map { try claim($0.path) }
        var pending = [Bool](repeating: true, count: files.count)
        for (index, file) in files.enumerated() {
            // Already there from the previous site, with what this page shows.
            if let fingerprint = file.fingerprint, previous?.files[file.path] == fingerprint {
                pending[index] = false
            } else {
                try removePrevious(file.path, at: targets[index])
            }
        }
        let source = output.path + "/"
        for index in files.indices where pending[index] && files[index].reused {
            try Self.link(source + files[index].path, to: targets[index])
        }
        let written = files.indices.filter { pending[$0] && !files[$0].reused }
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
            usedFolders.insert(folder)
            if folders.insert(folder).inserted {
                // A file of the previous site where this site has a folder.
                if previous?.files[folder] != nil { unlink(root.path + "/" + folder) }
                if mkdir(root.path + "/" + folder, 0o777) != 0, errno != EEXIST { throw Self.systemError() }
            }
        }
        sitePaths.insert(path)
        return root.path + "/" + path
    }
}
