import Foundation

/// Reports parsed by an earlier build, by file path and a hash of the file's bytes, so that
/// a rebuild parses only the reports that changed. Written by the same program only: any other
/// program, a damaged file or a changed report is simply parsed again.
public struct ParsedReportCache: Sendable {
    public static let empty = ParsedReportCache(entries: [:])

    /// Path → the hash of the bytes parsed and the encoded `ParsedReport` (slices of the file read).
    private let entries: [String: (digest: UInt64, payload: ArraySlice<UInt8>)]

    private init(entries: [String: (digest: UInt64, payload: ArraySlice<UInt8>)]) { self.entries = entries }

    private static let magic = Array("ListDigest parsed reports 1\n".utf8)

    /// Whether writing `files` would change anything: some report was parsed anew, or one is gone.
    public func isOutdated(by files: [ParsedFile]) -> Bool {
        files.count != entries.count || files.contains { $0.payload == nil }
    }

    /// The parse of `path` when its bytes still hash to `digest`, with its encoded form.
    func parsed(path: String, digest: UInt64) -> (report: ParsedReport, payload: ArraySlice<UInt8>)? {
        guard let entry = entries[path], entry.digest == digest else { return nil }
        var reader = ByteReader(entry.payload)
        guard let report = try? ParsedReportCodec.decode(from: &reader), reader.isAtEnd else { return nil }
        return (report, entry.payload)
    }

    /// The cache at `file` if `program` wrote it and it is whole; otherwise an empty one.
    public static func load(from file: String, program: String) -> ParsedReportCache {
        guard let data = FileManager.default.contents(atPath: file) else { return .empty }
        var reader = ByteReader([UInt8](data))
        do throws(ByteReader.Malformed) {
            guard try reader.bytes(magic.count).elementsEqual(magic), try reader.string() == program else {
                return .empty
            }
            let checksum = try reader.uint64()
            var hasher = StableHasher()
            hasher.combine(bytes: reader.rest)
            guard hasher.value == checksum else { return .empty }
            var entries: [String: (digest: UInt64, payload: ArraySlice<UInt8>)] = [:]
            for _ in 0..<(try reader.count()) {
                let path = try reader.string()
                let digest = try reader.uint64()
                entries[path] = (digest, try reader.bytes(try reader.count()))
            }
            return ParsedReportCache(entries: entries)
        } catch {
            return .empty
        }
    }

    /// Writes the parse of every file read, replacing `file` whole (a reader never sees half of
    /// it): first to `temporary`, then renamed.
    public static func write(_ files: [ParsedFile], to file: String, through temporary: String, program: String) throws
    {
        var body = ByteWriter()
        body.write(files.count)
        for parsedFile in files {
            body.write(parsedFile.path)
            body.write(parsedFile.digest)
            if let payload = parsedFile.payload {
                body.write(payload.count)
                body.append(payload)
            } else {
                var writer = ByteWriter()
                ParsedReportCodec.encode(parsedFile.parsed, into: &writer)
                body.write(writer.bytes.count)
                body.append(writer.bytes)
            }
        }
        var head = ByteWriter()
        head.append(magic)
        head.write(program)
        var hasher = StableHasher()
        hasher.combine(bytes: body.bytes)
        head.write(hasher.value)
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary)
        else {
            unlink(temporary)
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary])
        }
        do {
            defer { try? handle.close() }
            try handle.write(contentsOf: head.bytes)
            try handle.write(contentsOf: body.bytes)
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
}

/// One report file as read by a build: its path, the hash of its bytes and what parsing gave.
public struct ParsedFile: Sendable {
    public let path: String
    public let digest: UInt64
    public let parsed: ParsedReport
    /// The encoded parse, when it came from the cache (so writing the cache again need not encode it).
    let payload: ArraySlice<UInt8>?
}
