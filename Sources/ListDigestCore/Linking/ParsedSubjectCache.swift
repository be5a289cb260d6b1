import Foundation

/// The subject lines an earlier build parsed, each with what parsing gave (its `Subject` and
/// `SeriesKey`), in the order the message table numbered them: the order they were first
/// listed, oldest report first. A rebuild after a week was added finds every line of the weeks
/// before it at the same place, and parses only the new week's lines: parsing the archive's
/// forty-five thousand distinct lines was the longest step of linking. A line is taken from
/// here only when it is byte for byte the line kept at its place; any other line is parsed.
/// Written by the same program only (the program is the parser).
///
/// The file is a header, then blocks: a count, that many entries (each with its size first)
/// and a checksum of the block. A build that parsed lines only after the kept ones appends
/// them as a block; one that parsed a line at a kept one's place writes the file again whole.
package struct ParsedSubjectCache: Sendable {
    package static let empty = ParsedSubjectCache(bytes: nil, offsets: [], appendableSize: nil)

    /// The file's bytes, mapped.
    private let bytes: SharedBytes?
    /// Where each entry of every whole block starts, in order.
    private let offsets: [Int]
    /// The file's size, when it ends with a whole block: new lines may be appended as long as
    /// it still has that size (no other build changed it since).
    private let appendableSize: Int?

    private init(bytes: SharedBytes?, offsets: [Int], appendableSize: Int?) {
        self.bytes = bytes
        self.offsets = offsets
        self.appendableSize = appendableSize
    }

    private static let magic = Array("ListDigest parsed subjects 1\n".utf8)

    /// How many lines are kept.
    var count: Int { offsets.count }

    /// The cache at `file` if `program` wrote it: every entry of the blocks before the first
    /// one that is cut short or damaged. Otherwise an empty one.
    package static func load(from file: String, program: String) -> ParsedSubjectCache {
        guard case (let bytes, var reader)? = CacheFile.open(file, magic: magic, program: program) else {
            return .empty
        }
        var offsets: [Int] = []
        while !reader.isAtEnd {
            let start = reader.position
            var block: [Int] = []
            do throws(ByteReader.Malformed) {
                let count = try reader.count()
                block.reserveCapacity(count)
                for _ in 0..<count {
                    let size = try reader.count()
                    block.append(reader.position)
                    _ = try reader.bytes(size)
                }
                let body = reader.bytes(from: start)
                guard try reader.uint64() == body.withUnsafeBytes(CacheFile.checksum) else { throw .init() }
            } catch {
                return ParsedSubjectCache(bytes: bytes, offsets: offsets, appendableSize: nil)
            }
            offsets += block
        }
        return ParsedSubjectCache(bytes: bytes, offsets: offsets, appendableSize: bytes.buffer.count)
    }

    /// The parse kept at `index`, when the line kept there is `line`.
    func parsed(at index: Int, line: String) -> (subject: Subject, key: SeriesKey)? {
        guard let bytes, index < offsets.count else { return nil }
        var reader = ByteReader(ByteSlice(bytes, offsets[index]..<bytes.buffer.count))
        do throws(ByteReader.Malformed) {
            guard try reader.matches(line) else { return nil }
            return try Self.readParse(from: &reader)
        } catch {
            return nil
        }
    }

    private static func write(_ line: String, _ subject: Subject, _ key: SeriesKey, into writer: inout ByteWriter) {
        writer.write(line)
        let flags = [
            subject.isReply, subject.isRFC, subject.isResend, subject.isPatch, subject.isPull,
            subject.versionWasWritten,
        ]
        writer.write(flags.enumerated().reduce(0) { $0 | ($1.element ? 1 << $1.offset : 0) })
        writer.write(subject.version)
        for number in [subject.minorVersion, subject.part, subject.total] {
            writer.writeOptional(number) { $0.write($1) }
        }
        writer.write(subject.tags)
        writer.write(subject.title)
        writer.write(key.title)
        writer.write(key.identityTags)
    }

    private static func readParse(
        from reader: inout ByteReader
    ) throws(ByteReader.Malformed) -> (subject: Subject, key: SeriesKey) {
        let flags = try reader.int()
        func flag(_ bit: Int) -> Bool { flags & (1 << bit) != 0 }
        let version = try reader.int()
        let minorVersion = try reader.optionalInt()
        let part = try reader.optionalInt()
        let total = try reader.optionalInt()
        let tags = try reader.strings()
        let title = try reader.string()
        let subject = Subject(
            isReply: flag(0), isRFC: flag(1), isResend: flag(2), isPatch: flag(3), isPull: flag(4), tags: tags,
            version: version, minorVersion: minorVersion, versionWasWritten: flag(5), part: part, total: total,
            title: title)
        return (subject, SeriesKey(title: try reader.string(), identityTags: try reader.strings()))
    }

    /// What a build parsed that the cache does not hold, for `keep`.
    package struct Update: Sendable {
        /// The lines to write, each with its parse: those after the kept ones, or every line.
        let entries: [(line: String, subject: Subject, key: SeriesKey)]
        /// The file's size, when they are to be appended to it; nil when it is written whole.
        let appendingTo: Int?

        package static let none = Update(entries: [], appendingTo: nil)
    }

    /// What `keep` is to write once the table's distinct `lines` are parsed (`parse`), when
    /// `reparsed` of them were parsed although a kept line had their place.
    func update(lines: [String], reparsed: Int, parse: (Int) -> (subject: Subject, key: SeriesKey)) -> Update {
        let whole = reparsed > 0 || appendableSize == nil
        let from = whole ? 0 : count
        guard from < lines.count else { return .none }
        return Update(
            entries: (from..<lines.count).map { index in
                let (subject, key) = parse(index)
                return (lines[index], subject, key)
            }, appendingTo: whole ? nil : appendableSize)
    }

    /// Brings `file` up to date: appends the lines parsed after the kept ones, or writes it
    /// again whole, first to `temporary`, then renamed (a half-appended block is one a reader
    /// ignores). When another build changed the file since it was loaded, it is left to the
    /// next build.
    package static func keep(_ update: Update, file: String, temporary: String, program: String) throws {
        guard !update.entries.isEmpty else { return }
        var block = ByteWriter()
        block.write(update.entries.count)
        var entry = ByteWriter()
        for (line, subject, key) in update.entries {
            entry.removeAll()
            write(line, subject, key, into: &entry)
            block.write(entry.bytes.count)
            block.append(entry.bytes)
        }
        block.write(block.bytes.withUnsafeBytes(CacheFile.checksum))
        if let size = update.appendingTo {
            _ = try CacheFile.append(block.bytes, to: file, ifSizeIs: size)
            return
        }
        try CacheFile.replace(file, through: temporary) { write in
            try write(CacheFile.header(magic: magic, program: program))
            try write(block.bytes)
        }
    }
}

extension ByteWriter {
    fileprivate mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }
}

extension ByteReader {
    fileprivate mutating func optionalInt() throws(Malformed) -> Int? {
        try bool() ? try int() : nil
    }

    fileprivate mutating func strings() throws(Malformed) -> [String] {
        let count = try count()
        guard count > 0 else { return [] }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count { texts.append(try string()) }
        return texts
    }
}
