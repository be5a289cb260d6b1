/// An ISO 8601 week, such as 2025-W32 (Monday 4 August to Sunday 10 August 2025).
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let week: Int

    /// Returns nil when the year has no such week (W53 exists only in some years).
    public init?(year: Int, week: Int) {
        guard (1...9999).contains(year), week >= 1, week <= ISOWeek.weeksIn(year: year) else { return nil }
        self.year = year
        self.week = week
    }

    /// The week that contains `date`.
    public init(containing date: CivilDate) {
        // The ISO week belongs to the year of its Thursday, at most three days away: the date's
        // own year but near New Year. Only there is the Thursday's date worked out from its day
        // number, the costly part (a build asks for the week of 85,000 messages).
        let days = date.daysSinceEpoch
        let thursday = days + 4 - CivilDate.isoWeekday(ofDay: days)
        let year = Self.isNearNewYear(date) ? CivilDate(daysSinceEpoch: thursday).year : date.year
        self.year = year
        week = (thursday - CivilDate(valid: year, month: 1, day: 1).daysSinceEpoch) / 7 + 1
    }

    /// `ISOWeek(containing: date).year`, without working out the week: a date's ISO year is its
    /// calendar year but near New Year.
    public static func year(containing date: CivilDate) -> Int {
        isNearNewYear(date) ? ISOWeek(containing: date).year : date.year
    }

    /// In the first three days of January or the last three of December: the only days whose
    /// week's Thursday may be in the year before or after.
    private static func isNearNewYear(_ date: CivilDate) -> Bool {
        (date.month == 1 && date.day <= 3) || (date.month == 12 && date.day >= 29)
    }

    /// Parses `2025-W32` (case-insensitive `W`).
    public init?(id: String) {
        let parts = id.uppercased().split(separator: "-W", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
            let year = Int(parts[0]), let week = Int(parts[1])
        else { return nil }
        self.init(year: year, week: week)
    }

    public static func weeksIn(year: Int) -> Int {
        // 53 when 1 January is a Thursday, or a Wednesday in a leap year: told by the weekday of
        // 31 December (`p`, 0 for a Sunday) of the year and of the year before, without making
        // dates. Every step from one week to the next asks this.
        guard (1...9999).contains(year) else { return 52 }
        func p(_ y: Int) -> Int { (y + y / 4 - y / 100 + y / 400) % 7 }
        return p(year) == 4 || p(year - 1) == 3 ? 53 : 52
    }

    /// The Monday that starts the week.
    public var monday: CivilDate {
        // 4 January is always in week 1.
        let jan4 = CivilDate(year: year, month: 1, day: 4)!
        let week1Monday = jan4.adding(days: 1 - jan4.isoWeekday)
        return week1Monday.adding(days: (week - 1) * 7)
    }

    public var sunday: CivilDate { monday.adding(days: 6) }

    public func adding(weeks: Int) -> ISOWeek {
        ISOWeek(containing: monday.adding(days: weeks * 7))
    }

    /// `adding(weeks: 1)`, counted on from the week number instead of through dates: the
    /// charts walk every week of the archive, of every series and of every person.
    public var next: ISOWeek {
        // Every year has 52 weeks: only the last ones ask whether it has a 53rd (a build steps
        // through 145,000 weeks, most of them in the person pages' keys).
        week < 52 || week < Self.weeksIn(year: year) ? ISOWeek(valid: year, week + 1) : ISOWeek(valid: year + 1, 1)
    }

    private init(valid year: Int, _ week: Int) {
        self.year = year
        self.week = week
    }

    /// `2025-W32`: the form used in URLs, JSON and CSV.
    public var id: String {
        // Written byte by byte: pages, data files and charts name weeks by the hundred thousand.
        guard (0...9999).contains(year) else { return "\(pad(year, 4))-W\(pad(week, 2))" }
        return String(unsafeUninitializedCapacity: 8) { buffer in
            writeDigits(year, width: 4, into: buffer, at: 0)
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = UInt8(ascii: "W")
            writeDigits(week, width: 2, into: buffer, at: 6)
            return 8
        }
    }

    public var description: String { id }

    public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
        (lhs.year, lhs.week) < (rhs.year, rhs.week)
    }
}

extension ISOWeek: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let week = ISOWeek(id: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO week: \(text)")
        }
        self = week
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(id)
    }
}
