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
package struct InputStamps: Sendable, Equatable {
    package static let empty = InputStamps(entries: [:])

    /// The file as `fstat` saw it.
    package struct Stamp: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modified: FileTime
        let changed: FileTime

        /// Whether a change after `readAt` (seconds since the epoch, when the file was read)
        /// is sure to give the file another change time.
        func isSettled(readAt: Int64) -> Bool { changed.seconds + InputStamps.settled <= readAt }
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

    /// A file's digest, with the stamp it had when read.
    package struct Entry: Equatable, Sendable {
        package let stamp: Stamp
        package let digest: Digest
    }

    static let settled: Int64 = 2

    /// By path.
    package private(set) var entries: [String: Entry]

    /// Keeps `digest` for `path`, read with `stamp` at `readAt` (seconds since the epoch), when
    /// that stamp is sure to change with the file; otherwise forgets the path.
    package mutating func keep(_ path: String, stamp: Stamp, digest: Digest, readAt: Int64) {
        entries[path] = stamp.isSettled(readAt: readAt) ? Entry(stamp: stamp, digest: digest) : nil
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

    private static let magic = Array("ListDigest input stamps 1\n".utf8)

    /// The stamps at `file` if `program` wrote them and they are whole; otherwise none.
    package static func load(from file: String, program: String) -> InputStamps {
        guard case (_, var reader)? = CacheFile.open(file, magic: magic, program: program) else { return .empty }
        let start = reader.position
        do throws(ByteReader.Malformed) {
            var entries: [String: Entry] = [:]
            let count = try reader.count()
            entries.reserveCapacity(count)
            for _ in 0..<count {
                let path = try reader.string()
                let stamp = Stamp(
                    device: try reader.uint64(), inode: try reader.uint64(), size: Int64(try reader.int()),
                    modified: try reader.fileTime(), changed: try reader.fileTime())
                entries[path] = Entry(stamp: stamp, digest: Digest(value: try reader.uint64(), size: try reader.int()))
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
            let (stamp, digest) = (entries[path]!.stamp, entries[path]!.digest)
            body.write(path)
            body.write(stamp.device)
            body.write(stamp.inode)
            for number in [
                stamp.size, stamp.modified.seconds, stamp.modified.nanoseconds, stamp.changed.seconds,
                stamp.changed.nanoseconds,
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

extension InputStamps.Stamp {
    package init(_ status: stat) {
        self.init(
            device: UInt64(status.st_dev), inode: UInt64(status.st_ino), size: Int64(status.st_size),
            modified: status.modificationTime, changed: status.changeTime)
    }
}

/// A time a file system stamps a file with: seconds since the epoch and nanoseconds.
package struct FileTime: Hashable, Comparable, Sendable {
    package let seconds: Int64
    package let nanoseconds: Int64

    package init(seconds: Int64, nanoseconds: Int64) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    package static func < (a: Self, b: Self) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }
}

extension stat {
    /// When the file's contents last changed (which anyone can set).
    package var modificationTime: FileTime {
        #if canImport(Darwin)
            FileTime(seconds: Int64(st_mtimespec.tv_sec), nanoseconds: Int64(st_mtimespec.tv_nsec))
        #else
            FileTime(seconds: Int64(st_mtim.tv_sec), nanoseconds: Int64(st_mtim.tv_nsec))
        #endif
    }

    /// When the file or its entry last changed: set to the present by any change, and by no one
    /// set back.
    package var changeTime: FileTime {
        #if canImport(Darwin)
            FileTime(seconds: Int64(st_ctimespec.tv_sec), nanoseconds: Int64(st_ctimespec.tv_nsec))
        #else
            FileTime(seconds: Int64(st_ctim.tv_sec), nanoseconds: Int64(st_ctim.tv_nsec))
        #endif
    }
}

extension ByteReader {
    fileprivate mutating func fileTime() throws(Malformed) -> FileTime {
        FileTime(seconds: Int64(try int()), nanoseconds: Int64(try int()))
    }
}
