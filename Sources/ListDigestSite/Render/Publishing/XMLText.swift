/// Text made safe for XML and HTML: markup characters escaped (`& < > " '`, as swift-mustache
/// writes them), and characters XML 1.0 forbids (controls, U+FFFE/U+FFFF) replaced, so
/// untrusted subjects and names can never break a page, the feed or the sitemap. Escaping goes
/// scalar by scalar: a mark combining with a quote must not hide it.
enum XMLText {
    static func escape(_ text: String) -> String {
        // Most text has nothing to escape or replace; it is returned as it is.
        guard mayNeedWork(text) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count + 16)
        append(text, escapedTo: &escaped)
        return String(decoding: escaped, as: UTF8.self)
    }

    /// Appends `escape(text)`'s bytes, without making the escaped text first. Text that needs
    /// no work, nearly all, is copied by the same read that checks it.
    static func append(_ text: String, escapedTo output: inout [UInt8]) {
        // Read where the text lies (a small string's bytes are copied out; only a bridged
        // string is made native first).
        var text = text
        let copied = text.withUTF8 { bytes in
            guard !mayNeedWork(bytes) else { return false }
            output.append(contentsOf: bytes)
            return true
        }
        if copied { return }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output.appendUTF8("&amp;")
            case "<": output.appendUTF8("&lt;")
            case ">": output.appendUTF8("&gt;")
            case "\"": output.appendUTF8("&quot;")
            case "'": output.appendUTF8("&#39;")
            default: UTF8.encode(isAllowed(scalar) ? scalar : "\u{FFFD}") { output.append($0) }
            }
        }
    }

    /// Appends `text` as a Mustache variable shows it: escaped (`{{name}}`) or as it is (`{{{name}}}`).
    static func append(_ text: String, escaped: Bool, to output: inout [UInt8]) {
        if escaped { append(text, escapedTo: &output) } else { output.appendUTF8(text) }
    }

    /// Whether a byte of `text` may need work, scanned here rather than through a predicate
    /// passed across modules, which cost a call per byte of every page.
    private static func mayNeedWork(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(mayNeedWork)
    }

    /// Eight bytes at a time: a word is looked at byte by byte only when it may hold a byte
    /// that needs work, and any non-ASCII byte sends it there too. Escaping scans every text
    /// of every page, and almost all of them are plain ASCII.
    private static func mayNeedWork(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            if wordMayNeedWork(word) {
                for byte in index..<index + 8 where mayNeedWork(bytes, at: byte) { return true }
            }
            index += 8
        }
        for byte in index..<bytes.count where mayNeedWork(bytes, at: byte) { return true }
        return false
    }

    /// Whether a word may hold a byte below 0x20, a markup character or a byte from 0x80: the
    /// bit tricks of "Bit Twiddling Hacks" (hasless, haszero), which may flag a byte next to
    /// one they rightly flag but never miss one.
    @inline(__always)
    private static func wordMayNeedWork(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ value: UInt64) -> UInt64 { (value &- ones) & ~value & highBits }
        let control = (word &- ones &* 0x20) & ~word & highBits
        let markup =
            hasZeroByte(word ^ (ones &* 0x26)) | hasZeroByte(word ^ (ones &* 0x3C)) | hasZeroByte(word ^ (ones &* 0x3E))
            | hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x27))
        return (control | markup | (word & highBits)) != 0
    }

    /// A markup character, a control other than tab and line breaks, or U+FFFE/U+FFFF
    /// (EF BF BE, EF BF BF): other characters starting with 0xEF, such as CJK full-width
    /// punctuation (`，` is EF BC 8C), need no work.
    @inline(__always)
    private static func mayNeedWork(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        switch bytes[index] {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        case 0x09, 0x0A, 0x0D: false
        case 0xEF: index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE
        case let byte: byte < 0x20
        }
    }

    /// XML 1.0 `Char`: tab, newline, carriage return, and everything from U+0020 but U+FFFE and U+FFFF.
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
