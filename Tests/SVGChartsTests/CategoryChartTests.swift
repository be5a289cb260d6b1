import Testing

@testable import SVGCharts

@Suite struct StackedWeeklyChartTests {
    let categories = ["Alice", "Bob", "Carol", "Dave", "Eve", "Mallory", "Trent"]

    func chart(_ points: [WeekValues], categories: [String]) -> StackedWeeklyChart {
        StackedWeeklyChart(
            info: testInfo, categories: categories, points: points, unit: "messages", axes: testAxes)
    }

    @Test func foldsExtraCategoriesIntoOther() throws {
        let points = [WeekValues(week: "2025-W32", values: [1, 2, 3, 4, 5, 6, 7])]
        let c = chart(points, categories: categories)
        #expect(c.series == ["Alice", "Bob", "Carol", "Dave", "Eve", "Other"])
        #expect(c.csv() == "week,Alice,Bob,Carol,Dave,Eve,Other\r\n2025-W32,1,2,3,4,5,13\r\n")
        let parsed = try #require(checkWellFormed(c.svg()))
        #expect(parsed.markValues == ["1", "2", "3", "4", "5", "13"])
        #expect(parsed.markTooltips.last == "2025-W32, Other: 13 messages")
        let legend = parsed.elements(withClass: "legend-label").map(\.stringValue)
        #expect(legend == c.series)
    }

    @Test func callerFoldedOtherIsDrawnAsOther() throws {
        let points = [WeekValues(week: "2025-W32", values: [4, 2, 1])]
        let c = chart(points, categories: ["PATCH", "RFC", "Other"])
        #expect(c.series == ["PATCH", "RFC", "Other"])
        let parsed = try #require(checkWellFormed(c.svg()))
        #expect(parsed.marks.last?.attribute("fill") == Palette.otherFill)
        let plain = try #require(checkWellFormed(chart(points, categories: ["PATCH", "RFC", "Misc"]).svg()))
        #expect(plain.marks.last?.attribute("fill") == Palette.seriesFill(2))
    }

    @Test func marksInWeekThenCategoryOrder() throws {
        let weeks = consecutiveWeeks(from: 2024, week: 51, count: 6)
        let points = weeks.enumerated().map { i, w in
            WeekValues(week: w, values: [Double(i), 2, Double(i % 3)])
        }
        let parsed = try #require(checkWellFormed(chart(points, categories: ["a", "b", "c"]).svg()))
        #expect(parsed.markValues == points.flatMap { $0.values.map(NumberFormat.plain) })
    }

    @Test func missingValuesArePaddedWithZero() {
        let c = chart([WeekValues(week: "2025-W01", values: [3])], categories: ["a", "b"])
        #expect(c.points[0].values == [3, 0])
    }

    @Test func degenerateInputs() throws {
        let empty = try #require(checkWellFormed(chart([], categories: categories).svg()))
        #expect(empty.marks.isEmpty)
        _ = try #require(checkWellFormed(chart([], categories: []).svg()))
        let zeros = consecutiveWeeks(from: 2015, week: 1, count: 530).map {
            WeekValues(week: $0, values: [0, 0])
        }
        let parsed = try #require(checkWellFormed(chart(zeros, categories: ["a", "b"]).svg()))
        #expect(parsed.marks.count == 1060)
    }
}

@Suite struct RankedBarChartTests {
    @Test func barsInGivenOrderWithLabels() throws {
        let items = [("Linus", 412.0), ("Greg", 310), ("Zed", 0)].map {
            LabeledValue(label: $0.0, value: $0.1)
        }
        let c = RankedBarChart(
            info: testInfo, items: items, labelHeader: "sender", valueHeader: "messages",
            unit: "messages",
            valueAxisLabel: "messages")
        let parsed = try #require(checkWellFormed(c.svg()))
        #expect(parsed.markValues == ["412", "310", "0"])
        #expect(
            parsed.markTooltips == ["Linus: 412 messages", "Greg: 310 messages", "Zed: 0 messages"])
        #expect(parsed.elements(withClass: "bar-label").map(\.stringValue) == ["Linus", "Greg", "Zed"])
        // Labels end left of the bars, values start right of them, all inside the viewBox.
        let labels = parsed.textExtents(withClass: "bar-label")
        let barLeft = Double(parsed.marks[0].attribute("x") ?? "") ?? 0
        #expect(labels.allSatisfy { $0.lowerBound >= 0 && $0.upperBound < barLeft })
        #expect(
            parsed.textExtents(withClass: "bar-value").allSatisfy { $0.upperBound <= parsed.viewBox[2] })
        #expect(c.csv() == "sender,messages\r\nLinus,412\r\nGreg,310\r\nZed,0\r\n")
    }

    @Test func longLabelsAreTruncated() throws {
        let long = String(repeating: "Wide Label ", count: 20)
        let c = RankedBarChart(
            info: testInfo, items: [LabeledValue(label: long, value: 5)], labelHeader: "sender",
            valueHeader: "messages", unit: "", valueAxisLabel: "")
        let parsed = try #require(checkWellFormed(c.svg()))
        let text = try #require(parsed.elements(withClass: "bar-label").first?.stringValue)
        #expect(text.hasSuffix("…"))
        #expect(parsed.textExtents(withClass: "bar-label")[0].lowerBound >= 0)
        #expect(parsed.markTooltips == [long + ": 5"])
    }

    @Test func empty() throws {
        let c = RankedBarChart(
            info: testInfo, items: [], labelHeader: "sender", valueHeader: "messages", unit: "messages",
            valueAxisLabel: "messages")
        #expect(try #require(checkWellFormed(c.svg())).marks.isEmpty)
    }
}
