/// English date text for pages: `4–10 Aug 2025`, `28 Jul – 3 Aug 2025`.
public enum DateText {
    static let monthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    public static func monthAbbreviation(_ month: Int) -> String { monthAbbreviations[(month - 1) % 12] }

    /// `6 Aug 2025`.
    public static func day(_ date: CivilDate) -> String {
        "\(date.day) \(monthAbbreviation(date.month)) \(date.year)"
    }

    /// The span of an ISO week, naming month and year once where they are shared.
    public static func range(of week: ISOWeek) -> String {
        let start = week.monday
        let end = week.sunday
        if start.year != end.year { return "\(day(start)) – \(day(end))" }
        if start.month != end.month {
            return "\(start.day) \(monthAbbreviation(start.month)) – \(day(end))"
        }
        return "\(start.day)–\(day(end))"
    }

    /// The span without the year (`4–10 Aug`, `30 Dec – 5 Jan`), for lists already grouped by year.
    public static func rangeWithinYear(of week: ISOWeek) -> String {
        let start = week.monday
        let end = week.sunday
        if start.month != end.month {
            return "\(start.day) \(monthAbbreviation(start.month)) – \(end.day) \(monthAbbreviation(end.month))"
        }
        return "\(start.day)–\(end.day) \(monthAbbreviation(end.month))"
    }

    /// `6 Aug 12:56`.
    public static func shortTime(_ time: LocalDateTime) -> String {
        // Written byte by byte: every message row of every page shows one. A valid date and time
        // (all there are) has a day of one or two digits and a three-letter month.
        let day = time.date.day
        let month = monthAbbreviation(time.date.month)
        let dayWidth = day < 10 ? 1 : 2
        return String(unsafeUninitializedCapacity: dayWidth + 10) { buffer in
            writeDigits(day, width: dayWidth, into: buffer, at: 0)
            var offset = dayWidth
            buffer[offset] = UInt8(ascii: " ")
            for byte in month.utf8 {
                offset += 1
                buffer[offset] = byte
            }
            buffer[offset + 1] = UInt8(ascii: " ")
            writeDigits(time.hour, width: 2, into: buffer, at: offset + 2)
            buffer[offset + 4] = UInt8(ascii: ":")
            writeDigits(time.minute, width: 2, into: buffer, at: offset + 5)
            return offset + 7
        }
    }

    /// `Wed 6 Aug 2025 12:56 -0700`.
    public static func zoned(_ time: ZonedDateTime) -> String {
        let sign = time.utcOffsetMinutes < 0 ? "-" : "+"
        let offset = abs(time.utcOffsetMinutes)
        let local = time.local
        return
            "\(day(local.date)) \(pad(local.hour, 2)):\(pad(local.minute, 2)) \(sign)\(pad(offset / 60, 2))\(pad(offset % 60, 2))"
    }
}
