import Foundation

/// Locale-free number formatting: at most two decimals, no trailing zeros, never "-0",
/// non-finite values as "0". Same input, same bytes.
enum NumberFormat {
    static func plain(_ value: Double) -> String {
        // Written digit by digit into the string's own storage: a chart formats hundreds of
        // numbers, and joining pieces made a string of each. Asked for at most 15 bytes, the
        // string keeps them in itself; asked for more, it is allocated even if fewer are
        // written. Up to 10^11 (a sign, 11 digits and 2 decimals), 15 are enough.
        let cents = cents(value)
        return String(unsafeUninitializedCapacity: cents < 10_000_000_000_000 ? 15 : 24) {
            write(cents, negative: value < 0, into: $0)
        }
    }

    /// The most bytes `plain` writes.
    static let longest = 24

    /// Writes `plain(value)`'s bytes into `buffer` (of `longest` bytes at least); returns how many.
    static func writePlain(_ value: Double, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        write(cents(value), negative: value < 0, into: buffer)
    }

    /// Appends `plain(value)`'s bytes, without making the string.
    static func appendPlain(_ value: Double, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: longest) { buffer in
            bytes.append(contentsOf: buffer[..<writePlain(value, into: buffer)])
        }
    }

    /// The value in hundredths, without its sign: what `plain` shows.
    private static func cents(_ value: Double) -> Int64 {
        guard value.isFinite else { return 0 }
        // Beyond this the cents would overflow Int64; such values are never chart data.
        return Int64((abs(min(max(value, -9e15), 9e15)) * 100).rounded())
    }

    /// Writes `plain` of a value of `cents` into `out` (24 bytes are always enough); returns how
    /// many bytes.
    private static func write(_ cents: Int64, negative: Bool, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        if cents == 0 {
            out[0] = UInt8(ascii: "0")
            return 1
        }
        var count = 0
        if negative {
            out[0] = UInt8(ascii: "-")
            count = 1
        }
        let wholeStart = count
        var whole = cents / 100
        repeat {
            out[count] = UInt8(ascii: "0") + UInt8(whole % 10)
            count += 1
            whole /= 10
        } while whole > 0
        out[wholeStart..<count].reverse()
        let fraction = cents % 100
        if fraction > 0 {
            out[count] = UInt8(ascii: ".")
            out[count + 1] = UInt8(ascii: "0") + UInt8(fraction / 10)
            count += 2
            if fraction % 10 > 0 {
                out[count] = UInt8(ascii: "0") + UInt8(fraction % 10)
                count += 1
            }
        }
        return count
    }

    /// Short form for axis ticks: 12000 → "12k", 2500000 → "2.5M".
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1e9 { return plain(value / 1e9) + "G" }
        if magnitude >= 1e6 { return plain(value / 1e6) + "M" }
        if magnitude >= 1e4 { return plain(value / 1e3) + "k" }
        return plain(value)
    }
}
