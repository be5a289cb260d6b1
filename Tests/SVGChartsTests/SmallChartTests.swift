import Testing

@testable import SVGCharts

@Suite struct SparklineTests {
    let points = consecutiveWeeks(from: 2025, week: 1, count: 30).enumerated().map {
        LabeledValue(label: $1, value: Double($0 % 7))
    }

    @Test func marksAndMarkers() throws {
        let c = Sparkline(
            info: testInfo, points: points,
            markers: [
                .init(index: 3, label: "v5"), .init(index: 4, label: "v6"), .init(index: 20, label: "v7"),
                .init(index: 99, label: "bad"),
            ],
            valueHeader: "messages", unit: "messages")
        let parsed = try #require(checkWellFormed(c.svg()))
        #expect(parsed.markValues == points.map { NumberFormat.plain($0.value) })
        #expect(parsed.elements(withClass: "marker").count == 3)
        // v5 and v6 are adjacent: only one of their labels fits.
        #expect(parsed.elements(withClass: "marker-label").map(\.stringValue) == ["v5", "v7"])
        let labels = parsed.textExtents(withClass: "marker-label")
        #expect(zip(labels, labels.dropFirst()).allSatisfy { $0.upperBound <= $1.lowerBound })
        #expect(c.table.columns == ["week", "messages", "marker"])
        #expect(c.table.rows[3] == ["2025-W04", "3", "v5"])
    }

    @Test func degenerate() throws {
        for pts in [
            [], [LabeledValue(label: "2025-W01", value: 0)],
            points.map { LabeledValue(label: $0.label, value: 0) },
        ] {
            let parsed = try #require(
                checkWellFormed(Sparkline(info: testInfo, points: pts, valueHeader: "v", unit: "").svg()))
            #expect(parsed.marks.count == pts.count)
        }
    }
}

@Suite struct WeekHeatmapTests {
    @Test func yearRowsPlaceCellsByWeek() throws {
        let weeks = consecutiveWeeks(from: 2023, week: 50, count: 10)
        let points = weeks.enumerated().map { WeekValue(week: $1, value: Double($0 * 40)) }
        let c = WeekHeatmap(
            info: testInfo, points: points, seriesName: "messages", unit: "messages", xAxisLabel: "week")
        let parsed = try #require(checkWellFormed(c.svg()))
        #expect(parsed.markValues == points.map { NumberFormat.plain($0.value) })
        #expect(parsed.markTooltips[1] == "2023-W51: 40 messages")
        #expect(parsed.elements(withClass: "tick-y").map(\.stringValue) == ["2023", "2024"])
        // Max 360 → buckets of 100: 0, 1–100, 101–200, 201–300, 301–400.
        #expect(
            parsed.elements(withClass: "legend-label").map(\.stringValue) == [
                "0", "1–100", "101–200", "201–300", "301–400",
            ])
        let buckets = parsed.marks.compactMap { $0.attribute("data-bucket") }
        #expect(buckets == ["0", "1", "1", "2", "2", "2", "3", "3", "4", "4"])
    }

    @Test func degenerate() throws {
        let decade = consecutiveWeeks(from: 2015, week: 1, count: 530).map {
            WeekValue(week: $0, value: 0)
        }
        for arrangement in [WeekHeatmap.Arrangement.yearRows, .singleRow] {
            for pts in [[], [WeekValue(week: "2025-W32", value: 3)], decade] {
                let c = WeekHeatmap(
                    info: testInfo, points: pts, seriesName: "m", unit: "", xAxisLabel: "",
                    arrangement: arrangement)
                let parsed = try #require(checkWellFormed(c.svg()))
                #expect(parsed.marks.count == pts.count)
            }
        }
    }
}
