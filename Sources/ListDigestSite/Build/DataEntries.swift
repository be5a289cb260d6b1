import Foundation
import ListDigestCore

/// Where each entry of the keyed data files (weeks, series, people) sits in the file, with the key
/// of what it was written from (`PageKeys`: the key of its week's, series' or person's page),
/// recorded in `.listdigest-data` beside the manifest. A rebuild copies an entry whose key is the
/// same from the file in place instead of writing it again: an added week changes a few dozen of
/// the archive's nine thousand entries, and writing them all was most of the data files' time.
/// The record lives inside the output folder, so it describes the files beside it; a file that
/// does not hash to the fingerprint recorded with its entries is not copied from at all.
struct DataEntries: Sendable {
    static let fileName = ".listdigest-data"
    private static let magic = "ListDigest data entries 1"

    struct Entry: Sendable, Equatable {
        let key: UInt64
        let range: Range<Int>
    }

    /// One data file's entries, in order.
    struct File: Sendable {
        let path: String
        let fingerprint: String
        let entries: [Entry]
    }

    /// By path.
    let files: [String: File]

    static let none = DataEntries(files: [:])

    init(files: [String: File]) { self.files = files }

    /// What the site in `folder` recorded, when `program` wrote it and it is whole.
    init(in folder: String, program: String) {
        guard let data = FileManager.default.contents(atPath: folder + "/" + Self.fileName),
            let files = Self.parse([UInt8](data), program: program)
        else {
            self = .none
            return
        }
        self.files = Dictionary(files.map { ($0.path, $0) }) { first, _ in first }
    }

    /// The record of `files`, as text (the output is published): a header naming the program;
    /// for each file a line with its path, fingerprint and entry count, then a line per entry
    /// with its key (hex), start and length; last, a checksum of all before it (hex).
    static func file(_ files: [File], program: String) -> OutputFile {
        // Grown as bytes: made of interpolated strings, the record of 8,600 entries was a large
        // part of what the end of an added week does on one core.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64 + files.reduce(0) { $0 + 96 + $1.entries.count * 28 })
        for text in [magic, "\n", program, "\n"] { bytes.appendUTF8(text) }
        for file in files.sorted(by: { $0.path < $1.path }) {
            for text in [file.path, "\t", file.fingerprint, "\t"] { bytes.appendUTF8(text) }
            bytes.appendDecimal(file.entries.count)
            bytes.append(UInt8(ascii: "\n"))
            for entry in file.entries {
                bytes.appendHex(entry.key)
                bytes.append(UInt8(ascii: "\t"))
                bytes.appendDecimal(entry.range.lowerBound)
                bytes.append(UInt8(ascii: "\t"))
                bytes.appendDecimal(entry.range.count)
                bytes.append(UInt8(ascii: "\n"))
            }
        }
        var hasher = StableHasher()
        hasher.combine(bytes: bytes)
        bytes.appendHex(hasher.value)
        bytes.append(UInt8(ascii: "\n"))
        return OutputFile(path: fileName, bytes: bytes)
    }

    private static func parse(_ bytes: [UInt8], program: String) -> [File]? {
        // The checksum is the last line; what it covers ends with the newline before it.
        guard bytes.last == UInt8(ascii: "\n"),
            let checksumStart = bytes.dropLast().lastIndex(of: UInt8(ascii: "\n")).map({ $0 + 1 })
        else { return nil }
        var hasher = StableHasher()
        hasher.combine(bytes: bytes[..<checksumStart])
        let checksum = UInt64(String(decoding: bytes[checksumStart..<(bytes.count - 1)], as: UTF8.self), radix: 16)
        guard checksum == hasher.value else { return nil }
        // Lines found a `memchr` at a time and read in place: split into an array of lines, the
        // record of 17,000 entries took as long again as reading them.
        return bytes.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> [File]? in
            var lines = bytes.records(separatedBy: UInt8(ascii: "\n"), in: 0..<checksumStart)
            func text(_ field: Slice<UnsafeRawBufferPointer>) -> String {
                String(decoding: UnsafeRawBufferPointer(rebasing: field), as: UTF8.self)
            }
            guard let header = lines.next(), text(bytes[header]) == magic, let named = lines.next(),
                text(bytes[named]) == program
            else { return nil }
            var files: [File] = []
            while let line = lines.next() {
                let fields = bytes[line].split(separator: UInt8(ascii: "\t"))
                guard fields.count == 3, let count = Int(text(fields[2])), count >= 0 else { return nil }
                var entries: [Entry] = []
                entries.reserveCapacity(min(count, checksumStart / 6))
                for _ in 0..<count {
                    // Read as numbers in place: split into strings, the record's 8,600 entries were
                    // 26,000 allocations of every rebuild.
                    guard let line = lines.next(), let entry = Self.entry(bytes[line]) else { return nil }
                    entries.append(entry)
                }
                files.append(File(path: text(fields[0]), fingerprint: text(fields[1]), entries: entries))
            }
            return files
        }
    }
}

extension DataEntries {
    /// `key<TAB>start<TAB>length`: the key in lowercase hex (at most 16 digits), the others in
    /// decimal digits; nil for anything else.
    static func entry(_ line: some Collection<UInt8>) -> Entry? {
        var numbers: (key: UInt64, start: Int, length: Int) = (0, 0, 0)
        var field = 0
        var digits = 0
        for byte in line {
            if byte == UInt8(ascii: "\t") {
                guard digits > 0, field < 2 else { return nil }
                (field, digits) = (field + 1, 0)
                continue
            }
            digits += 1
            switch (field, byte) {
            case (0, UInt8(ascii: "0")...UInt8(ascii: "9")) where digits <= 16:
                numbers.key = numbers.key << 4 | UInt64(byte - UInt8(ascii: "0"))
            case (0, UInt8(ascii: "a")...UInt8(ascii: "f")) where digits <= 16:
                numbers.key = numbers.key << 4 | UInt64(byte - UInt8(ascii: "a") + 10)
            case (1, UInt8(ascii: "0")...UInt8(ascii: "9")) where digits <= 18:
                numbers.start = numbers.start * 10 + Int(byte - UInt8(ascii: "0"))
            case (2, UInt8(ascii: "0")...UInt8(ascii: "9")) where digits <= 18:
                numbers.length = numbers.length * 10 + Int(byte - UInt8(ascii: "0"))
            default:
                return nil
            }
        }
        guard field == 2, digits > 0 else { return nil }
        return Entry(key: numbers.key, range: numbers.start..<numbers.start + numbers.length)
    }
}

/// A data file of the site being replaced, as `DataEntries` recorded it: each entry's bytes by
/// the key they were written from. Empty when the file is gone or does not hash to the
/// fingerprint recorded with its entries (changed by hand, or half written).
struct PreviousEntries: @unchecked Sendable {
    /// The file's bytes, mapped; read only.
    private let contents: Data
    private let rangeOfKey: [UInt64: Range<Int>]

    static let none = PreviousEntries(contents: Data(), rangeOfKey: [:])

    private init(contents: Data, rangeOfKey: [UInt64: Range<Int>]) {
        self.contents = contents
        self.rangeOfKey = rangeOfKey
    }

    init(_ recorded: DataEntries.File?, in output: String) {
        guard let recorded,
            let contents = try? Data(
                contentsOf: URL(fileURLWithPath: output + "/" + recorded.path), options: .alwaysMapped)
        else {
            self = .none
            return
        }
        var hasher = StableHasher()
        contents.withUnsafeBytes { hasher.combine(raw: $0) }
        guard hasher.shortHex == recorded.fingerprint,
            recorded.entries.allSatisfy({ $0.range.upperBound <= contents.count })
        else {
            self = .none
            return
        }
        // Two entries with one key hold the same bytes: either will do.
        self.init(
            contents: contents,
            rangeOfKey: Dictionary(recorded.entries.map { ($0.key, $0.range) }) { first, _ in first })
    }

    var isEmpty: Bool { rangeOfKey.isEmpty }

    /// The entry written from `key`, handed to `body`; nil when there is none.
    func withEntry<Result>(_ key: UInt64, _ body: (UnsafeRawBufferPointer) -> Result) -> Result? {
        guard let range = rangeOfKey[key] else { return nil }
        return contents.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }
}
