/// A text that may still be the bytes it was stored as: a summary decoded from the parse cache
/// stays a slice of the mapped cache file until something reads it. A rebuild reads the
/// summaries only of the reports it parses anew (it keeps the others' HTML), and making a
/// string of every summary touched megabytes of fresh memory for nothing.
struct StoredText: Sendable, Hashable {
    private enum Storage: Sendable {
        case text(String)
        /// UTF-8, repaired as `String(decoding:as:)` does when read.
        case bytes(ByteSlice)
    }

    private let storage: Storage

    init(_ text: String) { storage = .text(text) }

    init(utf8 bytes: ByteSlice) { storage = .bytes(bytes) }

    var text: String {
        switch storage {
        case .text(let text): text
        case .bytes(let bytes): bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// As the texts compare: two byte sequences may be one text.
    static func == (lhs: StoredText, rhs: StoredText) -> Bool { lhs.text == rhs.text }

    func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
