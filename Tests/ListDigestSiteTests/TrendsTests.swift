import Foundation
import ListDigestCore
import ListDigestTestSupport
import SVGCharts
import Testing

@testable import ListDigestSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// One chart of a built page, parsed as XML (which fails on anything not well-formed).
struct PageChart {
    struct Element {
        let name: String
        let attributes: [String: String]
        var classes: [Substring] { (attributes["class"] ?? "").split(separator: " ") }
    }

    let source: String
    /// Every element in document order, the root first.
    let elements: [Element]
    /// Elements with a `<title>` child, in order.
    let titled: Set<Int>

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var stack: [Int] = []
        var titled = Set<Int>()
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if name == "title", let parent = stack.last { titled.insert(parent) }
            stack.append(elements.count)
            elements.append(Element(name: name, attributes: attributes))
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
    }

    init?(_ svg: String) {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        guard parser.parse(), collector.elements.first?.name == "svg" else { return nil }
        source = svg
        elements = collector.elements
        titled = collector.titled
    }

    var root: Element { elements[0] }
    var marks: [Element] { elements.filter { $0.classes.contains("mark") } }
    var values: [String] { marks.map { $0.attributes["data-value"] ?? "?" } }
    var titleID: String? { root.attributes["aria-labelledby"]?.split(separator: " ").first.map(String.init) }

    /// Every `<svg>…</svg>` of a page, in order; records an issue for one that does not parse.
    static func all(in html: String, page: String, sourceLocation: SourceLocation = #_sourceLocation) -> [PageChart] {
        var charts: [PageChart] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "),
            let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex)
        {
            let svg = String(rest[start.lowerBound..<end.upperBound])
            if let chart = PageChart(svg) {
                charts.append(chart)
            } else {
                Issue.record("\(page): an SVG is not well-formed XML", sourceLocation: sourceLocation)
            }
            rest = rest[end.upperBound...]
        }
        return charts
    }

    static func named(_ idPrefix: String, in charts: [PageChart]) -> PageChart? {
        charts.first { $0.titleID == idPrefix + "-title" }
    }
}

/// What every chart of the site must satisfy.
func checkAccessible(_ chart: PageChart, page: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let root = chart.root
    #expect(root.attributes["role"] == "img", "\(page)", sourceLocation: sourceLocation)
    let ids = (root.attributes["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
    #expect(ids.count == 2, "\(page)", sourceLocation: sourceLocation)
    #expect(
        chart.elements.dropFirst().prefix(2).map { $0.attributes["id"] ?? "" } == ids, "\(page)",
        sourceLocation: sourceLocation)
    let viewBox = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
    #expect(viewBox.count == 4, "\(page)", sourceLocation: sourceLocation)
    let fontSize = Double(root.attributes["font-size"] ?? "") ?? 0
    if root.classes.contains("chart-sparkline") {
        // Shown at its own size in CSS pixels.
        #expect(fontSize >= 12, "\(page)", sourceLocation: sourceLocation)
    } else if viewBox.count == 4 {
        // Scaled to the page: 12 px at 375 px wide.
        #expect(fontSize / viewBox[2] >= 12 / 375, "\(page)", sourceLocation: sourceLocation)
    }
    for (position, element) in chart.elements.enumerated() where element.classes.contains("mark") {
        #expect(chart.titled.contains(position), "\(page): a mark without a tooltip", sourceLocation: sourceLocation)
    }
    #expect(!chart.source.contains("NaN") && !chart.source.contains("inf"), sourceLocation: sourceLocation)
}

/// data/trends.json as the tests read it.
struct TrendsData: Decodable {
    struct Week: Decodable {
        let week: String
        let messages: Int
        let threads: Int
        let categoryThreads: [Int]
        let contributors: Int
        let firstTimeContributors: Int
    }

    let categories: [String]
    let messagesOutside: Int
    let weeks: [Week]

    init(_ site: BuiltSite) throws {
        self = try JSONDecoder().decode(TrendsData.self, from: Data(site.text("data/trends.json").utf8))
    }
}

@Suite struct TrendsPageTests {
    static let fixtureReports: [String: String] = [
        "kvmarm_2024_week52.md": ReportFixtures.report(
            threads: [
                ReportFixtures.thread(
                    messages: """
                        1. **[12-24 10:00]** [PATCH v2 1/2] KVM: arm64: Fix something
                           - 发件人: Marc Zyngier <maz@kernel.org>
                        """)
            ], week: "2024-W52"),
        "kvmarm_2025_week01.md": ReportFixtures.report(
            threads: [
                ReportFixtures.thread(
                    messages: """
                        1. **[12-24 10:00]** [PATCH v2 1/2] KVM: arm64: Fix something
                           - 发件人: Marc Zyngier <maz@kernel.org>
                        2. **[01-02 09:00]** Re: [PATCH v2 1/2] KVM: arm64: Fix something
                           - 发件人: Oliver Upton <oliver.upton@linux.dev>
                        """)
            ], week: "2025-W01"),
        "kvmarm_2025_week03.md": ReportFixtures.report(
            threads: [
                ReportFixtures.thread(
                    title: "[RFC PATCH] KVM: arm64: Try something",
                    messages: """
                        1. **[01-14 10:00]** [RFC PATCH] KVM: arm64: Try something
                           - 发件人: Oliver Upton <oliver.upton@linux.dev>
                        """)
            ], week: "2025-W03", category: "RFC"),
    ]

    @Test func trendsPageChartsCSVAndJSONAgree() async throws {
        let site = try await BuiltSite.build(reports: Self.fixtureReports)
        defer { site.folder.remove() }
        let data = try TrendsData(site)
        #expect(data.weeks.map(\.week) == ["2024-W52", "2025-W01", "2025-W02", "2025-W03"])
        // The message listed by two reports counts once, in the week it was sent.
        #expect(data.weeks.map(\.messages) == [1, 1, 0, 1])
        #expect(data.weeks.map(\.threads) == [1, 1, 0, 1])
        #expect(data.categories == ["PATCH", "RFC"])

        // The whole archive's charts, and each year as a link to its page; links to the years'
        // old places on the page (`#year-2024`) land on those links.
        let page = try site.text("trends/index.html")
        #expect(page.contains("<a href=\"../trends/index.html\" aria-current=\"page\">Trends</a>"))
        #expect(page.contains("<li id=\"year-2024\"><a href=\"../trends/2024/index.html\">2024</a>"))
        #expect(page.contains("<li id=\"year-2025\"><a href=\"../trends/2025/index.html\">2025</a>"))
        #expect(page.contains("2025</a> <span class=\"muted\">3 weeks, 2025-W01 to 2025-W03 · 2 threads · 2 messages"))
        let charts = PageChart.all(in: page, page: "trends")
        #expect(charts.count == 6)
        for chart in charts { checkAccessible(chart, page: "trends") }
        let messages = try #require(PageChart.named("all-messages-per-week", in: charts))
        #expect(messages.marks.map { $0.attributes["data-week"] ?? "" } == data.weeks.map(\.week))
        #expect(messages.values == data.weeks.map { String($0.messages) })
        #expect(PageChart.named("y2025-messages-per-week", in: charts) == nil)

        let yearPage = try site.text("trends/2025/index.html")
        let yearCharts = PageChart.all(in: yearPage, page: "trends/2025")
        #expect(yearCharts.count == 6)
        for chart in yearCharts { checkAccessible(chart, page: "trends/2025") }
        let year = try #require(PageChart.named("y2025-messages-per-week", in: yearCharts))
        #expect(year.values == ["1", "0", "1"])
        #expect(yearPage.contains("<a href=\"../../trends/index.html\" aria-current=\"page\">Trends</a>"))
        #expect(yearPage.contains("<a rel=\"prev\" href=\"../../trends/2024/index.html\">← 2024</a>"))
        #expect(!yearPage.contains("rel=\"next\""))
        #expect(yearPage.contains("<strong aria-current=\"page\">2025</strong>"))
        #expect(yearPage.contains("<h1>Trends in 2025</h1>"))
        // Its CSV files sit beside it.
        #expect(yearPage.contains("href=\"categories-per-week.csv\" download"))
        #expect(
            try site.text("trends/2024/index.html").contains(
                "<a rel=\"next\" href=\"../../trends/2025/index.html\">2025 →</a>"))

        #expect(
            try site.text("trends/messages-per-week.csv")
                == "week,messages\r\n2024-W52,1\r\n2025-W01,1\r\n2025-W02,0\r\n2025-W03,1\r\n")
        #expect(try site.text("trends/2024/messages-per-week.csv") == "week,messages\r\n2024-W52,1\r\n")
        #expect(
            try site.text("trends/2025/categories-per-week.csv")
                == "week,PATCH threads,RFC threads\r\n2025-W01,1,0\r\n2025-W02,0,0\r\n2025-W03,0,1\r\n")
        #expect(
            page.contains("<p class=\"takeaway\">Busiest week: 2024-W52 with 1 message; the median week had 1.</p>"))

        let home = try site.text("index.html")
        #expect(PageChart.named("recent-messages", in: PageChart.all(in: home, page: "home"))?.marks.count == 4)
        #expect(home.contains("href=\"trends/index.html\""))
        let oliver = try site.text("people/oliver-upton/index.html")
        let activity = try #require(PageChart.named("activity", in: PageChart.all(in: oliver, page: "person")))
        // From their first message's week to their last one's, not the whole archive.
        #expect(activity.values == ["1", "0", "1"])
        #expect(activity.marks.map { $0.attributes["data-week"] ?? "" } == ["2025-W01", "2025-W02", "2025-W03"])
        // All of Marc's messages fall in one week: no chart.
        #expect(PageChart.all(in: try site.text("people/marc-zyngier/index.html"), page: "person").isEmpty)
    }

    /// A new week changes its own year's trends page; a past year's page is taken over by its
    /// key (which debug builds check by rendering it) and stays as it was.
    @Test func aNewWeekLeavesThePastYearsPageAsItWas() async throws {
        let site = try await BuiltSite.build(reports: Self.fixtureReports)
        defer { site.folder.remove() }
        let (past, current) = (try site.text("trends/2024/index.html"), try site.text("trends/2025/index.html"))
        try site.folder.write(
            "reports/kvmarm_2025_week04.md",
            ReportFixtures.report(
                threads: [
                    ReportFixtures.thread(
                        title: "[PATCH] KVM: arm64: Something new",
                        messages: """
                            1. **[01-21 10:00]** [PATCH] KVM: arm64: Something new
                               - 发件人: Oliver Upton <oliver.upton@linux.dev>
                            """)
                ], week: "2025-W04"))
        let again = try await BuiltSite.build(in: site.folder, reportsFolder: site.folder.path + "/reports")
        #expect(try again.text("trends/2024/index.html") == past)
        #expect(try again.text("trends/2025/index.html") != current)
        #expect(try again.text("trends/2025/index.html").contains("4 weeks, 2025-W01 to 2025-W04: 3 threads"))
    }

    /// What a year's page key covers: its own section's charts and the years it links to.
    @Test func aYearsPageKeyFollowsItsChartsAndTheYears() {
        typealias Spec = ArchiveBuilder.ThreadSpec
        let a = Spec("[PATCH] KVM: a", from: "A Person <a@example.org>", at: "2024-12-24 10:00")
        let b = Spec("[PATCH] KVM: b", from: "B Person <b@example.org>", at: "2025-01-07 10:00")
        let b2 = Spec("[PATCH v2] KVM: b", from: "B Person <b@example.org>", at: "2025-01-14 10:00")
        let c = Spec("[PATCH] KVM: c", from: "C Person <c@example.org>", at: "2026-01-06 10:00")
        func keys(_ weeks: [(week: String, threads: [Spec])]) -> PageKeys {
            let site = DegenerateTrendsTests().site(weeks)
            return PageKeys(site: site, reportDigests: site.reports.map { _ in 1 }, settings: "")
        }
        let salt = PageKeys.seeded("trends-year")
        func key(_ keys: PageKeys, _ section: Int) -> String? { keys.key(for: .trendYear(section), salted: salt) }
        let twoWeeks = keys([("2024-W52", [a]), ("2025-W02", [b])])
        let threeWeeks = keys([("2024-W52", [a]), ("2025-W02", [b]), ("2025-W03", [b2])])
        let nextYear = keys([("2024-W52", [a]), ("2025-W02", [b]), ("2026-W02", [c])])
        // Section 0 is the whole archive's, on the trends page.
        #expect(key(twoWeeks, 0) == nil && key(twoWeeks, 1) != nil)
        #expect(key(twoWeeks, 1) == key(threeWeeks, 1))
        #expect(key(twoWeeks, 2) != key(threeWeeks, 2))
        // A new year is a new link on every year's page.
        #expect(key(twoWeeks, 1) != key(nextYear, 1))
        // One year: its section would repeat the whole archive's, and has no page.
        #expect(key(keys([("2025-W02", [b])]), 1) == nil)
    }

    @Test func sameInputSameBytes() async throws {
        let first = try await BuiltSite.build(reports: Self.fixtureReports)
        defer { first.folder.remove() }
        let second = try await BuiltSite.build(reports: Self.fixtureReports)
        defer { second.folder.remove() }
        for path in [
            "trends/index.html", "trends/busiest-series.csv", "trends/2025/contributors-per-week.csv",
            "data/trends.json", "index.html", "people/oliver-upton/index.html",
        ] {
            #expect(try first.text(path) == second.text(path), "\(path)")
        }
    }

    @Test func seriesPageSparklineMarksEachVersion() async throws {
        let cover = { (version: Int, date: String) in
            ReportFixtures.thread(
                title: "[PATCH v\(version) 0/2] KVM: arm64: Grow",
                messages: """
                    1. **[\(date) 10:00]** [PATCH v\(version) 0/2] KVM: arm64: Grow
                       - 发件人: Marc Zyngier <maz@kernel.org>
                    """)
        }
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": ReportFixtures.report(threads: [cover(1, "08-04")], week: "2025-W32"),
            "kvmarm_2025_week35.md": ReportFixtures.report(threads: [cover(2, "08-26")], week: "2025-W35"),
        ])
        defer { site.folder.remove() }
        let page = try site.text("series/kvm-arm64-grow/index.html")
        let chart = try #require(PageChart.named("series-activity", in: PageChart.all(in: page, page: "series")))
        checkAccessible(chart, page: "series")
        #expect(chart.values == ["1", "0", "0", "1"])
        #expect(page.contains(">v1</text>") && page.contains(">v2</text>"))
    }

    @Test func corpusChartsMatchTheData() async throws {
        guard Corpus.isPresent else {
            print("note: corpus not found at \(Corpus.folder); skipped")
            return
        }
        let folder = try TemporaryFolder()
        let site = try await BuiltSite.build(in: folder, reportsFolder: Corpus.folder)
        defer { folder.remove() }
        let data = try TrendsData(site)
        #expect(data.weeks.count == 40)

        // Each message once: the weekly counts and those outside add up to the archive's distinct messages.
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        let identities = archive.reports.flatMap(\.threads).flatMap(\.messages).map(\.identity)
        #expect(data.weeks.reduce(0) { $0 + $1.messages } + data.messagesOutside == Set(identities).count)
        let figures = ArchiveFigures(ArchiveIndex(reports: archive.reports))
        #expect(figures.distinctMessages == Set(identities).count)
        // Participants: every address that sent anything, once whatever its case.
        let addresses = Set(archive.reports.flatMap(\.threads).flatMap(\.messages).map(\.sender.lowercasedAddress))
        #expect(figures.participants == addresses.count)
        #expect(figures.participants > 100)
        // Threads per week are the threads data/weeks.json lists; the categories split them.
        let weeksJSON = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/weeks.json").utf8)) as? [[String: Any]])
        var listed: [String: Int] = [:]
        for week in weeksJSON { listed[week["week"] as! String] = (week["threads"] as! [Any]).count }
        #expect(data.weeks.map(\.threads) == data.weeks.map { listed[$0.week] ?? 0 })
        #expect(data.weeks.allSatisfy { $0.categoryThreads.reduce(0, +) == $0.threads })
        #expect(data.categories.count <= 6 && data.categories.last == "Other")

        let charts = PageChart.all(in: try site.text("trends/index.html"), page: "trends")
        let messages = try #require(PageChart.named("all-messages-per-week", in: charts))
        #expect(messages.values == data.weeks.map { String($0.messages) })
        let threads = try #require(PageChart.named("all-threads-per-week", in: charts))
        #expect(threads.values == data.weeks.map { String($0.threads) })
        let categories = try #require(PageChart.named("all-categories-per-week", in: charts))
        #expect(categories.values == data.weeks.flatMap { $0.categoryThreads.map(String.init) })
        #expect(
            categories.marks.prefix(data.categories.count).map { $0.attributes["data-series"] ?? "" } == data.categories
        )
        let contributors = try #require(PageChart.named("all-contributors-per-week", in: charts))
        #expect(
            contributors.values
                == data.weeks.flatMap {
                    [String($0.firstTimeContributors), String($0.contributors - $0.firstTimeContributors)]
                })

        // Longest-running: weeks from data/series.json, longest first.
        let seriesJSON = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/series.json").utf8)) as? [[String: Any]])
        let weeksOfSeries = seriesJSON.map { series in
            Set((series["versions"] as! [[String: Any]]).flatMap { $0["weeks"] as! [String] }).count
        }
        let longest = try #require(PageChart.named("all-longest-running-series", in: charts))
        let longestWeeks = longest.values.compactMap { Int($0) }
        #expect(longestWeeks.count == 10)
        #expect(longestWeeks == Array(weeksOfSeries.sorted(by: >).prefix(10)))
        let busiest = try #require(PageChart.named("all-busiest-series", in: charts))
        let busiestCounts = busiest.values.compactMap { Int($0) }
        #expect(busiestCounts.count == 10 && busiestCounts == busiestCounts.sorted(by: >))

        let csv = try site.text("trends/messages-per-week.csv").split(separator: "\r\n").map(String.init)
        #expect(csv == ["week,messages"] + data.weeks.map { "\($0.week),\($0.messages)" })

        // Every chart of every page parses and is accessible.
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.output).filter { $0.hasSuffix(".html") }
        for page in pages.sorted() {
            let pageCharts = PageChart.all(in: try site.text(page), page: page)
            for chart in pageCharts { checkAccessible(chart, page: page) }
            // One archive year: its section would repeat the whole archive's.
            if page == "trends/index.html" { #expect(pageCharts.count == 6) }
            if page.hasPrefix("people/") && page != "people/index.html" { #expect(pageCharts.count <= 1, "\(page)") }
        }
    }

    @Test func styleSheetCarriesTheChartStyle() throws {
        let css = try String(contentsOfFile: ProjectPaths.exampleSite + "/static/style.css", encoding: .utf8)
        #expect(css.contains(ChartStyle.css))
    }
}

/// Trend charts of archives at the edges: one week, no messages, ten years.
@Suite struct DegenerateTrendsTests {
    typealias Spec = ArchiveBuilder.ThreadSpec

    func site(_ weeks: [(week: String, threads: [Spec])]) -> SiteContext {
        let reports = ArchiveBuilder.reports(weeks)
        return SiteContext(
            config: SiteConfig(title: "Test", list: "kvmarm"), index: ArchiveIndex(reports: reports),
            summaries: reports.map { $0.threads.map { _ in "" } })
    }

    func charts(_ site: SiteContext) -> [PageChart] {
        let page = TrendsPageView(site: site)
        let years = TrendSection.yearPages(site.trendSections).map { TrendsYearPageView(site: site, section: $0) }
        let views = page.sections.flatMap(\.charts) + years.flatMap(\.charts)
        var charts = views.compactMap { PageChart($0.svg) }
        #expect(charts.count == (page.sections.count + years.count) * 6, "every chart parses")
        charts += [HomeView(site: site).recentChart?.svg].compactMap { $0.flatMap(PageChart.init) }
        for chart in charts { checkAccessible(chart, page: "trends") }
        return charts
    }

    @Test func oneWeek() {
        let spec = Spec("[PATCH] KVM: a", from: "A Person <a@example.org>", at: "2025-08-05 10:00")
        let context = site([("2025-W32", [spec])])
        let charts = charts(context)
        #expect(PageChart.named("all-messages-per-week", in: charts)?.values == ["1"])
        #expect(PageChart.named("recent-messages", in: charts)?.values == ["1"])
        let sections = TrendsPageView(site: context).sections
        #expect(sections.count == 1)
        #expect(sections[0].charts[0].takeaway == "2025-W32 had 1 message.")
        #expect(PageCharts.series(context, series: 0) == nil)
        // One week of messages is no chart: there is nothing to compare.
        #expect(PageCharts.person(context, person: 0) == nil)
    }

    @Test func noMessages() {
        let context = site([("2025-W10", []), ("2025-W12", [])])
        let charts = charts(context)
        #expect(PageChart.named("all-messages-per-week", in: charts)?.values == ["0", "0", "0"])
        #expect(PageChart.named("all-longest-running-series", in: charts)?.marks.isEmpty == true)
        let takeaways = TrendsPageView(site: context).sections[0].charts.map(\.takeaway)
        #expect(
            takeaways == [
                "No messages in these 3 weeks.", "No threads in these 3 weeks.", "No threads in these weeks.",
                "Nobody wrote in these weeks.", "No series in these weeks.", "No messages in these weeks.",
            ])
    }

    @Test func tenYears() {
        let early = Spec("[PATCH] KVM: a", from: "A Person <a@example.org>", at: "2016-01-05 10:00")
        let late = Spec("[PATCH] KVM: b", from: "B Person <b@example.org>", at: "2025-09-30 10:00")
        let context = site([("2016-W01", [early]), ("2025-W40", [late])])
        let charts = charts(context)
        let all = PageChart.named("all-messages-per-week", in: charts)
        #expect(all?.marks.count == 509)
        #expect(PageChart.named("y2020-messages-per-week", in: charts)?.marks.count == 53)
        #expect(TrendsPageView(site: context).yearLinks.map(\.year) == (2016...2025).map(String.init))
        #expect(PageChart.named("recent-messages", in: charts)?.marks.count == 26)
        // Year ticks, not one label per month, and none overlap (the chart module's own tests check placement).
        #expect((all?.elements.filter { $0.classes.contains("tick-x") }.count ?? 0) <= 12)
    }
}

@Suite struct TakeawayTests {
    @Test func medianAndBusiestWeek() {
        let weeks = ["2025-W01", "2025-W02", "2025-W03", "2025-W04"].map { ISOWeek(id: $0)! }
        #expect(Takeaways.median([3, 1, 2]) == "2")
        #expect(Takeaways.median([4, 1, 2, 5]) == "3")
        #expect(Takeaways.median([1, 2]) == "1.5")
        #expect(
            Takeaways.busiestWeek(weeks, [5, 9, 9, 1], noun: "messages", singular: "message")
                == "Busiest week: 2025-W02 with 9 messages; the median week had 7.")
        #expect(Takeaways.percent(1, of: 1000) == "<1%")
        #expect(Takeaways.percent(853, of: 1059) == "81%")
    }

    @Test func shortTitlesDropSubsystemPrefixes() {
        #expect(ChartLabels.shortTitle("KVM: arm64: nv: Fix the thing") == "Fix the thing")
        #expect(ChartLabels.shortTitle("arm64: Support for Arm CCA in KVM") == "Support for Arm CCA in KVM")
        #expect(ChartLabels.shortTitle("KVM/arm64 fixes for 6.17, take #1") == "KVM/arm64 fixes for 6.17, take #1")
        #expect(ChartLabels.shortTitle("KVM: arm64:") == "KVM: arm64:")
        #expect(ChartLabels.shortTitle("Re: what is this: a question") == "what is this: a question")
    }
}
