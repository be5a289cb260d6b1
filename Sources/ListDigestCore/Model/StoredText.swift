/// A text that may still be the bytes it was stored as: a summary decoded from the parse cache
/// stays a slice of the mapped cache file until something reads it. A rebuild reads the
/// Markdown only of the reports it parses anew, and the HTML only of the pages it renders and
/// of each series' cover; making a string of every summary touched megabytes of fresh memory
/// for nothing.
public struct StoredText: Sendable, Hashable {
    private enum Storage: Sendable {
        case text(String)
        /// UTF-8, repaired as `String(decoding:as:)` does when read.
        case bytes(ByteSlice)
    }

    private let storage: Storage

    public init(_ text: String) { storage = .text(text) }

    init(utf8 bytes: ByteSlice) { storage = .bytes(bytes) }

    public var text: String {
        switch storage {
        case .text(let text): text
        case .bytes(let bytes): bytes.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
        }
    }

    /// As the texts compare: two byte sequences may be one text.
    public static func == (lhs: StoredText, rhs: StoredText) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

extension StoredText: ExpressibleByStringLiteral {
    public init(stringLiteral text: String) { self.init(text) }
}
