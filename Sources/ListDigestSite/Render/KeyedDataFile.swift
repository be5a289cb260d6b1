import Foundation
import ListDigestCore

/// A data file that is an array of entries, each written from what one page is built from
/// (a week's, a series' or a person's): an entry whose page key is the one its bytes in the site
/// being replaced were written from is copied from there (see `DataEntries`).
protocol KeyedDataFile: JSONDataFile {
    associatedtype Item: Encodable
    var count: Int { get }
    func item(_ index: Int) -> Item
    /// The page whose key covers everything entry `index` is written from.
    func page(ofEntry index: Int) -> KeyedPage
    static func write(_ item: Item, to json: inout JSONWriter)
}

extension KeyedDataFile {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode((0..<count).map(item))
    }

    func write(to json: inout JSONWriter) {
        json.array(0..<count) { json, index in Self.write(item(index), to: &json) }
    }

    /// `write(to:)`, each entry with a key copied from `previous` when it holds that key; with
    /// every keyed entry's key and place, and how many were copied. `verify`: each entry copied
    /// is also written, and must come out as the bytes copied.
    func write(
        to json: inout JSONWriter, path: String, keys: PageKeys, previous: PreviousEntries, verify: Bool
    ) throws(SiteBuildError) -> (entries: [DataEntries.Entry], copied: Int) {
        var entries: [DataEntries.Entry] = []
        entries.reserveCapacity(count)
        var copied = 0
        var failure: SiteBuildError?
        json.array { json in
            for index in 0..<count {
                guard let key = keys.entryKey(for: page(ofEntry: index), file: path) else {
                    Self.write(item(index), to: &json)
                    continue
                }
                let range: Range<Int>
                if let copiedRange = previous.withEntry(key, { json.element(copying: $0) }) {
                    range = copiedRange
                    copied += 1
                    if verify, failure == nil, previous.withEntry(key, { matches($0, entry: index) }) == false {
                        failure = SiteBuildError(
                            file: path, line: 0,
                            message: "entry \(index) changed although what it is written from did not (a "
                                + "ListDigest bug; build --clean writes every entry)")
                    }
                } else {
                    range = json.element { Self.write(item(index), to: &$0) }
                }
                entries.append(DataEntries.Entry(key: key, range: range))
            }
        }
        if let failure { throw failure }
        return (entries, copied)
    }

    /// Whether entry `index`, written now, is `bytes`.
    private func matches(_ bytes: UnsafeRawBufferPointer, entry index: Int) -> Bool {
        var json = JSONWriter(pretty: true)
        var range = 0..<0
        json.array { range = $0.element { Self.write(item(index), to: &$0) } }
        return json.bytes[range].elementsEqual(bytes)
    }
}
