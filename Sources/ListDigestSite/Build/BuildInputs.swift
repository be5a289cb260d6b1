import CListDigestSupport
import Foundation
import ListDigestCore

/// A digest of everything a build reads: the program, the effective config, the templates,
/// the static files, the mailmap and every report. Equal digests mean an identical site, so
/// a rebuild with nothing changed can stop before reading a single report.
struct BuildInputs {
    let digest: String
    /// The hash of each report file's bytes by path, as `ArchiveLoader` hashes and names them:
    /// a report the parsed-report cache holds is then taken from it without being read again.
    let reportDigests: [String: UInt64]

    /// The effective config as one text: what every page key is seeded with (`PageKeys`).
    let settings: String
    /// The input files' digests with their stamps, for the next build (`InputStamps`).
    let stamps: InputStamps
    /// How many input files were read and hashed, of how many: the others' digests were kept
    /// with their stamps.
    let filesRead: (read: Int, of: Int)

    /// `strict` counts as an input: a `--strict` build after a lenient one must look at the errors.
    /// `stamps`: the digests an earlier build kept, taken for the files stamped as they were;
    /// `readAt`: the moment the files are read, by the file system's clock (`InputStamps.now()`).
    init(
        site: SiteLocation, config: SiteConfig, strict: Bool = false, stamps: InputStamps = .empty,
        readAt: Int64 = InputStamps.now()
    ) {
        var hasher = StableHasher()
        hasher.combine(Self.program)
        hasher.combine(strict ? "strict" : "lenient")
        settings = String(describing: config)
        hasher.combine(settings)
        var reading = Reading(kept: stamps, readAt: readAt)
        for folder in [site.templatesDirectory, site.staticDirectory] {
            _ = Self.combineFolder(folder, into: &hasher, reading: &reading)
        }
        reportDigests = Self.combineFolder(site.reportsDirectory, into: &hasher, reading: &reading)
        _ = Self.combineFile(site.mailmapFile, into: &hasher, reading: &reading)
        digest = hasher.hex
        self.stamps = reading.stamps
        filesRead = (reading.read, reading.files)
    }

    /// What the files' digests are taken from and kept in, with how many were read.
    private struct Reading {
        let kept: InputStamps
        var stamps = InputStamps.empty
        /// When the files were read, by the file system's clock.
        let readAt: Int64
        var read = 0
        var files = 0

        mutating func add(_ path: String, _ file: HashedFile?) {
            guard let file else { return }
            files += 1
            if file.wasRead { read += 1 }
            stamps.keep(path, stamp: file.stamp, digest: file.digest, readAt: readAt)
        }
    }

    /// The program itself (its version, its build and the libcmark it runs with): another
    /// build or another libcmark may render differently, so neither the whole site nor any page
    /// or kept summary is taken over then.
    static let program = "listdigest \(ListDigestVersion.current) cmark \(MarkdownRenderer.libraryVersion) \(build)"

    /// The linker's hash of the executable's contents (its build ID): a copy of the same
    /// executable, installed again with a new date, is the same program. (Compiling the same
    /// code twice gives two: Swift's debug information differs between compilations.) Where
    /// there is none, the executable's size and date.
    private static var build: String {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = ld_build_id(&buffer, buffer.count)
        if length > 0 {
            return "build " + buffer[..<length].map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }.joined()
        }
        // Bundle.main finds the running executable even when it was started by name from PATH.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? ""))
            .resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: executable) else { return "" }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(attributes[.size] ?? 0) \(modified)"
    }

    /// Returns each file's digest by path. The files are read and hashed on every core (those
    /// stamped as `reading` kept them are not read), then combined in order: the same digest as
    /// one after another.
    private static func combineFolder(
        _ folder: String, into hasher: inout StableHasher, reading: inout Reading
    ) -> [String: UInt64] {
        hasher.combine("folder \(folder)")
        // Listed in one pass, nothing stat'ed (with FileManager's enumerator a no-op build of 520
        // weeks took 27 ms, 24 with this).
        guard let (files, folders) = FolderTree.list(folder) else { return [:] }
        let entries = (files.map { (path: $0, isFolder: false) } + folders.map { (path: $0, isFolder: true) })
            .sorted { $0.path < $1.path }
        let paths = entries.map { (folder as NSString).appendingPathComponent($0.path) }
        let kept = reading.kept
        let hashed = Parallel.map(paths.count, scratch: { [UInt8]() }) { buffer, index in
            entries[index].isFolder ? nil : hashedFile(paths[index], kept: kept, buffer: &buffer)
        }
        var digests: [String: UInt64] = [:]
        digests.reserveCapacity(files.count)
        for index in entries.indices {
            hasher.combine(entries[index].path)
            let digest = combine(hashed[index]?.digest, into: &hasher)
            if !entries[index].isFolder {
                digests[paths[index]] = digest
                reading.add(paths[index], hashed[index])
            }
        }
        return digests
    }

    /// Returns the digest of the file's bytes (`ArchiveLoader`'s), nil when it cannot be read.
    private static func combineFile(
        _ path: String, into hasher: inout StableHasher, reading: inout Reading
    ) -> UInt64? {
        var buffer: [UInt8] = []
        let file = hashedFile(path, kept: reading.kept, buffer: &buffer)
        reading.add(path, file)
        return combine(file?.digest, into: &hasher)
    }

    private static func combine(_ file: InputStamps.Digest?, into hasher: inout StableHasher) -> UInt64? {
        guard let file else {
            hasher.combine("absent")
            return nil
        }
        hasher.combine(file.value)
        hasher.combine(file.size)
        return file.value
    }

    /// A file's digest, with its stamp and whether it was read for it.
    private struct HashedFile {
        let digest: InputStamps.Digest
        let stamp: InputStamps.Stamp
        let wasRead: Bool
    }

    /// The digest `kept` holds for the file as it is stamped now, else the hash of its bytes and
    /// their count; nil when it cannot be read. Read into `buffer`, which each core keeps from
    /// one file to the next: read into memory of their own, the reports were 29 MB of fresh
    /// memory for every build, a few milliseconds of clearing pages.
    private static func hashedFile(_ path: String, kept: InputStamps, buffer: inout [UInt8]) -> HashedFile? {
        var status = stat()
        // Stat'ed only for a kept digest: a build without one (the first, or `--clean`) reads
        // every file anyway.
        if let entry = kept.entries[path], stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            InputStamps.Stamp(status) == entry.stamp
        {
            return HashedFile(digest: entry.digest, stamp: entry.stamp, wasRead: false)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // Stamped as it was opened: a file changed while it is read gets a later stamp, so the
        // next build reads it again.
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var file = StableHasher()
        var size = 0
        // Its size as it is read, not as it was stat'ed: a file being written may have grown.
        let chunk = max(Int(status.st_size) + 1, 1 << 16)
        if buffer.count < chunk { buffer = [UInt8](repeating: 0, count: chunk) }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { break }
            buffer.withUnsafeBytes { file.combine(raw: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            size += count
        }
        return HashedFile(
            digest: InputStamps.Digest(value: file.value, size: size), stamp: InputStamps.Stamp(status), wasRead: true)
    }
}
