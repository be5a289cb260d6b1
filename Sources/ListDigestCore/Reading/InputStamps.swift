import Foundation

/// The digests of a build's input files (reports, templates, static files, mailmap) kept with
/// the file's stamp when it was read: device, inode, size, modification and change time. A file
/// whose stamp is the one kept has the kept digest, and is not read again: hashing 29 MB of
/// reports was a noticeable part of a rebuild after one added week, and most of a no-op.
///
/// The change time is the proof: writing to a file, renaming onto its name, or setting its
/// modification time back all set it to the present, which no one can set back. One catch, as
/// for git's index: a file changed again within the same tick of the file system's clock keeps
/// its stamp. So a digest is kept only for a file whose change time is at least `settled`
/// seconds older than the moment the build read it; a later change then gets a later change
/// time. (Two seconds: file systems with whole-second or two-second times too.) A clock set
/// back lets a change go unseen, as it does for `ManifestListing`; `build --clean` reads and
/// hashes every file again.
package struct InputStamps: Sendable {
    package static let empty = InputStamps(entries: [:])

    /// The file as `fstat` saw it.
    package struct Stamp: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modified: Int64
        let modifiedNanoseconds: Int64
        let changed: Int64
        let changedNanoseconds: Int64

        package init(_ status: stat) {
            device = UInt64(status.st_dev)
            inode = UInt64(status.st_ino)
            size = Int64(status.st_size)
            #if canImport(Darwin)
                (modified, modifiedNanoseconds) = (
                    Int64(status.st_mtimespec.tv_sec), Int64(status.st_mtimespec.tv_nsec)
                )
                (changed, changedNanoseconds) = (Int64(status.st_ctimespec.tv_sec), Int64(status.st_ctimespec.tv_nsec))
            #else
                (modified, modifiedNanoseconds) = (Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec))
                (changed, changedNanoseconds) = (Int64(status.st_ctim.tv_sec), Int64(status.st_ctim.tv_nsec))
            #endif
        }

        init(
            device: UInt64, inode: UInt64, size: Int64, modified: Int64, modifiedNanoseconds: Int64, changed: Int64,
            changedNanoseconds: Int64
        ) {
            (self.device, self.inode, self.size) = (device, inode, size)
            (self.modified, self.modifiedNanoseconds) = (modified, modifiedNanoseconds)
            (self.changed, self.changedNanoseconds) = (changed, changedNanoseconds)
        }

        /// Whether a change after `readAt` (seconds since the epoch, when the file was read)
        /// is sure to give the file another change time.
        package func isSettled(readAt: Int64) -> Bool { changed + InputStamps.settled <= readAt }
    }

    /// A file's digest (the hash of its bytes) and size, as read.
    package struct Digest: Hashable, Sendable {
        package let value: UInt64
        package let size: Int

        package init(value: UInt64, size: Int) {
            self.value = value
            self.size = size
        }
    }

    static let settled: Int64 = 2

    /// By path.
    package private(set) var entries: [String: (stamp: Stamp, digest: Digest)]

    package init(entries: [String: (stamp: Stamp, digest: Digest)]) {
        self.entries = entries
    }

    /// The kept digest of the file at `path`, when it is stamped as it was.
    package func digest(of path: String, stamp: Stamp) -> Digest? {
        guard let entry = entries[path], entry.stamp == stamp else { return nil }
        return entry.digest
    }

    /// Keeps `digest` for `path`, read with `stamp` at `readAt` (seconds since the epoch), when
    /// that stamp is sure to change with the file; otherwise forgets the path.
    package mutating func keep(_ path: String, stamp: Stamp, digest: Digest, readAt: Int64) {
        entries[path] = stamp.isSettled(readAt: readAt) ? (stamp, digest) : nil
    }

    /// The seconds since the epoch by the clock the file system stamps files with (the coarse
    /// clock: a file's times can be a tick behind the precise one).
    package static func now() -> Int64 {
        var time = timespec()
        #if os(Linux)
            clock_gettime(CLOCK_REALTIME_COARSE, &time)
        #else
            clock_gettime(CLOCK_REALTIME, &time)
        #endif
        return Int64(time.tv_sec)
    }

    /// Whether both keep the same digests for the same stamps.
    package func isSame(as other: InputStamps) -> Bool {
        entries.count == other.entries.count
            && entries.allSatisfy { path, entry in
                other.entries[path].map { $0.stamp == entry.stamp && $0.digest == entry.digest } ?? false
            }
    }

    private static let magic = Array("ListDigest input stamps 1\n".utf8)

    /// The stamps at `file` if `program` wrote them and they are whole; otherwise none.
    package static func load(from file: String, program: String) -> InputStamps {
        guard case (_, var reader)? = CacheFile.open(file, magic: magic, program: program) else { return .empty }
        let start = reader.position
        do throws(ByteReader.Malformed) {
            var entries: [String: (stamp: Stamp, digest: Digest)] = [:]
            let count = try reader.count()
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let path = try reader.string()
                let stamp = Stamp(
                    device: try reader.uint64(), inode: try reader.uint64(), size: Int64(try reader.int()),
                    modified: Int64(try reader.int()), modifiedNanoseconds: Int64(try reader.int()),
                    changed: Int64(try reader.int()), changedNanoseconds: Int64(try reader.int()))
                entries[path] = (stamp, Digest(value: try reader.uint64(), size: try reader.int()))
            }
            let body = reader.bytes(from: start)
            guard try reader.uint64() == body.withUnsafeBytes(CacheFile.checksum), reader.isAtEnd else { return .empty }
            return InputStamps(entries: entries)
        } catch {
            return .empty
        }
    }

    /// Writes the stamps to `file`, whole under `temporary` first. Only a cache: a file that
    /// cannot be written has the next build read every input again.
    package func write(to file: String, temporary: String, program: String) throws {
        var body = ByteWriter()
        body.write(entries.count)
        // In path order: the same stamps make the same file.
        for path in entries.keys.sorted() {
            let (stamp, digest) = entries[path]!
            body.write(path)
            body.write(stamp.device)
            body.write(stamp.inode)
            for number in [
                stamp.size, stamp.modified, stamp.modifiedNanoseconds, stamp.changed, stamp.changedNanoseconds,
            ] {
                body.write(Int(number))
            }
            body.write(digest.value)
            body.write(digest.size)
        }
        var checksum = ByteWriter()
        checksum.write(body.bytes.withUnsafeBytes(CacheFile.checksum))
        try CacheFile.replace(file, through: temporary) { write in
            try write(CacheFile.header(magic: Self.magic, program: program))
            try write(body.bytes)
            try write(checksum.bytes)
        }
    }
}
