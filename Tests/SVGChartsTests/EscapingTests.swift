import Testing

@testable import SVGCharts

@Suite struct EscapingTests {
    let hostile = "<script>alert('x')</script> & \"quoted\"\u{0007}\u{0000}\nnext"

    @Test func escapesText() {
        #expect(
            Escaping.xml(hostile)
                == "&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; &quot;quoted&quot; next")
    }

    @Test func aMarkCombiningWithAQuoteDoesNotHideIt() {
        #expect(Escaping.xml("a\"\u{301} b<\u{338}") == "a&quot;\u{301} b&lt;\u{338}")
        #expect(Escaping.xml("plain label, 中文 ©") == "plain label, 中文 ©")
        #expect(Escaping.xml("C1\u{85}control\u{FFFE}") == "C1control")
    }

    @Test func idsAreSanitized() {
        #expect(Escaping.id("msgs-2025_a") == "msgs-2025_a")
        #expect(Escaping.id("a\" onload=\"x") == "aonloadx")
        #expect(Escaping.id("9x") == "chart-9x")
        #expect(Escaping.id("") == "chart-")
    }

    @Test func hostileTextInEveryChart() throws {
        let info = ChartInfo(idPrefix: "\"><script>", title: hostile, description: hostile)
        let axes = AxisLabels(x: hostile, y: hostile)
        let svgs = [
            WeeklyChart(
                info: info, points: [WeekValue(week: hostile, value: 1)], seriesName: hostile,
                unit: hostile, axes: axes
            ).svg(),
            StackedWeeklyChart(
                info: info, categories: [hostile], points: [WeekValues(week: hostile, values: [1])],
                unit: hostile, axes: axes
            ).svg(),
            RankedBarChart(
                info: info, items: [LabeledValue(label: hostile, value: 1)], labelHeader: hostile,
                valueHeader: hostile, unit: hostile, valueAxisLabel: hostile
            ).svg(),
            Sparkline(
                info: info, points: [LabeledValue(label: hostile, value: 1)],
                markers: [.init(index: 0, label: hostile)], valueHeader: hostile, unit: hostile
            ).svg(),
            WeekHeatmap(
                info: info, points: [WeekValue(week: hostile, value: 1)], seriesName: hostile,
                unit: hostile, xAxisLabel: hostile, arrangement: .singleRow
            ).svg(),
        ]
        for svg in svgs {
            let parsed = try #require(checkWellFormed(svg))
            #expect(!svg.contains("<script"))
            #expect(!svg.contains("\u{0007}"))
            #expect(parsed.root.attribute("aria-labelledby") == "script-title script-desc")
            #expect(parsed.allElements.allSatisfy { $0.name != "script" })
            let title = parsed.root.children.first { $0.name == "title" }?.text
            #expect(title == "<script>alert('x')</script> & \"quoted\" next")
        }
    }

    /// A mark is written straight as bytes: it must be what the general element writer makes of
    /// the same attributes and tooltip, hostile labels and units included.
    @Test func marksWrittenStraightAreWhatElementWrites() {
        for label in ["2025-W32", hostile, "é\u{301}'s"] {
            for unit in ["messages", "", hostile] {
                for (x, y, width, height, value) in [(1.0, 2.5, 3.25, 0, 0.0), (-0.004, 17, 1e20, 3.333, -2.5)] {
                    for attribute in ["data-week", "data-label"] {
                        var straight = SVGWriter()
                        straight.mark(
                            x: x, y: y, width: width, height: height, labelAttribute: attribute, label: label,
                            value: value, unit: unit)
                        var general = SVGWriter()
                        general.element(
                            "rect",
                            [
                                "class": "mark", "x": num(x), "y": num(y), "width": num(width), "height": num(height),
                                attribute: label, "data-value": NumberFormat.plain(value),
                            ],
                            tooltip: tooltip(label, value, unit: unit))
                        #expect(straight.output == general.output)
                    }
                }
            }
        }
    }

    @Test func htmlTableEscapes() {
        let table = DataTable(columns: ["week", "<b>"], rows: [["a&b", "\"1\""]])
        let html = table.html(caption: "<i>cap</i>")
        #expect(html.contains("<caption>&lt;i&gt;cap&lt;/i&gt;</caption>"))
        #expect(html.contains("<th scope=\"col\">&lt;b&gt;</th>"))
        #expect(html.contains("<th scope=\"row\">a&amp;b</th><td>&quot;1&quot;</td>"))
    }
}

@Suite struct CSVTests {
    @Test func quotingFollowsRFC4180() {
        let table = DataTable(
            columns: ["week", "messages, total"],
            rows: [["2025-W01", "say \"hi\""], ["line\nbreak", "plain"], ["bell\u{0007}", "=1+1"]])
        #expect(
            table.csv()
                == "week,\"messages, total\"\r\n2025-W01,\"say \"\"hi\"\"\"\r\n\"line\nbreak\",plain\r\nbell,=1+1\r\n"
        )
    }

    @Test func controlCharactersGoAndOtherTextStaysAsItIs() {
        let table = DataTable(
            columns: ["name", "note"],
            rows: [
                ["Zoë Ñandú", "del\u{7F}eted"], ["tab\there", "\u{85}next line"], ["A-Za-z 0-9 ~!@#$%^&*()", "é,è"],
            ])
        #expect(
            table.csv()
                == "name,note\r\nZoë Ñandú,deleted\r\ntab\there,next line\r\nA-Za-z 0-9 ~!@#$%^&*(),\"é,è\"\r\n")
    }

    @Test func headerOnlyWhenEmpty() {
        let c = WeeklyChart(
            info: testInfo, points: [], seriesName: "messages", unit: "messages", axes: testAxes)
        #expect(c.csv() == "week,messages\r\n")
    }
}
