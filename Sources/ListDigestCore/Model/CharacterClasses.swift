/// Character classes with a fast path for ASCII, which nearly every subject, name and line of
/// a report is: the Unicode property tables behind `isWhitespace` and `isLetter` were a
/// noticeable part of reading and linking. Each gives what the Unicode property gives.
extension Character {
    /// `isWhitespace`: in ASCII, tab to carriage return, and space.
    package var isSpace: Bool {
        guard let ascii = asciiValue else { return isWhitespace }
        return isASCIISpace(ascii)
    }

    /// `isLetter || isNumber`: in ASCII, letters and digits.
    var isLetterOrNumber: Bool {
        guard let ascii = asciiValue else { return isLetter || isNumber }
        return isASCIILetterOrDigit(ascii)
    }

    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
    /// The words between spaces (and `extra`, when given), joined by single spaces and
    /// lower-cased when asked: what `split(whereSeparator:)` and `joined(separator: " ")` make.
    /// Byte by byte, written straight into the new string, when the text is ASCII, as nearly
    /// every name and subject is: there each byte is a character, but for CR LF, which is
    /// a space either way.
    package func joinedWords(lowercased: Bool = false, alsoAt extra: Character? = nil) -> String {
        guard isASCII, extra?.isASCII ?? true else {
            return (lowercased ? self.lowercased() : self).split(whereSeparator: { $0.isSpace || $0 == extra })
                .joined(separator: " ")
        }
        let separator = extra?.asciiValue
        // Every subject and name comes here: its bytes are read in place.
        return withUTF8Bytes { source in
            String(unsafeUninitializedCapacity: source.count) { buffer in
                var count = 0
                var spaceBefore = false
                for byte in source {
                    if isASCIISpace(byte) || byte == separator {
                        spaceBefore = count > 0
                        continue
                    }
                    if spaceBefore {
                        buffer[count] = 0x20
                        count += 1
                        spaceBefore = false
                    }
                    buffer[count] = lowercased ? asciiLowercased(byte) : byte
                    count += 1
                }
                return count
            }
        }
    }
}

/// Space, tab, line feed, vertical tab, form feed, carriage return: ASCII's `isWhitespace`.
package func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0D).contains(byte)
}

/// `0` to `9`.
package func isASCIIDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

/// `A` to `Z`, `a` to `z` and `0` to `9`: ASCII's letters and numbers.
func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte | 0x20)
}

/// An ASCII capital as its small letter; any other byte as it is.
package func asciiLowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }

extension Unicode.Scalar {
    /// A character of its own beside any other such scalar: printable ASCII, tab and line
    /// feed (not CR, which pairs with LF), the dashes, quotes and ellipsis of general
    /// punctuation, the ideographic space and CJK punctuation before its combining marks, CJK
    /// ideographs, full-width forms, and the pictographs U+1F400–1F4FF most of the reports'
    /// emoji are. None extends, joins or prepends, and none pairs up as CR LF, Hangul
    /// syllables or flags do. Where text is known to be made of these, bytes or scalars can be
    /// read as characters.
    package var standsAlone: Bool {
        switch value {
        case 0x09, 0x0A, 0x20...0x7E, 0x2010...0x2027, 0x3000...0x3029, 0x4E00...0x9FFF, 0xFF01...0xFF5E,
            0x1F400...0x1F4FF:
            true
        default: false
        }
    }
}
