/// Escapes text for HTML as swift-mustache does (`& < > " '`), scanning bytes: most text
/// has nothing to escape and is appended whole. One deliberate difference: swift-mustache
/// compares whole characters, so a `"` or `<` that a combining mark follows (`"\u{301}`)
/// stays raw there and could end an attribute; here every such byte is escaped.
enum HTMLEscaping {
    static func append(_ text: String, to output: inout String) {
        let needsEscaping =
            text.utf8.withContiguousStorageIfAvailable { bytes in bytes.contains(where: isSpecial) }
            ?? text.utf8.contains(where: isSpecial)
        guard needsEscaping else {
            output += text
            return
        }
        var start = text.utf8.startIndex
        var index = start
        while index < text.utf8.endIndex {
            let byte = text.utf8[index]
            if isSpecial(byte) {
                output += text[start..<index]
                output += replacement(byte)
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        output += text[start...]
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    private static func replacement(_ byte: UInt8) -> String {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        default: "&#39;"
        }
    }
}
