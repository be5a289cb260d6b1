import Testing

@testable import SVGCharts

@Suite struct WeeklyChartTests {
    func chart(_ points: [WeekValue], style: WeeklyChart.Style = .bars) -> WeeklyChart {
        WeeklyChart(
            info: testInfo, points: points, seriesName: "messages", unit: "messages", axes: testAxes,
            style: style)
    }

    @Test(arguments: [WeeklyChart.Style.bars, .area, .line])
    func oneMarkPerPointInOrder(style: WeeklyChart.Style) throws {
        let weeks = consecutiveWeeks(from: 2024, week: 50, count: 12)
        let points = weeks.enumerated().map { WeekValue(week: $1, value: Double($0 * 31 % 17)) }
        let parsed = try #require(checkWellFormed(chart(points, style: style).svg()))
        #expect(parsed.markValues == points.map { NumberFormat.plain($0.value) })
        #expect(
            parsed.markTooltips == points.map { "\($0.week): \(NumberFormat.plain($0.value)) messages" })
    }

    @Test func barHeightsFollowValues() throws {
        let points = [WeekValue(week: "2025-W31", value: 100), WeekValue(week: "2025-W32", value: 310)]
        let parsed = try #require(checkWellFormed(chart(points).svg()))
        let heights = parsed.marks.compactMap { Double($0.attribute("height") ?? "") }
        #expect(heights.count == 2)
        #expect(abs(heights[1] / heights[0] - 3.1) < 0.01)
        let yTicks = parsed.elements(withClass: "tick-y").map(\.stringValue)
        #expect(yTicks == ["0", "100", "200", "300", "400"])
    }

    @Test func degenerateInputs() throws {
        let cases: [[WeekValue]] = [
            [],
            [WeekValue(week: "2025-W32", value: 310)],
            consecutiveWeeks(from: 2024, week: 40, count: 20).map { WeekValue(week: $0, value: 0) },
            [WeekValue(week: "not a week", value: .nan), WeekValue(week: "2025-W01", value: -.infinity)],
        ]
        for points in cases {
            for style in [WeeklyChart.Style.bars, .area, .line] {
                let parsed = try #require(checkWellFormed(chart(points, style: style).svg()))
                #expect(parsed.marks.count == points.count)
            }
        }
    }

    @Test func tenYearsThinsTicks() throws {
        let weeks = consecutiveWeeks(from: 2015, week: 1, count: 530)
        let points = weeks.enumerated().map { WeekValue(week: $1, value: Double($0 % 40)) }
        for style in [WeeklyChart.Style.bars, .area] {
            let parsed = try #require(checkWellFormed(chart(points, style: style).svg()))
            #expect(parsed.marks.count == 530)
            let labels = parsed.elements(withClass: "tick-x").map(\.stringValue)
            #expect(labels.count >= 3 && labels.count <= 10)
        }
    }

    @Test func textStaysLegibleOnPhones() throws {
        // 12 px at 375 px display width.
        #expect(ChartLayout.standard.minimumLegibleDisplayWidth <= 375)
    }

    @Test func deterministic() {
        let points = consecutiveWeeks(from: 2023, week: 1, count: 80).enumerated().map {
            WeekValue(week: $1, value: Double($0) / 3)
        }
        #expect(chart(points).svg() == chart(points).svg())
        #expect(chart(points, style: .area).svg() == chart(points, style: .area).svg())
    }

    @Test func tableAndCSV() {
        let c = chart([
            WeekValue(week: "2025-W31", value: 2.5), WeekValue(week: "2025-W32", value: 310),
        ])
        #expect(c.csv() == "week,messages\r\n2025-W31,2.5\r\n2025-W32,310\r\n")
        #expect(c.htmlTable().contains("<th scope=\"row\">2025-W32</th><td>310</td>"))
    }
}
