/// A message sender as written: `Name <address>` or a bare address.
public struct Sender: Sendable, Hashable {
    /// Display name; empty when only an address was given.
    public let name: String
    public let address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    /// Parses `Name <addr>`, `"Last, First" <addr>`, `<addr>` or `addr`; a name in MIME
    /// encoded-words (`=?UTF-8?Q?Daud=C3=A9?=`) is decoded. Returns nil when there is no usable address.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        var name = ""
        var address = trimmed
        if let open = Self.lastIndex(of: "<", in: trimmed), trimmed.hasSuffix(">") {
            name = String(trimmed[..<open]).trimmingWhitespace
            address =
                String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
                .trimmingWhitespace
        }
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
            name = String(name.dropFirst().dropLast()).trimmingWhitespace
        }
        guard Sender.looksLikeAddress(address) else { return nil }
        self.name = EncodedWords.decode(name).trimmingWhitespace
        self.address = address
    }

    static func looksLikeAddress(_ text: String) -> Bool {
        let bytes = text.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            // ASCII, nearly every address: a byte is a character, and bytes are quicker to scan.
            guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at != bytes.startIndex,
                bytes.index(after: at) != bytes.endIndex
            else { return false }
            return !bytes.contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") }
        }
        guard let at = text.firstIndex(of: "@"), at != text.startIndex, text.index(after: at) != text.endIndex
        else { return false }
        return !text.contains(where: { $0 == " " || $0 == "<" || $0 == ">" })
    }

    /// The last `character` (ASCII) in `text`, found over bytes when the text is ASCII.
    private static func lastIndex(of character: Unicode.Scalar, in text: String) -> String.Index? {
        guard text.isASCII else { return text.lastIndex(of: Character(character)) }
        return text.utf8.lastIndex(of: UInt8(character.value))
    }

    /// The address in lower case, as people and messages are matched: most addresses are
    /// written in lower case already, and those are handed back without a copy.
    public var lowercasedAddress: String {
        address.utf8.contains { asciiLowercased($0) != $0 || $0 >= 0x80 } ? address.lowercased() : address
    }

    /// The name to show: the display name, or the address when there is none.
    public var displayName: String { name.isEmpty ? address : name }
}

extension StringProtocol {
    /// Trims spaces, tabs and line breaks (full-width spaces too).
    public var trimmingWhitespace: String { String(trimmedWhitespace) }

    /// `trimmingWhitespace` as a slice of the text, with no copy.
    package var trimmedWhitespace: Substring {
        // Fast path over bytes for ASCII ends, the common case; Characters only when an
        // end is not ASCII (a full-width space, or a mark that combines with a space).
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex
        var end = bytes.endIndex
        while start < end, isASCIISpace(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isASCIISpace(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        guard start < end else { return "" }
        if bytes[start] < 0x80 && bytes[bytes.index(before: end)] < 0x80 {
            return text[start..<end]
        }
        guard let first = text.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = text.lastIndex(where: { !$0.isSpace })!
        return text[first...last]
    }
}
