import ListDigestCore

/// `weeks/index.html`: every week by year, newest first.
struct WeeksIndexView {
    let page: LayoutView
    let totalWeeks: Int
    let years: [YearView]

    struct YearView {
        let year: Int
        let weeks: [WeekSummaryView]
        let threads: String
        let messages: String
        let threadsLabel: String
        let messagesLabel: String
    }

    init(site: SiteContext) {
        let url = SitePaths.weeksIndex
        let root = SitePaths.root(fromPage: url)
        page = LayoutView(
            site: site, pageURL: url, title: "All weeks · \(site.config.title)",
            description: "Every weekly report of \(site.config.list): \(plural(site.reports.count, "week")).")
        totalWeeks = site.reports.count
        let byYear = Dictionary(grouping: site.reports, by: \.week.year)
        years = byYear.keys.sorted(by: >).map { year in
            let reports = byYear[year]!.sorted { $0.week > $1.week }
            let weeks = reports.map { WeekSummaryView(report: $0, figures: site.figures[$0.week]!, root: root) }
            let threads = weeks.reduce(0) { $0 + $1.threads }
            let messages = weeks.reduce(0) { $0 + $1.messages }
            return YearView(
                year: year, weeks: weeks, threads: formatCount(threads), messages: formatCount(messages),
                threadsLabel: plural(threads, "thread"), messagesLabel: plural(messages, "message"))
        }
    }
}

/// `index.html`: the latest week up front, the archive one click away.
struct HomeView {
    let page: LayoutView
    let hasWeeks: Bool
    let latest: WeekSummaryView?
    let categoryBars: CategoryBarsView?
    let latestThreads: [LatestThreadView]
    let recentWeeks: [WeekSummaryView]
    let archive: ArchiveView
    /// Messages per week over the last 26 weeks.
    let recentChart: ChartView?

    struct LatestThreadView {
        let title: String
        let url: String
        let category: String
        let messages: Int
        let messagesLabel: String
        let version: String?
        /// Tree tags (`6.1.y`, `kvmtool`), so same-title siblings can be told apart.
        let tags: [String]
    }

    struct ArchiveView {
        let weeks: Int
        let threads: String
        let messages: String
        let participants: String
        let weeksLabel: String
        let threadsLabel: String
        /// `1 distinct message`, `8,576 distinct messages`.
        let messagesLabel: String
        /// Distinct sender addresses: `1 address`, `320 addresses`.
        let addressesLabel: String
        let firstWeek: String?
        let lastWeek: String?
    }

    init(site: SiteContext) {
        let url = SitePaths.home
        let root = SitePaths.root(fromPage: url)
        page = LayoutView(
            site: site, pageURL: url, title: site.config.title,
            description: site.config.description.isEmpty
                ? "Weekly digest of the \(site.config.list) mailing list." : site.config.description)
        hasWeeks = !site.reports.isEmpty
        if let report = site.reports.last {
            let figures = site.figures[report.week]!
            latest = WeekSummaryView(report: report, figures: figures, root: root)
            categoryBars = CategoryBarsView(
                anchorPrefix: root + SitePaths.file(forPage: SitePaths.week(report.week)),
                items: CategoryBarView.bars(figures))
            let anchors = site.anchors[site.reports.count - 1]
            let weekURL = root + SitePaths.file(forPage: SitePaths.week(report.week))
            latestThreads = zip(report.threads, anchors)
                .sorted { $0.0.messages.count > $1.0.messages.count }
                .map { thread, anchor in
                    LatestThreadView(
                        title: thread.subject.title.isEmpty ? thread.subjectLine : thread.subject.title,
                        url: weekURL + "#" + anchor, category: thread.category, messages: thread.messages.count,
                        messagesLabel: plural(thread.messages.count, "message"),
                        version: thread.subject.versionWasWritten ? thread.subject.versionLabel : nil,
                        tags: thread.subject.tags)
                }
        } else {
            latest = nil
            categoryBars = nil
            latestThreads = []
        }
        recentWeeks = site.reports.reversed().dropFirst().prefix(8).map {
            WeekSummaryView(report: $0, figures: site.figures[$0.week]!, root: root)
        }
        recentChart = PageCharts.home(site)
        let figures = site.archiveFigures
        archive = ArchiveView(
            weeks: figures.weeks, threads: formatCount(figures.threads),
            messages: formatCount(figures.distinctMessages),
            participants: formatCount(figures.participants), weeksLabel: plural(figures.weeks, "week"),
            threadsLabel: plural(figures.threads, "thread"),
            messagesLabel: plural(figures.distinctMessages, "distinct message"),
            addressesLabel: plural(figures.participants, "address", "addresses"),
            firstWeek: site.reports.first?.week.id,
            lastWeek: site.reports.last?.week.id)
    }
}
