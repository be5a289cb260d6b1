import Foundation

/// The subject lines an earlier build parsed, each with what parsing gave (its `Subject` and
/// `SeriesKey`), in the order the message table numbered them: the order they were first
/// listed, oldest report first. A rebuild after a week was added finds every line of the weeks
/// before it at the same place, and parses only the new week's lines: parsing the archive's
/// forty-five thousand distinct lines was the longest step of linking. A line is taken from
/// here only when it is byte for byte the line kept at its place; any other line is parsed.
/// Each line also keeps the number the message table gave its series key and the key's stable
/// hash: when every kept line is at its place, their numbers stand, and a kept line is read
/// without making any of its texts. Written by the same program only (the program is the parser).
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

    private static let magic = Array("ListDigest parsed subjects 2\n".utf8)

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

    /// What linking reads of the line kept at `index`, with its key's stable hash, when the line
    /// kept there is `line`; no text of it is made.
    func facts(at index: Int, line: String) -> (facts: MessageTable.LineFacts, keyHash: UInt64)? {
        guard var reader = reader(at: index) else { return nil }
        do throws(ByteReader.Malformed) {
            guard try reader.matches(line) else { return nil }
            let numbers = try reader.subjectNumbers()
            let facts = MessageTable.LineFacts(
                keyID: try reader.int(), isReply: numbers.flags.isReply, isRFC: numbers.flags.isRFC,
                version: numbers.version, part: numbers.part, total: numbers.total)
            return (facts, try reader.uint64())
        } catch {
            return nil
        }
    }

    /// Whether the key of the line kept at `index` is `key`, compared with the bytes kept.
    func keyMatches(_ key: SeriesKey, at index: Int) -> Bool {
        guard var reader = reader(at: index) else { return false }
        do throws(ByteReader.Malformed) {
            try Self.skipToKey(&reader)
            guard try reader.matches(key.title), try reader.count() == key.identityTags.count else { return false }
            for tag in key.identityTags where !(try reader.matches(tag)) { return false }
            return true
        } catch {
            return false
        }
    }

    /// The key of the line kept at `index`.
    func key(at index: Int) -> SeriesKey? {
        guard var reader = reader(at: index) else { return nil }
        do throws(ByteReader.Malformed) {
            try Self.skipToKey(&reader)
            return SeriesKey(title: try reader.string(), identityTags: try reader.strings())
        } catch {
            return nil
        }
    }

    /// The parse kept at `index`, when the line kept there is `line`.
    func parsed(at index: Int, line: String) -> (subject: Subject, key: SeriesKey)? {
        guard var reader = reader(at: index) else { return nil }
        do throws(ByteReader.Malformed) {
            guard try reader.matches(line) else { return nil }
            let numbers = try reader.subjectNumbers()
            _ = try reader.int()
            _ = try reader.uint64()
            let key = SeriesKey(title: try reader.string(), identityTags: try reader.strings())
            return (Subject(numbers, tags: try reader.strings(), title: try reader.string()), key)
        } catch {
            return nil
        }
    }

    private func reader(at index: Int) -> ByteReader? {
        guard let bytes, index < offsets.count else { return nil }
        return ByteReader(ByteSlice(bytes, offsets[index]..<bytes.buffer.count))
    }

    /// An entry: the line; the subject's flags, version, minor version, part and total; the
    /// key's number and stable hash; the key's title and tags; the subject's tags and title.
    /// What linking reads of most lines comes first.
    private static func write(_ entry: Update.Entry, into writer: inout ByteWriter) {
        let subject = entry.subject
        writer.write(entry.line)
        writer.writeNumbers(of: subject)
        writer.write(entry.keyID)
        writer.write(entry.keyHash)
        writer.write(entry.key.title)
        writer.write(entry.key.identityTags)
        writer.write(subject.tags)
        writer.write(subject.title)
    }

    /// Past the line, the numbers, and the key's number and hash.
    private static func skipToKey(_ reader: inout ByteReader) throws(ByteReader.Malformed) {
        _ = try reader.bytes(try reader.count())
        _ = try reader.subjectNumbers()
        _ = try reader.int()
        _ = try reader.uint64()
    }

    /// What a build parsed that the cache does not hold, for `keep`.
    package struct Update: Sendable {
        struct Entry {
            let line: String
            let subject: Subject
            let key: SeriesKey
            /// The key's number in the message table, and its stable hash.
            let keyID: Int
            let keyHash: UInt64
        }

        /// The lines to write, each with its parse: those after the kept ones, or every line.
        let entries: [Entry]
        /// The file's size, when they are to be appended to it; nil when it is written whole.
        let appendingTo: Int?

        package static let none = Update(entries: [], appendingTo: nil)
    }

    /// Whether a build that found every kept line at its place may append what it parsed after
    /// them: false when the file ends in a damaged block, so that it is to be written whole.
    var isAppendable: Bool { appendableSize != nil }

    /// The file's size when loaded, when it ends with a whole block: what a kept message table
    /// written with it recorded (`KeptMessageTable`).
    var size: Int? { appendableSize }

    /// What `keep` is to write once the table's `count` distinct lines are parsed and numbered
    /// (`entry`): the lines after the kept ones, or every line when the file is to be written whole.
    func update(lines count: Int, whole: Bool, entry: (Int) -> Update.Entry) -> Update {
        let from = whole || !isAppendable ? 0 : self.count
        guard from < count else { return .none }
        return Update(entries: (from..<count).map(entry), appendingTo: from == 0 ? nil : appendableSize)
    }

    /// Brings `file` up to date: appends the lines parsed after the kept ones, or writes it
    /// again whole, first to `temporary`, then renamed (a half-appended block is one a reader
    /// ignores). When another build changed the file since it was loaded, it is left to the
    /// next build. Returns the file's size once written, or nil when it was left.
    @discardableResult
    package static func keep(_ update: Update, file: String, temporary: String, program: String) throws -> Int? {
        guard !update.entries.isEmpty else { return fileSize(file) }
        var block = ByteWriter()
        block.write(update.entries.count)
        var entry = ByteWriter()
        for item in update.entries {
            entry.removeAll()
            write(item, into: &entry)
            block.write(entry.bytes.count)
            block.append(entry.bytes)
        }
        block.write(block.bytes.withUnsafeBytes(CacheFile.checksum))
        if let size = update.appendingTo {
            return try CacheFile.append(block.bytes, to: file, ifSizeIs: size) ? size + block.bytes.count : nil
        }
        let header = CacheFile.header(magic: magic, program: program)
        try CacheFile.replace(file, through: temporary) { write in
            try write(header)
            try write(block.bytes)
        }
        return header.count + block.bytes.count
    }

    private static func fileSize(_ file: String) -> Int? {
        var status = stat()
        return stat(file, &status) == 0 ? Int(status.st_size) : nil
    }
}
