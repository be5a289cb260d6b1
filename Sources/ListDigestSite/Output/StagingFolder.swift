import CListDigestSupport
import Foundation
import Synchronization

/// The hidden folder a new site is written into before it is swapped in: empty, or the
/// previous site to be brought up to date. Every path is checked once: relative, no `.` or
/// `..` part, and not taken already — compared without case, so the site also works on a
/// case-insensitive file system.
struct StagingFolder {
    let root: URL
    /// `root.path`, worked out once: a URL decodes its path again each time it is asked.
    private let rootPath: String
    private let previous: PreviousSite?
    /// Every path taken, by its lower-case form.
    private var claimed: [String: String] = [:]
    /// Folders this site needs that the previous site does not hold, made or to be made.
    private var madeFolders = Set<String>()
    /// Of those, the ones not made yet.
    private var newFolders: [String] = []
    /// How many of the previous site's files this site claimed by the same path: when all (and
    /// the previous site has no folder without a file), nothing of it is stale, as after most
    /// rebuilds.
    private var previousFilesClaimed = 0

    /// `previous`: what `root` already holds.
    init(root: URL, previous: PreviousSite? = nil) {
        self.root = root
        rootPath = root.path
        self.previous = previous
        // Room for a site like the previous one: growing the tables rehashed every path they
        // held, several times, while pages waited to be written.
        claimed.reserveCapacity(previous?.files.count ?? 0)
    }

    mutating func write(_ file: OutputFile) throws {
        for placement in try prepare([file]) { try Self.place(file, placement, reusingFrom: nil) }
    }

    /// Where a prepared file goes and what of the previous site is in its way: what is left to
    /// do once its path is claimed and its folder made, which needs no shared state.
    struct Placement: Sendable {
        /// In the files prepared.
        let index: Int
        let target: String
        /// Files are only ever replaced, never written over: the previous site shares unchanged
        /// files with the live one through hard links.
        let replacesFile: Bool
        let replacesFolder: Bool
    }

    /// Claims the files' paths and makes their folders, the part of writing that goes one step
    /// at a time; a file the previous site already holds with this fingerprint needs nothing more.
    mutating func prepare(_ files: [OutputFile]) throws -> [Placement] {
        // What the previous site holds at each path, looked up once.
        let heldBefore = files.map { previous?.files[$0.path] }
        for index in files.indices { try claim(files[index].path, heldBefore: heldBefore[index] != nil) }
        try makeNewFolders()
        var placements: [Placement] = []
        placements.reserveCapacity(files.count)
        for index in files.indices {
            let path = files[index].path
            let held = heldBefore[index]
            if held != nil { previousFilesClaimed += 1 }
            if let fingerprint = files[index].fingerprint, held == fingerprint {
                // Held already: one written for nothing goes.
                if let temporary = files[index].temporaryPath { unlink(temporary) }
                continue
            }
            placements.append(
                Placement(
                    index: index, target: rootPath + "/" + path, replacesFile: held != nil,
                    replacesFolder: previous?.folderSet.contains(path) ?? false))
        }
        return placements
    }

    /// Puts a prepared file in place: a reused file is linked from the live site at `output`,
    /// any other written.
    static func place(_ file: OutputFile, _ placement: Placement, reusingFrom output: URL?) throws {
        if placement.replacesFile, unlink(placement.target) != 0, errno != ENOENT { throw systemError() }
        if placement.replacesFolder, ld_remove_tree(placement.target) != 0 { throw systemError() }
        if let temporary = file.temporaryPath {
            // Written already: put in place, or removed when the output's is taken over.
            guard file.reused else {
                guard rename(temporary, placement.target) == 0 else { throw systemError() }
                return
            }
            unlink(temporary)
        }
        guard file.reused else { return try create(placement.target, with: file) }
        guard let output else { preconditionFailure("\(file.path): a reused file without the site it is taken from") }
        try link(output.path + "/" + file.path, to: placement.target)
    }

    /// Removes what the previous site held and this one does not, deepest folders first.
    /// When this site claimed every file of the previous one, which has no folder without a
    /// file, it uses every folder too: there is nothing to look up. Whether nothing stale is left.
    func removeStale() -> Bool {
        guard let previous else { return true }
        if previousFilesClaimed == previous.files.count, previous.everyFolderHoldsFiles { return true }
        // The folders this site uses: its paths' parents.
        var usedFolders = Set<String>(minimumCapacity: previous.folders.count)
        for path in claimed.values {
            var parent = Self.parent(of: path)
            while let folder = parent, usedFolders.insert(folder).inserted { parent = Self.parent(of: folder) }
        }
        var removedAll = true
        if previousFilesClaimed < previous.files.count {
            for path in previous.files.keys where !usedFolders.contains(path) {
                let kept = claimed[Self.folded(path)]
                if kept == path { continue }
                // On a file system that ignores case, `Logo.png` may now be this site's `logo.png`.
                if let kept, Self.isSameFile(rootPath + "/" + path, rootPath + "/" + kept) { continue }
                if unlink(rootPath + "/" + path) != 0, errno != ENOENT, ld_remove_tree(rootPath + "/" + path) != 0,
                    errno != ENOENT
                {
                    removedAll = false
                }
            }
        }
        for folder in previous.folders.reversed() where !usedFolders.contains(folder) {
            if rmdir(rootPath + "/" + folder) != 0, errno != ENOENT { removedAll = false }
        }
        return removedAll
    }

    /// Folders claimed since the last call, parents before children: each level on all cores.
    private mutating func makeNewFolders() throws {
        // Depth by the bytes: counting characters broke every path into graphemes.
        let levels = Dictionary(grouping: newFolders) { $0.utf8.count { $0 == UInt8(ascii: "/") } }
        newFolders.removeAll()
        for depth in levels.keys.sorted() {
            let level = levels[depth]!
            try Self.inParallel(level.count) { [rootPath, previous] index in
                let path = rootPath + "/" + level[index]
                // A file of the previous site where this site has a folder.
                if previous?.files[level[index]] != nil { unlink(path) }
                if mkdir(path, 0o777) != 0, errno != EEXIST { throw Self.systemError() }
            }
        }
    }

    /// Read once: each call reads the cgroup's CPU quota files, and folders are made for every
    /// batch of pages written.
    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Runs `body` for 0..<count on every core; the first error is thrown once all stop.
    private static func inParallel(_ count: Int, _ body: @Sendable (Int) throws -> Void) throws {
        let workers = min(count, cores)
        guard workers > 1 else {
            for index in 0..<count { try body(index) }
            return
        }
        let firstError = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: count, by: workers) {
                do {
                    try body(index)
                } catch {
                    firstError.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if let error = firstError.withLock({ $0 }) { throw error }
    }

    /// An unchanged file: a hard link to the file of the site being replaced (a copy where links
    /// are not possible), so nothing is rendered or written twice and the swap stays atomic.
    private static func link(_ source: String, to target: String) throws {
        if Foundation.link(source, target) == 0 { return }
        // Something is in the way the listing of the previous site missed (a name differing
        // only in case, say): replace it, never write into it.
        if errno == EEXIST, unlink(target) == 0, Foundation.link(source, target) == 0 { return }
        try FileManager.default.copyItem(atPath: source, toPath: target)
    }

    /// A new file with the file's bytes. Plain system calls: Foundation's `Data.write` syncs every
    /// file to disk on its own, which took longer than rendering; `syncToDisk()` does that
    /// once for the whole site before it is swapped in.
    private static func create(_ path: String, with file: OutputFile) throws {
        let descriptor = try createNewFile(path)
        defer { close(descriptor) }
        try file.withBytes { try write($0, to: descriptor) }
    }

    /// Opens a new file at `path` for writing; one in the way is removed first, never written
    /// over: an existing file may be a hard link shared with the live site.
    static func createNewFile(_ path: String) throws -> Int32 {
        var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if descriptor < 0, errno == EEXIST, unlink(path) == 0 {
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard descriptor >= 0 else { throw Self.systemError() }
        return descriptor
    }

    /// Writes all of `buffer`, however many calls that takes.
    static func write(_ buffer: UnsafeRawBufferPointer, to descriptor: Int32) throws {
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

    private static func isSameFile(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        return stat(first, &a) == 0 && stat(second, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    /// Every file written so far, on disk: the swap must never expose a site that a power
    /// cut could leave half-written. One `syncfs` on Linux; elsewhere every file in turn.
    func syncToDisk() throws {
        #if os(Linux)
            let descriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw Self.systemError() }
            defer { close(descriptor) }
            if ld_sync_file_system(descriptor) != 0 { throw Self.systemError() }
        #else
            for path in claimed.values {
                let descriptor = open(rootPath + "/" + path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { throw Self.systemError() }
                defer { close(descriptor) }
                if fsync(descriptor) != 0 { throw Self.systemError() }
            }
        #endif
    }

    /// The error the last system call set.
    static func systemError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }

    /// Checks a path, reserves it and has its folder made. A path the previous site holds a file
    /// at needs neither check nor folder: its listing checked every path, and its folders are there.
    private mutating func claim(_ path: String, heldBefore: Bool) throws {
        guard heldBefore || Self.staysInside(path) else {
            throw SiteBuildError(file: path, line: 0, message: "refusing to write outside the output folder")
        }
        guard claimed.updateValue(path, forKey: Self.folded(path)) == nil else {
            throw SiteBuildError(file: path, line: 0, message: "two outputs want the same path")
        }
        if !heldBefore, let parent = Self.parent(of: path) { make(parent) }
    }

    /// A folder this site needs: to be made, its parents first, unless the previous site holds it
    /// (and so its parents). Each folder comes here once.
    private mutating func make(_ folder: String) {
        guard previous?.folderSet.contains(folder) != true, madeFolders.insert(folder).inserted else { return }
        if let parent = Self.parent(of: folder) { make(parent) }
        newFolders.append(folder)
    }

    /// `path.lowercased()`, the path itself when it has nothing to lower (nearly every path of a
    /// site): lowering copied each of the site's paths twice. Its bytes read in place: through
    /// the UTF-8 view, a byte at a time, each of 12,700 paths took hundreds of instructions.
    private static func folded(_ path: String) -> String {
        let mayLower = path.containsByte { $0 >= 0x80 || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        return mayLower ? path.lowercased() : path
    }

    static func parent(of path: String) -> String? {
        // Read in place: through the UTF-8 view's generic search, each of the 50,000 paths a
        // build looks at took hundreds of instructions.
        path.withUTF8Bytes { bytes in
            bytes.lastIndex(of: UInt8(ascii: "/")).map {
                String(decoding: UnsafeBufferPointer(rebasing: bytes[..<$0]), as: UTF8.self)
            }
        }
    }

    /// Relative, with no empty, `.` or `..` part.
    static func staysInside(_ path: String) -> Bool {
        // Native strings are contiguous: read in place, a byte at a time without the view's checks.
        if let answer = path.utf8.withContiguousStorageIfAvailable({ staysInside($0) }) { return answer }
        return staysInside(Array(path.utf8))
    }

    private static func staysInside(_ path: some Collection<UInt8>) -> Bool {
        var partLength = 0
        var dots = 0
        for byte in path {
            guard byte == UInt8(ascii: "/") else {
                partLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
                continue
            }
            if partLength == 0 || partLength == dots && dots <= 2 { return false }
            (partLength, dots) = (0, 0)
        }
        return !(partLength == 0 || partLength == dots && dots <= 2)
    }
}
