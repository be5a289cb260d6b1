/// Makes untrusted text safe for XML text content and attribute values.
enum Escaping {
    /// Removes characters XML 1.0 forbids or that render invisibly; tabs and line breaks
    /// become spaces, since every string here is a single-line label.
    static func clean(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Escapes `& < > " '` after `clean`, scalar by scalar: a mark combining with a quote
    /// must not hide it. Most labels need nothing and are returned as they are.
    static func xml(_ text: String) -> String {
        // Scanned as a buffer: through the UTF-8 view's generic witnesses, each byte cost a call.
        let needsWork =
            text.utf8.withContiguousStorageIfAvailable { $0.contains(where: mayNeedWork) }
            ?? text.utf8.contains(where: mayNeedWork)
        guard needsWork else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in clean(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A byte that may start something `xml` changes: a control or DEL, the lead byte of C1
    /// controls (0xC2) or of U+FFFE/U+FFFF (0xEF), or a markup character.
    static func mayNeedWork(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xEF || byte == UInt8(ascii: "&")
            || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: "'")
    }

    /// Reduces an id prefix to `[A-Za-z0-9_-]`, starting with a letter so it is a valid XML id.
    static func id(_ text: String) -> String {
        let allowed = text.unicodeScalars.filter { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
            default: return false
            }
        }
        let kept = String(String.UnicodeScalarView(allowed))
        guard let first = kept.unicodeScalars.first,
            ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return "chart-" + kept }
        return kept
    }
}
