import ListDigestCore

/// Everything a page renderer may read, computed once before rendering and immutable. A class:
/// views take it everywhere, and a reference is handed over without copying a dozen fields.
final class SiteContext: Sendable {
    let config: SiteConfig
    let index: ArchiveIndex
    let figures: [ISOWeek: WeekFigures]
    let archiveFigures: ArchiveFigures
    /// The archive week by week, for the charts.
    let trends: ArchiveTrends
    /// The trends page's sections, whose tables are also its CSV files.
    let trendSections: [TrendSection]
    /// `anchors[report][thread]`: each thread's anchor on its week page.
    let anchors: [[String]]
    /// `summaries[report][thread]`: each summary rendered to HTML, once.
    let summaries: [[StoredText]]
    /// Series sharing a title and tags, by "title tags": their page titles must tell them apart.
    let namesakes: [String: [Series]]
    /// Pull requests by family title (`fixes for 6.17` for its takes #1, #2, …): series indices.
    let pullFamilies: [String: [Int]]
    /// By series: the first sentence of its latest summary, which its page and the search index show.
    let summarySentences: [String]
    /// By series: its row in lists, linked from the site root (see `SeriesRowView`).
    let seriesRows: [SeriesRowView]
    /// By person: their page's file, from the site root.
    private let personFiles: [String]

    var reports: [WeeklyReport] { index.reports }

    /// With each report worked out for its pages from its summaries (`summaries[report][thread]`, HTML).
    convenience init(config: SiteConfig, index: ArchiveIndex, summaries: [[StoredText]]) {
        self.init(
            config: config, index: index,
            rendered: zip(index.reports, summaries).map { RenderedReport($0, summaries: $1) })
    }

    /// `rendered`: each of `index.reports` worked out for its pages.
    init(config: SiteConfig, index: ArchiveIndex, rendered: [RenderedReport]) {
        self.config = config
        self.index = index
        var figures: [ISOWeek: WeekFigures] = [:]
        for (report, made) in zip(index.reports, rendered) { figures[report.week] = made.figures }
        self.figures = figures
        anchors = rendered.map(\.anchors)
        // Each series' row and sentence on every core, around the trends and their sections on
        // one core and the archive's figures on another: the trends take longest.
        let (perSeries, (trends, trendSections), archiveFigures) = Parallel.map(
            index.series.series.count,
            {
                let series = index.series.series[$0]
                return (
                    row: SeriesRowView(series: series, link: SitePaths.file(forPage: SitePaths.series(series.id))),
                    sentence: SeriesPageView.summarySentence(of: series, reports: index.reports, rendered: rendered),
                    namesakeKey: Self.namesakeKey(series)
                )
            },
            alongside: {
                let trends = ArchiveTrends(index)
                return (trends, TrendSection.all(trends: trends, index: index))
            }, and: { ArchiveFigures(index) })
        (self.archiveFigures, self.trends, self.trendSections) = (archiveFigures, trends, trendSections)
        summaries = rendered.map(\.summaries)
        namesakes = Dictionary(grouping: index.series.series.indices, by: { perSeries[$0].namesakeKey }).mapValues {
            $0.map { index.series.series[$0] }
        }
        seriesRows = perSeries.map(\.row)
        summarySentences = perSeries.map(\.sentence)
        personFiles = index.people.people.map { SitePaths.file(forPage: SitePaths.person($0.id)) }
        pullFamilies = Dictionary(
            grouping: index.series.series.indices.filter { index.series.series[$0].isPull },
            by: { index.series.series[$0].key.familyTitle })
    }

    static func namesakeKey(_ series: Series) -> String {
        ([series.title] + series.key.identityTags).joined(separator: "\u{1}")
    }

    func absoluteURL(_ pageURL: String) -> String { config.baseURL + pageURL }

    /// Link from the page at `root` to a thread on its week page.
    func threadLink(_ ref: ThreadRef, root: String) -> String {
        root + SitePaths.file(forPage: SitePaths.week(reports[ref.report].week)) + "#" + anchors[ref.report][ref.thread]
    }

    func seriesLink(_ series: Int, root: String) -> String {
        root + seriesRows[series].url
    }

    func personLink(_ person: Int, root: String) -> String {
        root + personFiles[person]
    }

    func personYearLink(_ person: Int, year: Int, root: String) -> String {
        root + SitePaths.file(forPage: SitePaths.person(index.people.people[person].id, year: year))
    }

    func weekLink(_ week: ISOWeek, root: String) -> String {
        root + SitePaths.file(forPage: SitePaths.week(week))
    }
}
