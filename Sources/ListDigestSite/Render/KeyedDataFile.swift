import Foundation
import ListDigestCore

/// A data file whose entries are each written from what one page is built from (a week's, a
/// series' or a person's): an entry whose page key is the one its bytes in the site being
/// replaced were written from is copied from there (`KeyedEntries`, `DataEntries`).
protocol EntryCopyingDataFile: JSONDataFile {
    /// Indented, as the keyed arrays are, or compact, as the search index is.
    static var pretty: Bool { get }
    /// `write(to:)`, each entry with a key copied from `previous` when it holds that key; with
    /// every keyed entry's key and place, and how many were copied. `verify`: each entry copied
    /// is also written, and must come out as the bytes copied.
    func write(
        to json: inout JSONWriter, path: String, keys: PageKeys, previous: PreviousEntries, verify: Bool
    ) throws(SiteBuildError) -> (entries: [DataEntries.Entry], copied: Int)
}

extension EntryCopyingDataFile {
    /// Every entry written afresh: the copying write with no site to copy from and nothing to
    /// verify, which cannot fail.
    func write(to json: inout JSONWriter) {
        _ = try? write(to: &json, path: "", keys: .none, previous: .none, verify: false)
    }
}

/// A data file that is an array of such entries (weeks, series, people).
protocol KeyedDataFile: EntryCopyingDataFile {
    associatedtype Item: Encodable
    var count: Int { get }
    func item(_ index: Int) -> Item
    /// The page whose key covers everything entry `index` is written from.
    func page(ofEntry index: Int) -> KeyedPage
    static func write(_ item: Item, to json: inout JSONWriter)
}

extension KeyedDataFile {
    static var pretty: Bool { true }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode((0..<count).map(item))
    }

    func write(
        to json: inout JSONWriter, path: String, keys: PageKeys, previous: PreviousEntries, verify: Bool
    ) throws(SiteBuildError) -> (entries: [DataEntries.Entry], copied: Int) {
        var keyed = KeyedEntries(path: path, keys: keys, previous: previous, verify: verify, pretty: Self.pretty)
        keyed.reserve(count)
        json.array { json in
            for index in 0..<count {
                keyed.element(page(ofEntry: index), in: &json) { Self.write(item(index), to: &$0) }
            }
        }
        return try keyed.finished()
    }
}

/// Writes the entries of a data file's arrays, each written from one page's inputs: an entry
/// whose key (`PageKeys.entryKey`) the site being replaced recorded is copied from its file
/// (`previous`), the others are written; each keyed entry's key and place are recorded.
struct KeyedEntries {
    let path: String
    let keys: PageKeys
    /// What every entry's key begins with (`PageKeys.entrySeed`).
    let seed: StableHasher
    let previous: PreviousEntries
    /// Each entry copied is also written, and must come out as the bytes copied.
    let verify: Bool
    /// How the file is written (`JSONWriter`), for the entries written to check copies against.
    let pretty: Bool
    private var entries: [DataEntries.Entry] = []
    private var copied = 0
    private var failure: SiteBuildError?

    init(path: String, keys: PageKeys, previous: PreviousEntries, verify: Bool, pretty: Bool) {
        self.path = path
        self.keys = keys
        seed = PageKeys.entrySeed(file: path)
        self.previous = previous
        self.verify = verify
        self.pretty = pretty
    }

    mutating func reserve(_ count: Int) { entries.reserveCapacity(entries.count + count) }

    /// An element of the open array, written by `write` from what `page` is built from.
    mutating func element(_ page: KeyedPage, in json: inout JSONWriter, _ write: (inout JSONWriter) -> Void) {
        guard let key = keys.entryKey(for: page, seeded: seed) else {
            _ = json.element(write)
            return
        }
        let range: Range<Int>
        if let copiedRange = previous.withEntry(key, { json.element(copying: $0) }) {
            range = copiedRange
            copied += 1
            if verify, failure == nil, previous.withEntry(key, { matches($0, write) }) == false {
                failure = SiteBuildError(
                    file: path, line: 0,
                    message: "the entry of \(page) changed although what it is written from did not (a "
                        + "ListDigest bug; build --clean writes every entry)")
            }
        } else {
            range = json.element(write)
        }
        entries.append(DataEntries.Entry(key: key, range: range))
    }

    /// Every keyed entry's key and place, and how many were copied; the first copy that did not
    /// come out as written, when verifying.
    func finished() throws(SiteBuildError) -> (entries: [DataEntries.Entry], copied: Int) {
        if let failure { throw failure }
        return (entries, copied)
    }

    /// Whether the entry `write` writes now is `bytes`.
    private func matches(_ bytes: UnsafeRawBufferPointer, _ write: (inout JSONWriter) -> Void) -> Bool {
        var json = JSONWriter(pretty: pretty)
        var range = 0..<0
        json.array { range = $0.element(write) }
        return json.bytes[range].elementsEqual(bytes)
    }
}
