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
    /// By series: the series sharing its title and tags (itself among them), whose page titles
    /// must tell them apart. Those of one title share one list.
    let namesakes: [[Int]]
    /// By series: for a pull request, the pull requests of its family title (`fixes for 6.17`
    /// for its takes #1, #2, …), itself among them; empty for other series.
    let pullFamilies: [[Int]]
    /// By series: the first sentence of its latest summary, which its page and the search index show.
    let summarySentences: [StoredText]
    /// By series: its row in lists, linked from the site root (see `SeriesRowView`).
    let seriesRows: [SeriesRowView]
    /// By person: their page's file, from the site root.
    private let personFiles: [String]

    var reports: [WeeklyReport] { index.reports }

    /// With each report worked out for its pages from its summaries (`summaries[report][thread]`, HTML).
    convenience init(config: SiteConfig, index: ArchiveIndex, summaries: [[StoredText]]) {
        self.init(
            config: config, index: index,
            rendered: RenderedReport.all(index.reports, summaries: summaries))
    }

    /// `rendered`: each of `index.reports` worked out for its pages.
    init(config: SiteConfig, index: ArchiveIndex, rendered: [RenderedReport]) {
        self.config = config
        self.index = index
        var figures: [ISOWeek: WeekFigures] = [:]
        for (report, made) in zip(index.reports, rendered) { figures[report.week] = made.figures }
        self.figures = figures
        anchors = rendered.map(\.anchors)
        // Each series' row, sentence and what its namesakes and pull family are found by on every
        // core, around the trends on one core and the archive's figures on another; then the
        // trends' sections, each on any core (on one core, beside the rows, they took longest).
        let all = index.series.series
        let (perSeries, trends, archiveFigures) = Parallel.map(
            all.count,
            { position in
                // Each series read in place, through a pointer to it: a copy of one retains every
                // array in it, and read through the captured array, or handed over from the buffer
                // as a borrowed value, it was copied.
                all.withUnsafeBufferPointer { all in
                    let series = all.baseAddress! + position
                    return PerSeries(
                        row: SeriesRowView(
                            series: series, link: SitePaths.seriesFile(series.pointee.id)),
                        sentence: SeriesPageView.summarySentence(
                            of: series, reports: index.reports, rendered: rendered),
                        namesakeKey: Self.namesakeKey(series),
                        pullFamily: series.pointee.isPull ? series.pointee.key.familyTitle : nil)
                }
            },
            alongside: { ArchiveTrends(index) }, and: { ArchiveFigures(index) })
        (self.archiveFigures, self.trends) = (archiveFigures, trends)
        // Namesakes and pull families are grouped on a thread of their own (grouping goes one
        // step after another) while the sections are made.
        let grouping = BackgroundWork.start {
            // The keys read in place, through a pointer: read through the captured array or the
            // buffer, each series' row and sentence were copied with them.
            perSeries.withUnsafeBufferPointer { perSeries in
                (
                    namesakes: Self.groups(of: perSeries.count) { (perSeries.baseAddress! + $0).pointee.namesakeKey },
                    pullFamilies: Self.groups(of: perSeries.count) { (perSeries.baseAddress! + $0).pointee.pullFamily }
                )
            }
        }
        trendSections = TrendSection.all(trends: trends, index: index)
        summaries = rendered.map(\.summaries)
        (namesakes, pullFamilies) = grouping.value()
        seriesRows = perSeries.map(\.row)
        summarySentences = perSeries.map(\.sentence)
        personFiles = index.people.people.map { SitePaths.personFile($0.id) }
    }

    /// What is worked out for each series at once. A struct, not a tuple: a tuple's field read
    /// through a pointer copied the whole tuple.
    private struct PerSeries {
        let row: SeriesRowView
        let sentence: StoredText
        let namesakeKey: String
        let pullFamily: String?
    }

    /// For each of 0..<count: those with the same key as it (itself among them), in order;
    /// empty for one without a key.
    private static func groups(of count: Int, by key: (Int) -> String?) -> [[Int]] {
        let keys = (0..<count).map(key)
        let grouped = Dictionary(grouping: keys.indices.filter { keys[$0] != nil }, by: { keys[$0]! })
        return keys.map { $0.map { grouped[$0]! } ?? [] }
    }

    private static func namesakeKey(_ series: UnsafePointer<Series>) -> String {
        // Most series have no tags: their title is the key as it is, not a copy of it.
        guard !series.pointee.key.identityTags.isEmpty else { return series.pointee.title }
        return ([series.pointee.title] + series.pointee.key.identityTags).joined(separator: "\u{1}")
    }

    func absoluteURL(_ pageURL: String) -> String { config.baseURL + pageURL }

    /// Link from the page at `root` to a thread on its week page.
    func threadLink(_ ref: ThreadRef, root: String) -> String {
        root + SitePaths.file(forPage: SitePaths.week(reports[ref.report].week)) + "#" + anchors[ref.report][ref.thread]
    }

    /// The file of the series' page, from the site root.
    func seriesFile(_ series: Int) -> String { seriesRows[series].url }

    /// The file of the person's page, from the site root.
    func personFile(_ person: Int) -> String { personFiles[person] }

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
