import ListDigestCore
import SVGCharts

/// The charts of one stretch of the trends page, the whole archive or one ISO year, each with the
/// table its CSV file and `<details>` show.
struct TrendSection: Sendable {
    struct Item: Sendable {
        /// `messages-per-week`: the CSV file's name and, with the section's key, the figure's id.
        let slug: String
        let heading: String
        let takeaway: String
        let chart: any Chart
        let table: DataTable
    }

    /// The ISO year it covers; nil for the whole archive.
    let year: Int?
    let weeks: [ISOWeek]
    let items: [Item]
    /// Distinct messages sent in its weeks, and threads its weeks' reports list.
    let messageCount: Int
    let threadCount: Int

    static let rankedLimit = 10

    /// Where its charts stand on a page, and what their ids begin with: `all`, `year-2025`
    /// (a year's kept the place and ids they had when the trends page showed every year).
    var anchor: String { year.map { "year-\($0)" } ?? "all" }
    var heading: String { year.map(String.init) ?? "The whole archive" }
    /// Output folder of the section's CSV files: `trends/`, `trends/2025/`.
    var folder: String { year.map { SitePaths.trends + "\($0)/" } ?? SitePaths.trends }

    /// The sections with a page of their own (`trends/<year>/`), by place: each year's when the
    /// archive spans several. With a single year, its section would repeat the whole archive's.
    static func yearPages(_ sections: [TrendSection]) -> Range<Int> {
        sections.count > 2 ? 1..<sections.count : 0..<0
    }

    /// The whole archive, then each year; none for an archive without reports.
    /// Each on any core: not for inside another parallel loop (see `Parallel`).
    static func all(trends: ArchiveTrends, index: ArchiveIndex) -> [TrendSection] {
        guard !trends.weeks.isEmpty else { return [] }
        let years = trends.years
        // A year's stretch holds every week of the archive in that ISO year, so the series it
        // ranks are those discussed in that year.
        let seriesOfYear = SeriesTrend.discussedByYear(index)
        return Parallel.map(years.count + 1) { position in
            guard position > 0 else {
                return TrendSection(
                    trends: trends, index: index, year: nil, positions: trends.weeks.indices, seriesWeeks: nil)
            }
            let year = years[position - 1]
            let positions = trends.positions(ofYear: year)
            return TrendSection(
                trends: trends, index: index, year: year, positions: positions,
                seriesWeeks: trends.weeks[positions.lowerBound]...trends.weeks[positions.upperBound - 1],
                seriesOfStretch: seriesOfYear[year] ?? [])
        }
    }

    /// `seriesOfStretch`: the only series `seriesWeeks` may hold, when known.
    init(
        trends: ArchiveTrends, index: ArchiveIndex, year: Int?, positions: Range<Int>,
        seriesWeeks: ClosedRange<ISOWeek>?, seriesOfStretch: [Int]? = nil
    ) {
        self.year = year
        let weeks = Array(trends.weeks[positions])
        self.weeks = weeks
        messageCount = trends.messages[positions].reduce(0, +)
        threadCount = trends.threads[positions].reduce(0, +)
        let span =
            "\(weeks.count == 1 ? "1 week" : "\(weeks.count) weeks"), \(weeks[0].id) to \(weeks[weeks.count - 1].id)"
        let idPrefix = year.map { "y\($0)-" } ?? "all-"
        let suffix = year.map { ", \($0)" } ?? ""

        func weekly(
            _ slug: String, _ heading: String, _ values: ArraySlice<Int>, noun: String, singular: String
        )
            -> Item
        {
            let values = Array(values)
            let takeaway = Takeaways.busiestWeek(weeks, values, noun: noun, singular: singular)
            let chart = WeeklyChart(
                info: ChartInfo(
                    idPrefix: idPrefix + slug, title: heading + suffix,
                    description: "Bar chart, one bar per week, \(span). " + takeaway),
                points: zip(weeks, values).map { WeekValue(week: $0.id, value: Double($1)) }, seriesName: noun,
                unit: noun, axes: AxisLabels(x: "week", y: noun), style: .bars, layout: ChartLayouts.weekly)
            return Item(slug: slug, heading: heading, takeaway: takeaway, chart: chart, table: chart.table)
        }

        func stacked(
            _ slug: String, _ heading: String, series: [String], values: [[Int]], unit: String, takeaway: String
        )
            -> Item
        {
            let chart = StackedWeeklyChart(
                info: ChartInfo(
                    idPrefix: idPrefix + slug, title: heading + suffix,
                    description: "Stacked bar chart, one bar per week, \(span), split into "
                        + series.joined(separator: ", ") + ". " + takeaway),
                categories: series,
                points: zip(weeks, values).map { WeekValues(week: $0.id, values: $1.map(Double.init)) }, unit: unit,
                axes: AxisLabels(x: "week", y: unit), otherLabel: ArchiveTrends.otherCategory,
                layout: ChartLayouts.weekly)
            return Item(slug: slug, heading: heading, takeaway: takeaway, chart: chart, table: chart.table)
        }

        let categoryValues = Array(trends.categoryThreads[positions])
        var categories = stacked(
            "categories-per-week", "Threads per week by category", series: trends.categories, values: categoryValues,
            unit: "threads", takeaway: Takeaways.categoryMix(trends.categories, categoryValues))
        categories = Item(
            slug: categories.slug, heading: categories.heading, takeaway: categories.takeaway, chart: categories.chart,
            table: DataTable(
                columns: ["week"] + trends.categories.map { "\($0) threads" }, rows: categories.table.rows))

        let active = Array(trends.contributors[positions])
        let firstTime = Array(trends.firstTimeContributors[positions])
        let contributors = stacked(
            "contributors-per-week", "Contributors per week, first-time and returning",
            series: ["first-time contributors", "returning contributors"],
            values: zip(active, firstTime).map { [$1, $0 - $1] }, unit: "people",
            takeaway: Takeaways.contributors(weeks, active: active, firstTime: firstTime))

        let seriesTrends = SeriesTrend.all(index, weeks: seriesWeeks, among: seriesOfStretch)
        items = [
            weekly(
                "messages-per-week", "Messages per week", trends.messages[positions], noun: "messages",
                singular: "message"),
            weekly(
                "threads-per-week", "Threads per week", trends.threads[positions], noun: "threads", singular: "thread"),
            categories,
            contributors,
            Self.longestRunning(index, seriesTrends, idPrefix: idPrefix, suffix: suffix),
            Self.busiest(index, seriesTrends, idPrefix: idPrefix, suffix: suffix),
        ]
    }

    private static func longestRunning(
        _ index: ArchiveIndex, _ trends: [SeriesTrend], idPrefix: String, suffix: String
    ) -> Item {
        let ranked = SeriesTrend.longestRunning(trends, in: index, limit: rankedLimit)
        return seriesRanking(
            index, ranked, slug: "longest-running-series", heading: "Longest-running series",
            takeaway: Takeaways.longestRunning(ranked.first, index: index),
            shape: "discussed in the most weeks, longest first", idPrefix: idPrefix, suffix: suffix,
            value: { $0.weeks.count }, valueHeader: "weeks", valueAxisLabel: "weeks discussed",
            columns: ["first week", "last week"], cells: { [$0.weeks[0].id, $0.weeks[$0.weeks.count - 1].id] })
    }

    private static func busiest(
        _ index: ArchiveIndex, _ trends: [SeriesTrend], idPrefix: String, suffix: String
    ) -> Item {
        let ranked = SeriesTrend.busiest(trends, in: index, limit: rankedLimit)
        return seriesRanking(
            index, ranked, slug: "busiest-series", heading: "Busiest series",
            takeaway: Takeaways.busiestSeries(ranked.first, index: index),
            shape: "with the most messages, busiest first", idPrefix: idPrefix, suffix: suffix,
            value: { $0.messages }, valueHeader: "messages", valueAxisLabel: "messages", columns: [],
            cells: { _ in [] })
    }

    /// Ranked bars labelled with short titles; the table has the whole titles, the value, the
    /// versions and `columns`.
    private static func seriesRanking(
        _ index: ArchiveIndex, _ ranked: [SeriesTrend], slug: String, heading: String, takeaway: String,
        shape: String, idPrefix: String, suffix: String, value: (SeriesTrend) -> Int, valueHeader: String,
        valueAxisLabel: String, columns: [String], cells: (SeriesTrend) -> [String]
    ) -> Item {
        let all = index.series.series
        let chart = RankedBarChart(
            info: ChartInfo(
                idPrefix: idPrefix + slug, title: heading + suffix,
                description: "Bar chart of the \(ranked.count) series \(shape). " + takeaway),
            items: ranked.map {
                LabeledValue(label: ChartLabels.shortTitle(all[$0.series].title), value: Double(value($0)))
            },
            labelHeader: "series", valueHeader: valueHeader, unit: valueHeader, valueAxisLabel: valueAxisLabel)
        let table = DataTable(
            columns: ["series", valueHeader, "versions"] + columns,
            rows: ranked.map {
                [all[$0.series].title, String(value($0)), Takeaways.versionRange($0, all[$0.series])] + cells($0)
            })
        return Item(slug: slug, heading: heading, takeaway: takeaway, chart: chart, table: table)
    }
}

/// Text for chart labels, which have little room.
enum ChartLabels {
    /// A title without its leading subsystem prefixes (`KVM: arm64: nv: Fix …` → `Fix …`), so the
    /// words that tell series apart survive truncation; the whole title when nothing would be left.
    static func shortTitle(_ title: String) -> String {
        var rest = Substring(title)
        while let colon = rest.firstIndex(of: ":") {
            let prefix = rest[..<colon]
            let after = rest[rest.index(after: colon)...]
            guard prefix.count <= 24, !prefix.contains(" "), after.first == " ",
                !after.trimmingPrefix(" ").isEmpty
            else { break }
            rest = after.trimmingPrefix(" ")
        }
        // Only prefixes (`KVM: arm64:`): keep them all.
        return rest.last == ":" && !rest.contains(" ") ? title : String(rest)
    }
}
