import Foundation

/// Locale-free number formatting: at most two decimals, no trailing zeros, never "-0",
/// non-finite values as "0". Same input, same bytes.
enum NumberFormat {
    static func plain(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // Beyond this the cents would overflow Int64; such values are never chart data.
        let clamped = min(max(value, -9e15), 9e15)
        let cents = Int64((abs(clamped) * 100).rounded())
        if cents == 0 { return "0" }
        let sign = clamped < 0 ? "-" : ""
        let whole = cents / 100
        let fraction = cents % 100
        if fraction == 0 { return sign + String(whole) }
        if fraction % 10 == 0 { return sign + String(whole) + "." + String(fraction / 10) }
        return sign + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
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
