import Testing

@testable import ListDigestCore

@Suite struct ISOWeekTests {
    @Test func weekOneOf2025StartsInDecember2024() throws {
        let week = try #require(ISOWeek(year: 2025, week: 1))
        #expect(week.monday.description == "2024-12-30")
        #expect(week.sunday.description == "2025-01-05")
    }

    @Test func week32Of2025() throws {
        let week = try #require(ISOWeek(id: "2025-W32"))
        #expect(week.monday.description == "2025-08-04")
        #expect(DateText.range(of: week) == "4–10 Aug 2025")
    }

    @Test func weeksInYearFollowsTheThursdayRule() {
        #expect(ISOWeek.weeksIn(year: 2020) == 53)
        #expect(ISOWeek.weeksIn(year: 2026) == 53)
        #expect(ISOWeek.weeksIn(year: 2025) == 52)
        #expect(ISOWeek(year: 2025, week: 53) == nil)
        #expect(ISOWeek(year: 2026, week: 53) != nil)
        #expect(ISOWeek(year: 2025, week: 0) == nil)
    }

    /// Every year's count agrees with its first of January: a Thursday, or a Wednesday in a
    /// leap year, makes 53 weeks; and a year's last week is the week of its 28 December.
    @Test func weeksInEveryYearAgreesWithItsDates() throws {
        for year in 1...9999 {
            let weekday = try #require(CivilDate(year: year, month: 1, day: 1)).isoWeekday
            let expected = weekday == 4 || (weekday == 3 && CivilDate.isLeap(year)) ? 53 : 52
            #expect(ISOWeek.weeksIn(year: year) == expected, "\(year)")
            let december28 = try #require(CivilDate(year: year, month: 12, day: 28))
            #expect(ISOWeek(containing: december28).week == expected, "\(year)")
        }
    }

    @Test func weekContainingDatesAroundNewYear() throws {
        let lastDay = try #require(CivilDate(year: 2024, month: 12, day: 31))
        #expect(ISOWeek(containing: lastDay).id == "2025-W01")
        let firstDay2021 = try #require(CivilDate(year: 2021, month: 1, day: 1))
        #expect(ISOWeek(containing: firstDay2021).id == "2020-W53")
    }

    /// Every day from 1999 to 2030 is in the week of its Thursday (ISO 8601: the week's year is
    /// the Thursday's, its number counts Thursdays from the year's first), worked out here from
    /// the Thursday's own date.
    @Test func everyDayIsInTheWeekOfItsThursday() throws {
        let start = try #require(CivilDate(year: 1999, month: 1, day: 1)).daysSinceEpoch
        let end = try #require(CivilDate(year: 2031, month: 1, day: 1)).daysSinceEpoch
        for days in start...end {
            let date = CivilDate(daysSinceEpoch: days)
            let thursday = date.adding(days: 4 - date.isoWeekday)
            let firstOfYear = try #require(CivilDate(year: thursday.year, month: 1, day: 1))
            let week = ISOWeek(containing: date)
            #expect(
                week.year == thursday.year
                    && week.week == (thursday.daysSinceEpoch - firstOfYear.daysSinceEpoch) / 7 + 1, "\(date)")
        }
    }

    /// A date's ISO year, worked out without its week, is its week's year, every day from 1999
    /// to 2030 (every way a year can start and end).
    @Test func isoYearOfEveryDayIsItsWeeksYear() throws {
        let start = try #require(CivilDate(year: 1999, month: 1, day: 1)).daysSinceEpoch
        let end = try #require(CivilDate(year: 2031, month: 1, day: 1)).daysSinceEpoch
        for days in start...end {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(ISOWeek.year(containing: date) == ISOWeek(containing: date).year)
        }
        let december = try #require(CivilDate(year: 2024, month: 12, day: 30))
        #expect(ISOWeek.year(containing: december) == 2025)
        let january = try #require(CivilDate(year: 2021, month: 1, day: 3))
        #expect(ISOWeek.year(containing: january) == 2020)
    }

    @Test func addingWeeksCrossesYears() throws {
        let week = try #require(ISOWeek(id: "2024-W52"))
        #expect(week.adding(weeks: 1).id == "2025-W01")
        #expect(week.adding(weeks: -52).id == "2023-W52")
    }

    /// Written byte by byte, the same as the padded parts put together.
    @Test func weekIDsAndShortTimesReadAsTheirParts() throws {
        func padded(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        var week = try #require(ISOWeek(year: 1998, week: 1))
        for _ in 0..<(52 * 6) {
            #expect(week.id == "\(padded(week.year, 4))-W\(padded(week.week, 2))")
            week = week.next
        }
        #expect(try #require(ISOWeek(year: 25, week: 3)).id == "0025-W03")
        for (day, month, hour, minute) in [
            (1, 1, 0, 0), (9, 8, 9, 5), (10, 12, 23, 59), (31, 5, 12, 30), (6, 8, 12, 56),
        ] {
            let date = try #require(CivilDate(year: 2025, month: month, day: day))
            let time = try #require(LocalDateTime(date: date, hour: hour, minute: minute))
            #expect(
                DateText.shortTime(time)
                    == "\(day) \(DateText.monthAbbreviation(month)) \(padded(hour, 2)):\(padded(minute, 2))")
        }
        let date = try #require(CivilDate(year: 2025, month: 8, day: 6))
        #expect(DateText.shortTime(try #require(LocalDateTime(date: date, hour: 12, minute: 56))) == "6 Aug 12:56")
    }

    @Test func theNextWeekIsOneWeekLater() throws {
        var week = try #require(ISOWeek(year: 1995, week: 1))
        for _ in 0..<(52 * 40) {
            #expect(week.next == week.adding(weeks: 1), "\(week)")
            week = week.adding(weeks: 1)
        }
        #expect(try #require(ISOWeek(year: 2020, week: 53)).next.id == "2021-W01")
        #expect(try #require(ISOWeek(year: 2025, week: 52)).next.id == "2026-W01")
    }

    @Test func rangeTextAcrossMonthsAndYears() throws {
        #expect(DateText.range(of: try #require(ISOWeek(id: "2025-W01"))) == "30 Dec 2024 – 5 Jan 2025")
        #expect(DateText.range(of: try #require(ISOWeek(id: "2025-W40"))) == "29 Sep – 5 Oct 2025")
        #expect(DateText.rangeWithinYear(of: try #require(ISOWeek(id: "2025-W40"))) == "29 Sep – 5 Oct")
        #expect(DateText.rangeWithinYear(of: try #require(ISOWeek(id: "2025-W32"))) == "4–10 Aug")
        #expect(DateText.rangeWithinYear(of: try #require(ISOWeek(id: "2025-W01"))) == "30 Dec – 5 Jan")
    }

    @Test func civilDateRoundTripsThroughDayNumbers() throws {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
        }
        #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(try #require(CivilDate(year: 2025, month: 8, day: 4)).isoWeekday == 1)
    }

    /// Times order as the seconds since the epoch do, field by field, across years, months, days,
    /// hours and minutes, before the epoch too; a leap second sorts last in its minute.
    @Test func timesOrderAsTheirSecondsSinceTheEpoch() throws {
        var generator = SeededRandom(seed: 3)
        let times = try (0..<400).map { _ in
            try #require(
                LocalDateTime(
                    date: CivilDate(daysSinceEpoch: generator.below(90_000) - 45_000), hour: generator.below(24),
                    minute: generator.below(60), second: generator.below(60)))
        }
        // Random pairs, and pairs a field apart.
        let pairs = times.map { ($0, times[generator.below(times.count)]) } + zip(times, times.dropFirst())
        for (a, b) in pairs + times.map({ ($0, $0) }) {
            #expect((a < b) == (a.secondsSinceEpoch < b.secondsSinceEpoch))
        }
        for a in times.prefix(50) {
            for step in [1, 60, 3600, 86_400, 86_400 * 31, 86_400 * 366] {
                let total = a.secondsSinceEpoch + step
                let days = (total - (total % 86_400 + 86_400) % 86_400) / 86_400
                let second = total - days * 86_400
                let b = try #require(
                    LocalDateTime(
                        date: CivilDate(daysSinceEpoch: days), hour: second / 3600, minute: second / 60 % 60,
                        second: second % 60))
                #expect(b.secondsSinceEpoch == total && a < b && !(b < a))
            }
        }
        let day = try #require(CivilDate(year: 2016, month: 12, day: 31))
        let leap = try #require(LocalDateTime(date: day, hour: 23, minute: 59, second: 60))
        let last = try #require(LocalDateTime(date: day, hour: 23, minute: 59, second: 59))
        let midnight = try #require(LocalDateTime(date: day.adding(days: 1), hour: 0, minute: 0))
        #expect(last < leap && leap < midnight && !(midnight < leap))
    }

    /// A time keeps every field it was made with, and is equal only to a time made with the same
    /// fields: across the years a report could name, before year 0 too, and at the ends of each
    /// field's range.
    @Test func timesKeepTheirFields() throws {
        var generator = SeededRandom(seed: 5)
        let limit = LocalDateTime.yearLimit
        var days = [-719_528, 0, 1, 2_932_896] + (0..<300).map { _ in generator.below(4_000_000) - 2_000_000 }
        days += [limit - 1, -(limit - 1)].map { CivilDate(valid: $0, month: 12, day: 31).daysSinceEpoch }
        var made: [LocalDateTime: (CivilDate, Int, Int, Int)] = [:]
        for day in days {
            let date = CivilDate(daysSinceEpoch: day)
            for (hour, minute, second) in [(0, 0, 0), (23, 59, 60), (23, 59, 59)]
                + (0..<3).map({ _ in
                    (generator.below(24), generator.below(60), generator.below(61))
                })
            {
                let time = try #require(LocalDateTime(date: date, hour: hour, minute: minute, second: second))
                #expect(time.date == date && time.hour == hour && time.minute == minute && time.second == second)
                if let earlier = made[time] {
                    #expect(earlier == (date, hour, minute, second))
                }
                made[time] = (date, hour, minute, second)
            }
        }
        #expect(made.count > 1_800)
        // Its one number (what the parse cache keeps) gives it back, and no other number gives a
        // time: a field out of range, or a day past its month's end.
        for time in made.keys { #expect(LocalDateTime(packedValue: time.packedValue) == time) }
        let sample = try #require(made.keys.first { $0.date.year > 0 })
        let packed = sample.packedValue
        let broken = [
            packed & ~(0xF << 22) | 13 << 22, packed & ~(0x1F << 17), packed & ~(0x1F << 12) | 24 << 12,
            packed & ~(0x3F << 6) | 60 << 6, packed & ~0x3F | 61,
        ]
        for value in broken { #expect(LocalDateTime(packedValue: value) == nil, "\(value)") }
        let february = try #require(CivilDate(year: 2025, month: 2, day: 28))
        let lastOfFebruary = try #require(LocalDateTime(date: february, hour: 12, minute: 0)).packedValue
        #expect(LocalDateTime(packedValue: lastOfFebruary + (3 << 17)) == nil, "31 February")
        // Years too far to pack are no times, as an hour of 24 is none.
        for year in [limit, -limit, Int.max, Int.min] {
            #expect(LocalDateTime(date: CivilDate(valid: year, month: 1, day: 1), hour: 0, minute: 0) == nil)
        }
        #expect(LocalDateTime(date: CivilDate(daysSinceEpoch: 0), hour: 24, minute: 0) == nil)
    }

    @Test func datesAndTimesAreWrittenZeroPadded() throws {
        for days in stride(from: -800_000, through: 3_000_000, by: 7919) {
            let date = CivilDate(daysSinceEpoch: days)
            let padded = "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))"
            #expect(date.description == padded)
            let (hour, minute, second) = (abs(days) % 24, abs(days) % 60, abs(days) % 61)
            let time = try #require(LocalDateTime(date: date, hour: hour, minute: minute, second: second))
            #expect(time.iso8601 == "\(padded)T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))")
        }
        let earlyDate = try #require(CivilDate(year: 7, month: 3, day: 9))
        let early = try #require(LocalDateTime(date: earlyDate, hour: 0, minute: 5))
        #expect(early.iso8601 == "0007-03-09T00:05:00")
        #expect(early.description == "0007-03-09 00:05")
        #expect(try #require(CivilDate(year: 12_025, month: 12, day: 31)).description == "12025-12-31")
    }
}

@Suite struct MailDateTests {
    @Test func parsesRFC2822WithDoubleSpaceAndZone() throws {
        let date = try #require(MailDate.parse("Wed,  6 Aug 2025 12:56:22 -0700"))
        #expect(date.local.description == "2025-08-06 12:56:22")
        #expect(date.utcOffsetMinutes == -420)
        #expect(date.utc.description == "2025-08-06 19:56:22")
        #expect(date.description == "2025-08-06T12:56:22-07:00")
    }

    @Test func acceptsNamedZonesCommentsAndNoWeekday() throws {
        #expect(try #require(MailDate.parse("6 Aug 2025 12:56 GMT")).utcOffsetMinutes == 0)
        #expect(try #require(MailDate.parse("Fri, 20 Dec 2024 12:52:33 +0530 (IST)")).utcOffsetMinutes == 330)
        // Months and zones in any case, long month names, two-digit years, several comments.
        let shouted = try #require(MailDate.parse("WED, 6 AUGUST 25 12:56 PdT (Pacific) (daylight)"))
        #expect(shouted.description == "2025-08-06T12:56:00-07:00")
        #expect(try #require(MailDate.parse("6 dec 1999 23:59:59 Z")).local.description == "1999-12-06 23:59:59")
    }

    /// ASCII texts are read from their bytes: the same date, or none, as reading their words as
    /// strings, for dates put together from right and wrong pieces of each kind (capitals,
    /// signs, stray colons, comments, missing parts) with spaces of every kind between them.
    @Test func asciiDatesAreReadAsTheirWordsAre() throws {
        let slots = [
            ["", "Wed,", "WED,", "wed", ","],
            ["6", "31", "+6", "-1", "06", "x", "30"],
            ["Aug", "AUGUST", "au", "Fe", "feb", "Dec.", "mAy"],
            ["2025", "25", "99", "+2025", "20x5", "0"],
            ["12:56:22", "12:56", "::7:8", "24:00", "1:2:3:4", "12:5a", "+1:-0"],
            ["-0700", "+0530", "+05a0", "GmT", "pdt", "Z", "+07", "-00000", "", "ut"],
            ["", "(PDT)", "(a) (b)", "(", "x"],
        ]
        let separators = [" ", "  ", "\t", "\r\n", "\u{0B}", "\u{0C}", "\r", ""]
        var generator = SeededRandom(seed: 3)
        var dates = 0
        for _ in 0..<20_000 {
            var text = ""
            for slot in slots where generator.below(12) > 0 {
                text += separators[generator.below(separators.count)] + slot[generator.below(slot.count)]
            }
            var bytes = text
            let fromBytes = bytes.withUTF8 { MailDate.parseASCII($0) }
            #expect(fromBytes == MailDate.parse(tokens: MailDate.characterTokens(text)), "\(text.debugDescription)")
            if fromBytes != nil { dates += 1 }
        }
        #expect(dates > 400)
        // A non-ASCII text is read by characters: a no-break space separates words.
        #expect(try #require(MailDate.parse("Wed,\u{A0}6 Aug 2025 12:56:22 -0700")).utcOffsetMinutes == -420)
    }

    @Test func rejectsNonsense() {
        #expect(MailDate.parse("") == nil)
        #expect(MailDate.parse("yesterday") == nil)
        #expect(MailDate.parse("Wed, 31 Feb 2025 12:00:00 +0000") == nil)
        #expect(MailDate.parse("Wed, 6 Aug 2025 25:00:00 +0000") == nil)
        #expect(MailDate.parse("Wed, 6 Aug 2025 12:00:00 +07") == nil)
    }
}
