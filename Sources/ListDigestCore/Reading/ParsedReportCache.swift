import Foundation

/// Reports parsed by an earlier build, by file name and a hash of the file's bytes, so that
/// a rebuild parses only the reports that changed, even when the reports folder was moved or is
/// named another way (`Site/reports`, `./Site/reports`, an absolute path). With each parse,
/// what the build worked out from it for the pages (its summaries as HTML, their first
/// sentences, its anchors and figures: `RenderedReport`): a rebuild renders only the summaries
/// of reports it parses anew. Written by the same program only (the program names the Markdown
/// renderer too): any other program, a damaged entry or a changed report is simply parsed again.
///
/// The file is a log: a header, then one entry per report parse, each with its own checksum.
/// A rebuild appends the reports it parsed anew (a new week adds one entry, not the whole
/// archive again); a later entry for a file name replaces an earlier one. When stale entries
/// outweigh the live ones, or the file is damaged or another program's, it is written again
/// whole, each report encoded again from its parse.
public struct ParsedReportCache: Sendable {
    public static let empty = ParsedReportCache(entries: [:], storedBytes: 0, appendableSize: nil)

    private struct Entry {
        /// The path the report was read from, as written in its parse.
        let path: String
        let digest: UInt64
        /// The encoded `ParsedReport`, a slice of the file read (empty `withoutContents`).
        let payload: ByteSlice
        /// The encoded `RenderedReport`, if any, a slice of the file read (empty `withoutContents`).
        let rendered: ByteSlice
        /// The whole entry's size in the file.
        let size: Int
    }

    /// File name → its latest entry.
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

    private static let magic = Array("ListDigest parsed reports 7\n".utf8)

    /// The file as parsed when its bytes still hash to `digest`, with what was rendered from it if it was kept.
    /// A parse made under another path names the new one, and is written to the cache again.
    func parsed(path: String, digest: UInt64) -> ParsedFile? {
        guard let entry = entries[Self.name(of: path)], entry.digest == digest else { return nil }
        let moved = entry.path == path ? nil : (from: entry.path, to: path)
        var reader = ByteReader(entry.payload)
        guard let report = try? ParsedReportCodec.decode(from: &reader, moved: moved), reader.isAtEnd else {
            return nil
        }
        var renderedReader = ByteReader(entry.rendered)
        let rendered: RenderedReport?
        do throws(ByteReader.Malformed) {
            rendered = try renderedReader.optional { reader throws(ByteReader.Malformed) in
                try RenderedReport.decode(from: &reader)
            }
        } catch {
            return nil
        }
        guard renderedReader.isAtEnd else { return nil }
        return ParsedFile(
            path: path, digest: digest, parsed: report, parseIsCached: moved == nil, rendered: rendered,
            renderedIsCached: true)
    }

    /// The same cache without its hold on the file's bytes, all `update` needs: the file (tens of
    /// megabytes) stays mapped only while reports decoded from it keep their summaries there.
    /// Its `parsed` finds nothing.
    public func withoutContents() -> ParsedReportCache {
        ParsedReportCache(
            entries: entries.mapValues {
                Entry(path: $0.path, digest: $0.digest, payload: .empty, rendered: .empty, size: $0.size)
            }, storedBytes: storedBytes, appendableSize: appendableSize)
    }

    /// What entries are found by: reports are the `.md` files of one folder, named by week.
    /// (Cut at the last slash rather than through `NSString`, which bridged every path.)
    private static func name(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// The cache at `file` if `program` wrote it: every entry up to the first one that is cut
    /// short or damaged. Otherwise an empty one.
    public static func load(from file: String, program: String) -> ParsedReportCache {
        guard case (let bytes, var reader)? = CacheFile.open(file, magic: magic, program: program) else {
            return .empty
        }
        var entries: [String: Entry] = [:]
        var stored = 0
        while !reader.isAtEnd {
            let start = reader.position
            guard let (path, digest, payload, rendered) = try? readEntry(&reader),
                case let body = reader.bytes(from: start), let checksum = try? reader.uint64(),
                checksum == body.withUnsafeBytes(CacheFile.checksum)
            else { return ParsedReportCache(entries: entries, storedBytes: stored, appendableSize: nil) }
            entries[name(of: path)] = Entry(
                path: path, digest: digest, payload: payload, rendered: rendered, size: reader.position - start)
            stored += reader.position - start
        }
        return ParsedReportCache(entries: entries, storedBytes: stored, appendableSize: bytes.buffer.count)
    }

    private static func readEntry(
        _ reader: inout ByteReader
    ) throws(ByteReader.Malformed) -> (String, UInt64, ByteSlice, ByteSlice) {
        (
            try reader.string(), try reader.uint64(), try reader.bytes(try reader.count()),
            try reader.bytes(try reader.count())
        )
    }

    /// Brings `file` (from which this cache was loaded) up to date with the parse of every file
    /// read: appends the reports parsed anew (or rendered anew), or writes it again
    /// whole when stale entries would outweigh live ones or it cannot be appended to. A whole
    /// file is written to `temporary` first, then renamed, so a reader never sees half of it; a
    /// half-appended entry is one a reader ignores.
    public func update(_ files: [ParsedFile], file: String, temporary: String, program: String) throws {
        // Nothing to append to (a clean build, another program's file): straight to writing it
        // whole, without encoding the reports twice.
        guard let size = appendableSize else {
            return try Self.write(files, to: file, through: temporary, program: program)
        }
        var fresh = ByteWriter()
        var live = 0
        for parsedFile in files {
            if parsedFile.isCachedAsIs, let entry = entries[Self.name(of: parsedFile.path)] {
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
            if try CacheFile.append(fresh.bytes, to: file, ifSizeIs: size) { return }
        }
        try Self.write(files, to: file, through: temporary, program: program)
    }

    private static func writeEntry(_ parsedFile: ParsedFile, into writer: inout ByteWriter) {
        let start = writer.bytes.count
        writer.write(parsedFile.path)
        writer.write(parsedFile.digest)
        var encoded = ByteWriter()
        ParsedReportCodec.encode(parsedFile.parsed, into: &encoded)
        writer.write(encoded.bytes.count)
        writer.append(encoded.bytes)
        var encodedRendered = ByteWriter()
        encodedRendered.writeOptional(parsedFile.rendered) { $1.encode(into: &$0) }
        writer.write(encodedRendered.bytes.count)
        writer.append(encodedRendered.bytes)
        writer.write(writer.bytes[start...].withUnsafeBytes(CacheFile.checksum))
    }

    /// Writes the parse of every file read as a new cache, replacing `file` whole: first to
    /// `temporary`, then renamed.
    public static func write(
        _ files: [ParsedFile], to file: String, through temporary: String, program: String
    ) throws {
        try CacheFile.replace(file, through: temporary) { write in
            try write(CacheFile.header(magic: magic, program: program))
            var entry = ByteWriter()
            for parsedFile in files {
                entry.removeAll()
                writeEntry(parsedFile, into: &entry)
                try write(entry.bytes)
            }
        }
    }
}

/// One report file as read by a build: its path, the hash of its bytes and what parsing gave.
public struct ParsedFile: Sendable {
    public let path: String
    public let digest: UInt64
    public let parsed: ParsedReport
    /// The parse came from the cache, as the file holds it (read under the same path).
    let parseIsCached: Bool
    /// What was worked out from the report for the pages, once worked out (by the caller: the
    /// cache only keeps it).
    public private(set) var rendered: RenderedReport?
    /// `rendered` came from the cache.
    fileprivate var renderedIsCached: Bool

    init(
        path: String, digest: UInt64, parsed: ParsedReport, parseIsCached: Bool = false,
        rendered: RenderedReport? = nil, renderedIsCached: Bool = false
    ) {
        self.path = path
        self.digest = digest
        self.parsed = parsed
        self.parseIsCached = parseIsCached
        self.rendered = rendered
        self.renderedIsCached = renderedIsCached
    }

    /// The same file with what was worked out from it anew, for the cache to keep.
    public func withRendered(_ rendered: RenderedReport) -> ParsedFile {
        var file = self
        file.rendered = rendered
        file.renderedIsCached = false
        return file
    }

    /// The cache holds this file's entry as it is: its parse and what was rendered from it came from there.
    var isCachedAsIs: Bool { parseIsCached && (rendered == nil || renderedIsCached) }
}
