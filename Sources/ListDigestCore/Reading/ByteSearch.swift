extension StringProtocol {
    /// Whether `text` occurs here, compared byte by byte: for the report's fixed keywords,
    /// where Foundation's `contains` would go through NSString for every line. Unlike it,
    /// `📝` is found in `📝\u{FE0F}` (an emoji with its variation selector), and compatibility
    /// ideographs are not folded into the ones they stand for.
    func includes(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard let first = needle.first else { return true }
        let haystack = Array(utf8)
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            if haystack[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}

extension StringProtocol {
    /// Whether any UTF-8 byte satisfies `predicate`, scanned as a buffer when the text is
    /// contiguous (native strings are): through the UTF-8 view's generic witnesses, each byte
    /// cost a call.
    package func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) } ?? utf8.contains(where: predicate)
    }

    package var isASCII: Bool { !containsByte { $0 >= 0x80 } }

    /// `trimmingWhitespace.isEmpty`, without making the trimmed text.
    package var isBlank: Bool {
        // An ASCII byte starts its character (or follows a prepended mark, which is no space
        // either), so one that is not a space makes a character that is not whitespace.
        var onlyASCII = true
        let printable = containsByte { byte in
            if byte >= 0x80 {
                onlyASCII = false
                return false
            }
            return !isASCIISpace(byte)
        }
        if printable { return false }
        return onlyASCII || trimmingWhitespace.isEmpty
    }

    /// The first UTF-8 byte that is not an ASCII space; nil when there is none.
    package var firstNonSpaceByte: UInt8? {
        utf8.first { !isASCIISpace($0) }
    }
}
