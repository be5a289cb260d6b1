/// The message table an earlier build made (`.public.table`), for a rebuild whose reports begin
/// with the same reports: their messages keep their numbers (numbers are given in the order
/// first listed, so adding reports after them changes none), and only the new reports'
/// messages are looked up, by the stable hashes of the lines, senders, addresses and messages
/// numbered so far. Numbering the archive's hundred thousand messages (hashing every subject
/// line, sender and message into tables) and reading every kept line's parse back was most of
/// an added week's message table.
///
/// A hash found is checked against the value it stands for, read from the reports, before its
/// number is taken. The file ties itself to the parsed-subject cache it was written with (by the
/// cache's size), whose kept lines are the table's lines in the same order. Written by the
/// same program only, whole, with a checksum.
package struct KeptMessageTable: Sendable {
    package static let empty = KeptMessageTable(contents: nil)

    /// Make every extended table again from scratch and stop on a difference (see `MessageTable.verify`).
    @TaskLocal package static var verifying = _isDebugAssertConfiguration()

    /// What an earlier build's table was, for its reports.
    package struct Contents: Sendable {
        /// Each report's digest, in order.
        let reports: [UInt64]
        /// The size of the parsed-subject cache once written with this table.
        let subjectCacheSize: Int
        /// By listed message.
        let subjectOf: [Int32]
        let senderOf: [Int32]
        let identityOf: [Int32]
        /// By sender: the number of its lower-cased address.
        let addressOf: [Int32]
        /// By distinct line.
        let facts: [MessageTable.LineFacts]
        /// By key number: its key's stable hash.
        let keyHashes: [UInt64]
        /// The stable hashes of the distinct lines, senders, addresses and messages, by number.
        let lineHashes: [UInt64]
        let senderHashes: [UInt64]
        let addressHashes: [UInt64]
        let identityHashes: [UInt64]
    }

    /// The numbers of the stable hashes, found when the table is loaded (off linking's path).
    struct Lookups: Sendable {
        let line: [UInt64: Int32]
        let sender: [UInt64: Int32]
        let address: [UInt64: Int32]
        let identity: [UInt64: Int32]
        let key: [UInt64: Int32]
    }

    let contents: Contents?
    let lookups: Lookups?

    private init(contents: Contents?) {
        self.contents = contents
        // Two values of a kind with one hash cannot be looked up by it: such a table is not used.
        lookups = contents.flatMap { contents in
            guard let line = Self.numbers(contents.lineHashes), let sender = Self.numbers(contents.senderHashes),
                let address = Self.numbers(contents.addressHashes),
                let identity = Self.numbers(contents.identityHashes), let key = Self.numbers(contents.keyHashes)
            else { return nil }
            return Lookups(line: line, sender: sender, address: address, identity: identity, key: key)
        }
    }

    init(_ contents: Contents) { self.init(contents: contents) }

    private static func numbers(_ hashes: [UInt64]) -> [UInt64: Int32]? {
        var numbers = [UInt64: Int32](minimumCapacity: hashes.count)
        for (number, hash) in hashes.enumerated() {
            guard numbers.updateValue(Int32(number), forKey: hash) == nil else { return nil }
        }
        return numbers
    }

    private static let magic = Array("ListDigest message table 1\n".utf8)

    /// The table at `file` if `program` wrote it and it is whole; otherwise an empty one.
    package static func load(from file: String, program: String) -> KeptMessageTable {
        guard case (_, var reader)? = CacheFile.open(file, magic: magic, program: program) else { return .empty }
        let start = reader.position
        do throws(ByteReader.Malformed) {
            let reports = try reader.uint64s(try reader.count())
            let subjectCacheSize = try reader.int()
            let listed = try reader.count()
            let (subjectOf, senderOf, identityOf) = (
                try reader.int32s(listed), try reader.int32s(listed), try reader.int32s(listed)
            )
            let senders = try reader.count()
            let (addressOf, senderHashes) = (try reader.int32s(senders), try reader.uint64s(senders))
            let lines = try reader.count()
            let lineHashes = try reader.uint64s(lines)
            let (keyIDs, flags, versions, parts, totals) = (
                try reader.int32s(lines), try reader.int32s(lines), try reader.int32s(lines),
                try reader.int32s(lines), try reader.int32s(lines)
            )
            let keyHashes = try reader.uint64s(try reader.count())
            let addressHashes = try reader.uint64s(try reader.count())
            let identityHashes = try reader.uint64s(try reader.count())
            let body = reader.bytes(from: start)
            guard try reader.uint64() == body.withUnsafeBytes(CacheFile.checksum), reader.isAtEnd else {
                return .empty
            }
            let facts = (0..<lines).map { line in
                MessageTable.LineFacts(
                    keyID: Int(keyIDs[line]), isReply: flags[line] & 1 != 0, isRFC: flags[line] & 2 != 0,
                    version: Int(versions[line]), part: optional(parts[line]), total: optional(totals[line]))
            }
            return KeptMessageTable(
                Contents(
                    reports: reports, subjectCacheSize: subjectCacheSize, subjectOf: subjectOf, senderOf: senderOf,
                    identityOf: identityOf, addressOf: addressOf, facts: facts, keyHashes: keyHashes,
                    lineHashes: lineHashes, senderHashes: senderHashes, addressHashes: addressHashes,
                    identityHashes: identityHashes))
        } catch {
            return .empty
        }
    }

    /// A missing part or total, as kept.
    private static let none = Int32.min

    private static func optional(_ number: Int32) -> Int? { number == none ? nil : Int(number) }

    /// Writes `contents` to `file` through `temporary`; nothing when a number does not fit the
    /// file's 32 bits (no report has such a version or patch count).
    package static func keep(_ contents: Contents, file: String, temporary: String, program: String) throws {
        func narrow(_ number: Int?) -> Int32? {
            guard let number else { return none }
            return number > Int(none) && number <= Int(Int32.max) ? Int32(number) : nil
        }
        var keyIDs: [Int32] = []
        var flags: [Int32] = []
        var versions: [Int32] = []
        var parts: [Int32] = []
        var totals: [Int32] = []
        for facts in contents.facts {
            guard let keyID = narrow(facts.keyID), let version = narrow(facts.version), let part = narrow(facts.part),
                let total = narrow(facts.total)
            else { return }
            keyIDs.append(keyID)
            flags.append((facts.isReply ? 1 : 0) | (facts.isRFC ? 2 : 0))
            versions.append(version)
            parts.append(part)
            totals.append(total)
        }
        var body = ByteWriter()
        body.write(contents.reports.count)
        body.write(raw: contents.reports)
        body.write(contents.subjectCacheSize)
        body.write(contents.subjectOf.count)
        for numbers in [contents.subjectOf, contents.senderOf, contents.identityOf] { body.write(raw: numbers) }
        body.write(contents.addressOf.count)
        body.write(raw: contents.addressOf)
        body.write(raw: contents.senderHashes)
        body.write(contents.facts.count)
        body.write(raw: contents.lineHashes)
        for numbers in [keyIDs, flags, versions, parts, totals] { body.write(raw: numbers) }
        for hashes in [contents.keyHashes, contents.addressHashes, contents.identityHashes] {
            body.write(hashes.count)
            body.write(raw: hashes)
        }
        body.write(body.bytes.withUnsafeBytes(CacheFile.checksum))
        try CacheFile.replace(file, through: temporary) { write in
            try write(CacheFile.header(magic: magic, program: program))
            try write(body.bytes)
        }
    }
}

extension ByteWriter {
    /// Numbers as they lie in memory (little-endian on every platform Swift runs on Linux), with
    /// no count: read back by `ByteReader.int32s` and `uint64s`.
    fileprivate mutating func write<Number: FixedWidthInteger>(raw numbers: [Number]) {
        numbers.withUnsafeBytes { append($0) }
    }
}

extension ByteReader {
    fileprivate mutating func int32s(_ count: Int) throws(Malformed) -> [Int32] { try numbers(count) }
    fileprivate mutating func uint64s(_ count: Int) throws(Malformed) -> [UInt64] { try numbers(count) }

    private mutating func numbers<Number: FixedWidthInteger>(_ count: Int) throws(Malformed) -> [Number] {
        guard count >= 0, count <= Int.max / MemoryLayout<Number>.size else { throw Malformed() }
        let slice = try bytes(count * MemoryLayout<Number>.size)
        return [Number](unsafeUninitializedCapacity: count) { buffer, initialized in
            slice.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = count
        }
    }
}
