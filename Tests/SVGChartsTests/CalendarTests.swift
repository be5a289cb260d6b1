import Testing

@testable import SVGCharts

@Suite struct ChartWeekTests {
    @Test func parsesAndRejects() {
        #expect(ChartWeek("2025-W32")?.week == 32)
        #expect(ChartWeek("2025-W32")?.label == "2025-W32")
        #expect(ChartWeek("2020-W53") != nil)
        #expect(ChartWeek("2021-W53") == nil)
        #expect(ChartWeek("2025-w07")?.week == 7)
        let bad = [
            "", "2025-W00", "2025-W5", "2025W32", "2025-32", "２０２５-W01", "2025-W32 ", "2025-W0\u{301}1", "2025-W３2",
            "2025+W32", "2025-X32", "0000-W01", "-025-W01",
        ]
        for bad in bad {
            #expect(ChartWeek(bad) == nil, "\(bad)")
        }
    }

    @Test func mondays() {
        #expect(ChartWeek("2025-W01")?.monday == ChartDate(year: 2024, month: 12, day: 30))
        #expect(ChartWeek("2024-W52")?.monday == ChartDate(year: 2024, month: 12, day: 23))
        #expect(ChartWeek("2025-W02")?.monday == ChartDate(year: 2025, month: 1, day: 6))
        #expect(ChartWeek("2021-W01")?.monday == ChartDate(year: 2021, month: 1, day: 4))
        #expect(ChartWeek("2020-W53")?.monday == ChartDate(year: 2020, month: 12, day: 28))
        #expect(ChartWeek("2025-W32")?.monday == ChartDate(year: 2025, month: 8, day: 4))
    }

    @Test func weeksPerYear() {
        #expect(ChartWeek.weeksIn(year: 2020) == 53)
        #expect(ChartWeek.weeksIn(year: 2015) == 53)
        #expect(ChartWeek.weeksIn(year: 2026) == 53)
        #expect(ChartWeek.weeksIn(year: 2024) == 52)
        #expect(ChartWeek.weeksIn(year: 2025) == 52)
    }
}

@Suite struct TimeTickTests {
    @Test func monthStartAcrossYearBoundary() {
        let weeks = ["2024-W52", "2025-W01", "2025-W02"].map { ChartWeek($0) }
        let starts = TimeTicks.monthStarts(weeks)
        // 2025-W01 starts on 30 December; January's first Monday is in W02.
        #expect(
            starts == [TimeTicks.MonthStart(index: 2, date: ChartDate(year: 2025, month: 1, day: 6))])
        let ticks = TimeTicks.ticks(
            weeks: weeks, rawLabels: [], x: { Double($0) * 200 }, fontSize: 20, bounds: 0...600)
        #expect(ticks.map(\.label) == ["2025"])
        #expect(ticks.map(\.index) == [2])
    }

    @Test func firstLabelCarriesItsYear() {
        let labels = consecutiveWeeks(from: 2024, week: 36, count: 20)
        let ticks = TimeTicks.ticks(
            weeks: labels.map { ChartWeek($0) }, rawLabels: labels, x: { Double($0) * 30 }, fontSize: 20,
            bounds: 0...600)
        #expect(ticks.map(\.label) == ["Sep 2024", "Oct", "Nov", "Dec", "2025"])
    }

    @Test func densityPicksCoarserSteps() {
        func labels(count: Int) -> [String] {
            let weeks = consecutiveWeeks(from: 2015, week: 1, count: count)
            let width = 560.0
            return TimeTicks.ticks(
                weeks: weeks.map { ChartWeek($0) }, rawLabels: weeks,
                x: { Double($0) * width / Double(count) },
                fontSize: 20, bounds: 0...width
            ).map(\.label)
        }
        #expect(labels(count: 26).count >= 3)
        let decade = labels(count: 530)
        #expect(!decade.isEmpty && decade.allSatisfy { $0.count == 4 && Int($0) != nil })
    }

    @Test func shortSeriesFallsBackToOneLabel() {
        let one = TimeTicks.ticks(
            weeks: [ChartWeek("2025-W32")], rawLabels: ["2025-W32"], x: { _ in 300 }, fontSize: 20,
            bounds: 0...600)
        #expect(one.map(\.label) == ["2025-W32"])
        let two = TimeTicks.ticks(
            weeks: [ChartWeek("2025-W33"), ChartWeek("2025-W34")], rawLabels: ["2025-W33", "2025-W34"],
            x: { Double($0) * 300 }, fontSize: 20, bounds: 0...600)
        #expect(two.map(\.label) == ["Aug 2025"])
    }
}
