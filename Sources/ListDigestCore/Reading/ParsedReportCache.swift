import Foundation

/// Reports parsed by an earlier build, by file path and a hash of the file's bytes, so that
/// a rebuild parses only the reports that changed. Written by the same program only: any other
/// program, a damaged entry or a changed report is simply parsed again.
///
/// The file is a log: a header, then one entry per report parse, each with its own checksum.
/// A rebuild appends the reports it parsed anew (a new week adds one entry, not the whole
/// archive again); a later entry for a path replaces an earlier one. When stale entries outweigh
/// the live ones, or the file is damaged or another program's, it is written again whole.
public struct ParsedReportCache: Sendable {
    public static let empty = ParsedReportCache(entries: [:], storedBytes: 0, appendableSize: nil)

    private struct Entry {
        let digest: UInt64
        /// The encoded `ParsedReport`, a slice of the file read.
        let payload: ArraySlice<UInt8>
        /// The whole entry's size in the file.
        let size: Int
    }

    /// Path → its latest entry.
    private let entries: [String: Entry]
    /// The size of every whole entry in the file, the replaced ones too.
    private let storedBytes: Int
    /// The file's size, when this program wrote it and it ends with a whole entry: entries may
    /// be appended as long as the file still has that size (no other build changed it since).
    private let appendableSize: Int?

    private init(entries: [String: Entry], storedBytes: Int, appendableSize: Int?) {
        self.entries = entries
        self.storedBytes = storedBytes
        self.appendableSize = appendableSize
    }

    private static let magic = Array("ListDigest parsed reports 2\n".utf8)

    /// The parse of `path` when its bytes still hash to `digest`, with its encoded form.
    func parsed(path: String, digest: UInt64) -> (report: ParsedReport, payload: ArraySlice<UInt8>)? {
        guard let entry = entries[path], entry.digest == digest else { return nil }
        var reader = ByteReader(entry.payload)
        guard let report = try? ParsedReportCodec.decode(from: &reader), reader.isAtEnd else { return nil }
        return (report, entry.payload)
    }

    /// The cache at `file` if `program` wrote it: every entry up to the first one that is cut
    /// short or damaged. Otherwise an empty one.
    public static func load(from file: String, program: String) -> ParsedReportCache {
        guard let data = FileManager.default.contents(atPath: file) else { return .empty }
        let bytes = [UInt8](data)
        var reader = ByteReader(bytes)
        do throws(ByteReader.Malformed) {
            guard try reader.bytes(magic.count).elementsEqual(magic), try reader.string() == program else {
                return .empty
            }
        } catch {
            return .empty
        }
        var entries: [String: Entry] = [:]
        var stored = 0
        while !reader.isAtEnd {
            let start = reader.position
            guard let (path, digest, payload) = try? readEntry(&reader), let checksum = try? reader.uint64(),
                checksum == Self.checksum(bytes[start..<reader.position - 8])
            else { return ParsedReportCache(entries: entries, storedBytes: stored, appendableSize: nil) }
            entries[path] = Entry(digest: digest, payload: payload, size: reader.position - start)
            stored += reader.position - start
        }
        return ParsedReportCache(entries: entries, storedBytes: stored, appendableSize: bytes.count)
    }

    private static func readEntry(
        _ reader: inout ByteReader
    ) throws(ByteReader.Malformed) -> (String, UInt64, ArraySlice<UInt8>) {
        (try reader.string(), try reader.uint64(), try reader.bytes(try reader.count()))
    }

    private static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(bytes: bytes)
        return hasher.value
    }

    /// Brings `file` (from which this cache was loaded) up to date with the parse of every file
    /// read: appends the reports parsed anew, or writes it again whole when stale entries would
    /// outweigh live ones or it cannot be appended to. A whole file is written to `temporary`
    /// first, then renamed, so a reader never sees half of it; a half-appended entry is one a
    /// reader ignores.
    public func update(_ files: [ParsedFile], file: String, temporary: String, program: String) throws {
        // Nothing to append to (a clean build, another program's file): straight to writing it
        // whole, without encoding the reports twice.
        guard let size = appendableSize else {
            return try Self.write(files, to: file, through: temporary, program: program)
        }
        var fresh = ByteWriter()
        var live = 0
        for parsedFile in files {
            if parsedFile.payload != nil, let entry = entries[parsedFile.path] {
                live += entry.size
            } else {
                let start = fresh.bytes.count
                Self.writeEntry(parsedFile, into: &fresh)
                live += fresh.bytes.count - start
            }
        }
        if storedBytes + fresh.bytes.count <= 2 * live {
            if fresh.bytes.isEmpty { return }
            // Loaded before the output's lock was taken: another build may have written it since.
            if try Self.append(fresh.bytes, to: file, ifSizeIs: size) { return }
        }
        try Self.write(files, to: file, through: temporary, program: program)
    }

    private static func writeEntry(_ parsedFile: ParsedFile, into writer: inout ByteWriter) {
        let start = writer.bytes.count
        writer.write(parsedFile.path)
        writer.write(parsedFile.digest)
        if let payload = parsedFile.payload {
            writer.write(payload.count)
            writer.append(payload)
        } else {
            var encoded = ByteWriter()
            ParsedReportCodec.encode(parsedFile.parsed, into: &encoded)
            writer.write(encoded.bytes.count)
            writer.append(encoded.bytes)
        }
        writer.write(checksum(writer.bytes[start...]))
    }

    /// Writes the parse of every file read as a new cache, replacing `file` whole: first to
    /// `temporary`, then renamed.
    public static func write(
        _ files: [ParsedFile], to file: String, through temporary: String, program: String
    )
        throws
    {
        var head = ByteWriter()
        head.append(magic)
        head.write(program)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            unlink(temporary)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            defer { try? handle.close() }
            try handle.write(contentsOf: head.bytes)
            for parsedFile in files {
                var entry = ByteWriter()
                writeEntry(parsedFile, into: &entry)
                try handle.write(contentsOf: entry.bytes)
            }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, file) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "\(file): \(reason)"])
        }
    }

    /// Appends `bytes` to `file` unless it no longer has the size it had when loaded; false then.
    private static func append(_ bytes: [UInt8], to file: String, ifSizeIs size: Int) throws -> Bool {
        let descriptor = open(file, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size == size else {
            try handle.close()
            return false
        }
        try handle.write(contentsOf: bytes)
        try handle.close()
        return true
    }
}

/// One report file as read by a build: its path, the hash of its bytes and what parsing gave.
public struct ParsedFile: Sendable {
    public let path: String
    public let digest: UInt64
    public let parsed: ParsedReport
    /// The encoded parse, when it came from the cache (so writing the cache again need not encode it).
    let payload: ArraySlice<UInt8>?
}
