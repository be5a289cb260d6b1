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
        appendDigits(UInt64(value.magnitude), radix: 10)
    }

    /// Appends `value` in lower-case hex without leading zeros, as `String(value, radix: 16)`
    /// writes it.
    mutating func appendHex(_ value: UInt64) { appendDigits(value, radix: 16) }

    private mutating func appendDigits(_ value: UInt64, radix: UInt64) {
        // Most significant first: the digits are counted, then written into their places.
        var digits = 1
        var rest = value / radix
        while rest > 0 {
            digits += 1
            rest /= radix
        }
        let start = count
        append(contentsOf: repeatElement(0, count: digits))
        var remaining = value
        for position in stride(from: start + digits - 1, through: start, by: -1) {
            let digit = UInt8(remaining % radix)
            self[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") + digit - 10
            remaining /= radix
        }
    }
}
