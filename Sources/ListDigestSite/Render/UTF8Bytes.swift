/// Pages and charts grow as bytes, made a string or written once at the end: appending
/// thousands of small strings to a string checked its storage and flags on every piece.
extension [UInt8] {
    /// Appends the text's UTF-8 bytes.
    mutating func appendUTF8(_ text: String) {
        // Read where the text lies: `withUTF8` needs a mutable copy, and so a retain.
        if text.utf8.withContiguousStorageIfAvailable({ append(contentsOf: $0) }) == nil {
            append(contentsOf: text.utf8)
        }
    }
}

extension [UInt8] {
    /// Appends `value` in decimal, as `String(value)` writes it.
    mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var rest = UInt64(value.magnitude)
        // Least significant first, into a buffer of the widest number's size, then copied in
        // order. Divided by a constant, which compiles to a multiplication: a radix given at
        // run time divided for every digit, twice (to count the digits, then to write them),
        // and writing the data files' record of 17,000 entries took milliseconds at the end of
        // every build.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// Appends `value` in lower-case hex without leading zeros, as `String(value, radix: 16)`
    /// writes it.
    mutating func appendHex(_ value: UInt64) {
        let digitCount = Swift.max(1, (UInt64.bitWidth - value.leadingZeroBitCount + 3) / 4)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { digits in
            for position in 0..<digitCount {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(4 * (digitCount - 1 - position)) & 0xF)
                digits[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[..<digitCount]))
        }
    }
}
