import Foundation

extension StringProtocol {
    /// Whether `text` occurs here, compared byte by byte: for the report's fixed keywords,
    /// where Foundation's `contains` would go through NSString for every line. Unlike it,
    /// `📝` is found in `📝\u{FE0F}` (an emoji with its variation selector), and compatibility
    /// ideographs are not folded into the ones they stand for.
    /// Both texts are read in place where they lie in one piece (native strings and their
    /// substrings do): copied into arrays for every probe, a pull request's family title took
    /// 50,000 instructions.
    func includes(_ text: String) -> Bool {
        let found = utf8.withContiguousStorageIfAvailable { haystack in
            text.withUTF8Bytes { UnsafeRawBufferPointer(haystack).containsBytes(of: UnsafeRawBufferPointer($0)) }
        }
        return found
            ?? Array(utf8).withUnsafeBytes { haystack in
                text.withUTF8Bytes { haystack.containsBytes(of: UnsafeRawBufferPointer($0)) }
            }
    }
}

extension StringProtocol {
    /// Whether any UTF-8 byte satisfies `predicate`, scanned as a buffer when the text is
    /// contiguous (native strings are): through the UTF-8 view's generic witnesses, each byte
    /// cost a call. Inlinable, so that callers in other modules get it specialized for their text
    /// and predicate: through the protocol's witnesses, a path's dozens of bytes took a thousand
    /// instructions.
    @inlinable
    package func containsByte(where predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: predicate) } ?? utf8.contains(where: predicate)
    }

    @inlinable
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

/// ASCII text that no other character equals: characters compare by canonical equivalence,
/// and U+037E, U+1FEF and U+212A are `;`, `` ` `` and `K`. So the text's characters are found
/// only where its bytes are. What the byte searches below take.
func isPlainASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") && $0 != UInt8(ascii: "K") }
}

extension Substring {
    /// `hasPrefix(prefix)` for a plain ASCII `prefix` (`isPlainASCII`), over bytes: its bytes
    /// must be there, and they make the same characters when nothing joins across the prefix's
    /// end (see `isCharacterBoundary`). Else characters decide.
    package func hasASCIIPrefix(_ prefix: String) -> Bool {
        assert(isPlainASCII(prefix))
        let bytes = utf8
        var index = bytes.startIndex
        for byte in prefix.utf8 {
            guard index < bytes.endIndex, bytes[index] == byte else { return false }
            bytes.formIndex(after: &index)
        }
        return isCharacterBoundary(index) || hasPrefix(prefix)
    }

    /// `firstRange(of: needle)` for a plain ASCII `needle` (`isPlainASCII`), over bytes: the
    /// first place its bytes are is the answer when it starts and ends characters (see
    /// `hasASCIIPrefix`); else characters decide.
    package func firstRange(ofASCII needle: String) -> Range<Index>? {
        assert(isPlainASCII(needle))
        let bytes = utf8
        guard let first = needle.utf8.first else { return startIndex..<startIndex }
        var start = bytes.startIndex
        while let found = bytes[start...].firstIndex(of: first) {
            var end = found
            var matched = true
            for expected in needle.utf8 {
                guard end < bytes.endIndex, bytes[end] == expected else {
                    matched = false
                    break
                }
                bytes.formIndex(after: &end)
            }
            if matched {
                return isCharacterBoundary(found) && isCharacterBoundary(end) ? found..<end : firstRange(of: needle)
            }
            start = bytes.index(after: found)
        }
        return nil
    }

    /// `split(separator: separator)` for a plain ASCII `separator` (`isPlainASCII`, and not
    /// CR LF), over bytes when each of its bytes surely is a character of its own (see
    /// `isCharacterBoundary`); else characters decide.
    package func split(atASCII separator: Character) -> [Substring] {
        assert(separator.utf8.count == 1 && isPlainASCII(String(separator)))
        let byte = separator.utf8.first!
        let bytes = utf8
        var pieces: [Substring] = []
        var start = bytes.startIndex
        var index = start
        while let found = bytes[index...].firstIndex(of: byte) {
            let next = bytes.index(after: found)
            guard isCharacterBoundary(found), isCharacterBoundary(next) else { return split(separator: separator) }
            if found > start { pieces.append(self[start..<found]) }
            start = next
            index = next
        }
        if start < bytes.endIndex { pieces.append(self[start...]) }
        return pieces
    }

    /// Whether a character surely ends and another starts at `index`, which must start a
    /// Unicode scalar: at either end; between two ASCII characters but CR LF; or between an
    /// ASCII character and a non-ASCII scalar that stands alone (`Unicode.Scalar.standsAlone`:
    /// CJK ideographs and punctuation, full-width forms, most emoji), or between two of those.
    /// False means not known, not that no character starts there.
    package func isCharacterBoundary(_ index: Index) -> Bool {
        let bytes = utf8
        guard index > bytes.startIndex, index < bytes.endIndex else { return true }
        let before = bytes[bytes.index(before: index)]
        let after = bytes[index]
        switch (before < 0x80, after < 0x80) {
        case (true, true): return !(before == 0x0D && after == 0x0A)
        case (true, false): return unicodeScalars[index].standsAlone
        case (false, true): return unicodeScalars[unicodeScalars.index(before: index)].standsAlone
        case (false, false):
            return unicodeScalars[unicodeScalars.index(before: index)].standsAlone && unicodeScalars[index].standsAlone
        }
    }
}

extension String {
    /// The text's UTF-8 bytes, read in place where they lie in one piece (native strings do),
    /// else from a copy: read through the UTF-8 view, each byte took a call. Inlinable, so that
    /// callers in other modules get it specialized for what `body` returns.
    @inlinable
    package func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(utf8).withUnsafeBufferPointer(body)
    }

    /// Whether the two texts are the same bytes: `==` takes texts the same when Unicode takes
    /// them as the same (a composed `é` and a decomposed one), which their parses may not be.
    package func hasSameBytes(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        return withUTF8Bytes { mine in
            other.withUTF8Bytes { theirs in
                mine.isEmpty || memcmp(mine.baseAddress!, theirs.baseAddress!, mine.count) == 0
            }
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Where `byte` first occurs in `range` (all of the buffer when nil), found by `memchr`:
    /// through the slice's generic `firstIndex(of:)`, scanning lines of a file took hundreds of
    /// instructions each.
    package func position(of byte: UInt8, in range: Range<Int>? = nil) -> Int? {
        let range = range ?? 0..<count
        guard !range.isEmpty, let base = baseAddress else { return nil }
        guard let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    /// The records of `range` (all of the buffer when nil) that `separator` ends, each without
    /// it, found a `memchr` at a time; what follows the last separator is a record too unless it
    /// is empty. For files of lines (`\n`) and listings of names (`\0`).
    package func records(separatedBy separator: UInt8, in range: Range<Int>? = nil) -> ByteRecords {
        ByteRecords(bytes: self, separator: separator, start: range?.lowerBound ?? 0, end: range?.upperBound ?? count)
    }

    /// Whether `needle`'s bytes occur in the buffer (`StringProtocol.includes`): each place its
    /// first byte is, found by `memchr`, is compared by `memcmp`.
    package func containsBytes(of needle: UnsafeRawBufferPointer) -> Bool {
        let length = needle.count
        guard length > 0, let needleBase = needle.baseAddress else { return true }
        guard count >= length, let base = baseAddress else { return false }
        var start = 0
        while start + length <= count, let found = position(of: needle[0], in: start..<(count - length + 1)) {
            if memcmp(base + found, needleBase, length) == 0 { return true }
            start = found + 1
        }
        return false
    }

    /// Whether the bytes in `first` and `second` are the same (`memcmp`).
    package func bytesEqual(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
        guard first.count == second.count else { return false }
        guard let base = baseAddress, !first.isEmpty else { return true }
        return memcmp(base + first.lowerBound, base + second.lowerBound, first.count) == 0
    }
}

/// `UnsafeRawBufferPointer.records(separatedBy:in:)`: each record's range in the buffer.
package struct ByteRecords: Sequence, IteratorProtocol {
    let bytes: UnsafeRawBufferPointer
    let separator: UInt8
    /// Where the next record starts.
    var start: Int
    let end: Int

    package mutating func next() -> Range<Int>? {
        guard start < end else { return nil }
        let stop = bytes.position(of: separator, in: start..<end) ?? end
        defer { start = stop + 1 }
        return start..<stop
    }
}
