/// A wall-clock time with no zone: what the reports give for message times
/// (`MM-DD HH:MM`, year resolved from the week) and the generation time.
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Year, month, day, hour, minute and second in that order of significance, as one number:
    /// every message holds a time, and six whole numbers made it the largest part of a message.
    /// Sorting by it sorts by time (a negative year stays below every later one, the other
    /// fields being in range; a leap second, `23:59:60`, sorts before the next day's
    /// `00:00:00`, not with it), and comparing it compares every field.
    private let packed: Int

    /// The time as that one number, the same in every run: what stable hashes take of it.
    var packedValue: Int { packed }

    public var date: CivilDate {
        CivilDate(valid: packed >> 26, month: packed >> 22 & 0xF, day: packed >> 17 & 0x1F)
    }
    public var hour: Int { packed >> 12 & 0x1F }
    public var minute: Int { packed >> 6 & 0x3F }
    public var second: Int { packed & 0x3F }

    /// Years this far from year 0 and beyond (none a report gives) are no times: packed, they
    /// would not fit.
    static let yearLimit = 1 << 36

    public init?(date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
            date.year > -Self.yearLimit, date.year < Self.yearLimit
        else { return nil }
        packed = (((((date.year << 4 | date.month) << 5 | date.day) << 5 | hour) << 6 | minute) << 6) | second
    }

    /// The time `packedValue` gave, when it is one: its fields, read as the getters read them,
    /// each in range and the date a day of its month.
    init?(packedValue: Int) {
        let fields = LocalDateTime(unchecked: packedValue)
        let date = fields.date
        guard let date = CivilDate(year: date.year, month: date.month, day: date.day),
            let time = LocalDateTime(date: date, hour: fields.hour, minute: fields.minute, second: fields.second)
        else { return nil }
        self = time
    }

    private init(unchecked packed: Int) { self.packed = packed }

    public var secondsSinceEpoch: Int {
        date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// In the order of the fields: sorting thousands of messages compared their times more than
    /// anything else, and counting days since the epoch for both sides of every comparison took
    /// most of it.
    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.packed < rhs.packed
    }

    /// `YYYY-MM-DD HH:MM`, seconds added when not zero.
    public var description: String {
        let base = "\(date) \(pad(hour, 2)):\(pad(minute, 2))"
        return second == 0 ? base : base + ":\(pad(second, 2))"
    }

    /// `YYYY-MM-DDTHH:MM:SS`, for machine-readable output.
    public var iso8601: String {
        guard (0...9999).contains(date.year) else {
            return "\(date)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
        }
        return String(unsafeUninitializedCapacity: 19) { buffer in
            date.write(into: buffer)
            buffer[10] = UInt8(ascii: "T")
            writeDigits(hour, width: 2, into: buffer, at: 11)
            buffer[13] = UInt8(ascii: ":")
            writeDigits(minute, width: 2, into: buffer, at: 14)
            buffer[16] = UInt8(ascii: ":")
            writeDigits(second, width: 2, into: buffer, at: 17)
            return 19
        }
    }
}

/// A moment with the sender's UTC offset, as in an RFC 2822 `Date:` header.
public struct ZonedDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let local: LocalDateTime
    /// Minutes east of UTC.
    public let utcOffsetMinutes: Int

    public init(local: LocalDateTime, utcOffsetMinutes: Int) {
        self.local = local
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    public var secondsSinceEpoch: Int { local.secondsSinceEpoch - utcOffsetMinutes * 60 }

    public var utc: LocalDateTime {
        let seconds = secondsSinceEpoch
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        return LocalDateTime(
            date: CivilDate(daysSinceEpoch: days), hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)!
    }

    public static func < (lhs: ZonedDateTime, rhs: ZonedDateTime) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// RFC 3339, e.g. `2025-08-06T12:56:22-07:00`.
    public var description: String {
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(utcOffsetMinutes)
        return "\(local.iso8601)\(sign)\(pad(offset / 60, 2)):\(pad(offset % 60, 2))"
    }
}
