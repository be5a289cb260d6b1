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
/// cache's size): the cache's lines begin with the table's, in the same order, and a key is
/// checked against the bytes the cache keeps for it. Written by the same program only, whole,
/// with a checksum.
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
        /// What linking worked out of each thread of the reports, when kept.
        var occurrences: KeptOccurrences? = nil
    }

    let contents: Contents?
    /// By stable hash, each key's number, found when the table is loaded (off linking's path):
    /// linking looks up every thread's key. Nil when two keys have one hash (then the table is
    /// not used). The other values are looked up only for the new reports' messages, by going
    /// over their hashes once (see `MessageTable.extending`).
    let keyNumbers: [UInt64: Int32]?

    private init(contents: Contents?) {
        self.contents = contents
        keyNumbers = contents.flatMap { Self.numbers($0.keyHashes) }
    }

    init(_ contents: Contents) { self.init(contents: contents) }

    private static func numbers(_ hashes: [UInt64]) -> [UInt64: Int32]? {
        var numbers = [UInt64: Int32](minimumCapacity: hashes.count)
        for (number, hash) in hashes.enumerated() {
            guard numbers.updateValue(Int32(number), forKey: hash) == nil else { return nil }
        }
        return numbers
    }

    private static let magic = Array("ListDigest message table 2\n".utf8)

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
            let occurrences = try reader.int() == 1 ? try reader.keptOccurrences() : nil
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
                    identityHashes: identityHashes, occurrences: occurrences))
        } catch {
            return .empty
        }
    }

    /// A missing number (a part, a total, a key), as kept.
    static let none = Int32.min

    static func optional(_ number: Int32) -> Int? { number == none ? nil : Int(number) }

    /// `number` as kept (`none` for nil); nil when it does not fit the file's 32 bits.
    static func narrow(_ number: Int?) -> Int32? {
        guard let number else { return none }
        return number > Int(none) && number <= Int(Int32.max) ? Int32(number) : nil
    }

    /// Writes `contents` to `file` through `temporary`; nothing when a number does not fit the
    /// file's 32 bits (no report has such a version or patch count).
    package static func keep(_ contents: Contents, file: String, temporary: String, program: String) throws {
        let lines = contents.facts.count
        var (keyIDs, flags, versions, parts, totals) = ([Int32](), [Int32](), [Int32](), [Int32](), [Int32]())
        keyIDs.reserveCapacity(lines)
        flags.reserveCapacity(lines)
        versions.reserveCapacity(lines)
        parts.reserveCapacity(lines)
        totals.reserveCapacity(lines)
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
        var body = Pieces()
        body.add(contents.reports.count)
        body.add(raw: contents.reports)
        body.add(contents.subjectCacheSize)
        body.add(contents.subjectOf.count)
        for numbers in [contents.subjectOf, contents.senderOf, contents.identityOf] { body.add(raw: numbers) }
        body.add(contents.addressOf.count)
        body.add(raw: contents.addressOf)
        body.add(raw: contents.senderHashes)
        body.add(lines)
        body.add(raw: contents.lineHashes)
        for numbers in [keyIDs, flags, versions, parts, totals] { body.add(raw: numbers) }
        for hashes in [contents.keyHashes, contents.addressHashes, contents.identityHashes] {
            body.add(hashes.count)
            body.add(raw: hashes)
        }
        body.add(contents.occurrences == nil ? 0 : 1)
        if let kept = contents.occurrences {
            // Each list with its count: the threads', their own messages', their parts'.
            for numbers in [kept.personOfSender, kept.keyIDs, kept.flags, kept.posters] { body.add(counted: numbers) }
            for dates in [kept.firstDates, kept.lastDates] { body.add(counted: dates) }
            for numbers in [
                kept.ownEnds, kept.ownMessages, kept.partEnds, kept.partKeyIDs, kept.partVersions, kept.partFlags,
                kept.partTotals,
            ] {
                body.add(counted: numbers)
            }
        }
        var checksum = ByteWriter()
        checksum.write(body.checksum.value)
        try CacheFile.replace(file, through: temporary) { write in
            try write(CacheFile.header(magic: magic, program: program))
            for piece in body.pieces { try write(piece) }
            try write(checksum.bytes)
        }
    }

    /// The body in pieces, each written as it is, checksummed as they come: the arrays are
    /// copied once, not gathered into one buffer of megabytes first.
    private struct Pieces {
        var pieces: [[UInt8]] = []
        var checksum = StableHasher()

        mutating func add(_ number: Int) {
            var writer = ByteWriter()
            writer.write(number)
            add(bytes: writer.bytes)
        }

        /// Numbers as they lie in memory, in this machine's byte order (the program, known by
        /// its build ID, ties the file to one kind of machine), with no count: read back by
        /// `ByteReader.int32s` and `uint64s`.
        mutating func add<Number: FixedWidthInteger>(raw numbers: [Number]) {
            let size = numbers.count * MemoryLayout<Number>.size
            add(
                bytes: [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
                    numbers.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
                    initialized = size
                })
        }

        /// `numbers` after their count: read back by `ByteReader.counted()`.
        mutating func add<Number: FixedWidthInteger>(counted numbers: [Number]) {
            add(numbers.count)
            add(raw: numbers)
        }

        private mutating func add(bytes: [UInt8]) {
            bytes.withUnsafeBytes { checksum.combine(raw: $0) }
            pieces.append(bytes)
        }
    }
}

extension ByteReader {
    /// What `keep` wrote of `KeptOccurrences`, checked to be whole.
    fileprivate mutating func keptOccurrences() throws(Malformed) -> KeptOccurrences {
        let (personOfSender, keyIDs, flags, posters): ([Int32], [Int32], [Int32], [Int32]) = (
            try counted(), try counted(), try counted(), try counted()
        )
        let (firstDates, lastDates): ([Int64], [Int64]) = (try counted(), try counted())
        let (ownEnds, ownMessages, partEnds): ([Int32], [Int32], [Int32]) = (
            try counted(), try counted(), try counted()
        )
        let (partKeyIDs, partVersions, partFlags, partTotals): ([Int32], [Int32], [Int32], [Int32]) = (
            try counted(), try counted(), try counted(), try counted()
        )
        let kept = KeptOccurrences(
            personOfSender: personOfSender, keyIDs: keyIDs, flags: flags, posters: posters, firstDates: firstDates,
            lastDates: lastDates, ownEnds: ownEnds, ownMessages: ownMessages, partEnds: partEnds,
            partKeyIDs: partKeyIDs, partVersions: partVersions, partFlags: partFlags, partTotals: partTotals)
        guard kept.isWhole else { throw Malformed() }
        return kept
    }

    /// A count, then that many numbers (`Pieces.add(counted:)`).
    fileprivate mutating func counted<Number: FixedWidthInteger>() throws(Malformed) -> [Number] {
        try numbers(try count())
    }
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
