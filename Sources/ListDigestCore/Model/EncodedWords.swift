import Foundation

/// MIME encoded-words in a header (RFC 2047), as mail clients write non-ASCII names:
/// `=?UTF-8?Q?Philippe_Mathieu-Daud=C3=A9?=`, `=?utf-8?B?UC4gQmVycmFuZ8Op?=`. The reports copy
/// some senders' names undecoded.
enum EncodedWords {
    /// `text` with every encoded-word decoded; the space between two adjacent encoded-words
    /// goes, as RFC 2047 says. A word that cannot be decoded (unknown charset, bad Base64)
    /// stays as written.
    static func decode(_ text: String) -> String {
        // Nearly every name has no `=` at all: a byte scan turns those away first.
        guard text.utf8.contains(UInt8(ascii: "=")), text.contains("=?") else { return text }
        var result = ""
        var rest = Substring(text)
        var pendingSpace: Substring = ""
        var afterWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let (decoded, end) = word(in: rest[start.lowerBound...]) else {
                result += pendingSpace + before + "=?"
                pendingSpace = ""
                afterWord = false
                rest = rest[start.upperBound...]
                continue
            }
            if afterWord && before.allSatisfy({ $0 == " " || $0 == "\t" }) {
                // Only space between two encoded-words: it is not part of the text.
            } else {
                result += pendingSpace + before
            }
            pendingSpace = ""
            result += decoded
            afterWord = true
            rest = rest[end...]
            let spaces = rest.prefix { $0 == " " || $0 == "\t" }
            pendingSpace = spaces
            rest = rest.dropFirst(spaces.count)
        }
        return result + pendingSpace + rest
    }

    /// The encoded-word at the start of `text` (`=?charset?B|Q?encoded?=`), decoded, and where it ends.
    private static func word(in text: Substring) -> (String, Substring.Index)? {
        // An encoded-word holds no space and is short (RFC 2047 says 75 characters; some
        // clients write longer): looking no further keeps hostile lines linear.
        let body = text.dropFirst(2).prefix(maximumLength).prefix { !$0.isSpace }
        let parts = body.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let encoding = charset(String(parts[0])), let close = parts[2].range(of: "?=")
        else { return nil }
        let encoded = parts[2][..<close.lowerBound]
        let bytes: [UInt8]?
        switch parts[1].uppercased() {
        case "B": bytes = Data(base64Encoded: String(encoded)).map { [UInt8]($0) }
        case "Q": bytes = quotedPrintable(encoded)
        default: bytes = nil
        }
        guard let bytes, let decoded = String(bytes: bytes, encoding: encoding) else { return nil }
        // `=00` or `=0A` must not put control characters into a name.
        let shown = String(
            String.UnicodeScalarView(
                decoded.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
        return (shown, close.upperBound)
    }

    private static let maximumLength = 200

    private static func charset(_ name: String) -> String.Encoding? {
        // `UTF-8*en`: a language after the charset (RFC 2231).
        switch name.split(separator: "*").first?.lowercased() ?? "" {
        case "utf-8", "utf8": .utf8
        case "us-ascii", "ascii": .ascii
        case "iso-8859-1", "latin1", "iso8859-1": .isoLatin1
        case "iso-8859-2", "latin2": .isoLatin2
        case "windows-1252", "cp1252": .windowsCP1252
        case "windows-1250", "cp1250": .windowsCP1250
        default: nil
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The Q encoding: `_` is a space, `=XX` a byte.
    private static func quotedPrintable(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "_"): bytes.append(0x20)
            case UInt8(ascii: "="):
                guard let high = iterator.next().flatMap(hexDigit), let low = iterator.next().flatMap(hexDigit)
                else { return nil }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        return bytes
    }
}
