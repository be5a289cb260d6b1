/// An ISO 8601 week (`YYYY-Www`) and the calendar date of its Monday, computed with plain
/// integer arithmetic (proleptic Gregorian) so no locale or time zone can change the answer.
public struct ChartWeek: Sendable, Hashable, Comparable {
    public let year: Int
    public let week: Int

    /// Parses `YYYY-Www` (four-digit year, two-digit week); nil for anything else or for a week
    /// number the year doesn't have.
    public init?(_ text: String) {
        // Read as bytes: a chart parses every week of its axis. Eight bytes of the pattern are
        // eight ASCII characters, so a longer text (a combining mark, say) never passes.
        var text = text
        let parsed = text.withUTF8 { bytes -> (year: Int, week: Int)? in
            guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"),
                bytes[5] == UInt8(ascii: "W") || bytes[5] == UInt8(ascii: "w"),
                let year = Self.digits(bytes[0..<4]), let week = Self.digits(bytes[6..<8])
            else { return nil }
            return (year, week)
        }
        guard let (year, week) = parsed, year >= 1, week >= 1, week <= Self.weeksIn(year: year) else { return nil }
        self.year = year
        self.week = week
    }

    public init?(year: Int, week: Int) {
        guard (1...9999).contains(year), week >= 1, week <= Self.weeksIn(year: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// `YYYY-Www`.
    public var label: String {
        let y = String(year)
        let w = String(week)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-W" + (week < 10 ? "0" : "")
            + w
    }

    /// The Monday that starts this week.
    public var monday: ChartDate {
        ChartDate(daysSinceEpoch: Self.mondayOfWeekOne(year) + (week - 1) * 7)
    }

    public static func < (lhs: ChartWeek, rhs: ChartWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }

    /// 53 when 1 January is a Thursday, or a Wednesday in a leap year; else 52.
    public static func weeksIn(year: Int) -> Int {
        func p(_ y: Int) -> Int { (y + y / 4 - y / 100 + y / 400) % 7 }
        return p(year) == 4 || p(year - 1) == 3 ? 53 : 52
    }

    /// Week one is the week containing 4 January.
    private static func mondayOfWeekOne(_ year: Int) -> Int {
        let jan4 = ChartDate(year: year, month: 1, day: 4).daysSinceEpoch
        return jan4 - ChartDate.weekdayIndex(daysSinceEpoch: jan4)
    }

    private static func digits(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}

/// A year-month-day date without time or zone.
public struct ChartDate: Sendable, Hashable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// English three-letter month, e.g. "Jan"; month names are fixed, not localised.
    public var monthAbbreviation: String { Self.monthAbbreviations[month - 1] }

    // Howard Hinnant's days_from_civil / civil_from_days.
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    init(daysSinceEpoch days: Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    static func weekdayIndex(daysSinceEpoch days: Int) -> Int {
        ((days % 7) + 7 + 3) % 7
    }
}
