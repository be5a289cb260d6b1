import ListDigestCore

/// `trends/index.html`: weekly charts of the whole archive, and each year with a link to its
/// own page (`TrendsYearPageView`).
struct TrendsPageView {
    let page: LayoutView
    let hasWeeks: Bool
    let intro: String
    /// Each year with a page of its own: empty when the archive spans one year (its charts
    /// would repeat the whole archive's).
    let yearLinks: [YearLink]
    /// The whole archive's (none without reports).
    let sections: [SectionView]

    /// A year's page, with its figures.
    struct YearLink {
        let year: String
        /// The year's place on this page (`year-2025`), where each year's charts were before
        /// they had a page of their own: links to it still land on the year.
        let anchor: String
        let url: String
        let span: String
        let messagesLabel: String
        let threadsLabel: String
    }

    struct SectionView {
        let anchor: String
        let heading: String
        let span: String
        let charts: [ChartView]
    }

    init(site: SiteContext) {
        let url = SitePaths.trends
        let root = SitePaths.root(fromPage: url)
        page = LayoutView(
            site: site, pageURL: url, title: "Trends · \(site.config.title)",
            description: "How the \(site.config.list) list is moving, week by week: messages, threads, "
                + "categories, contributors and the longest-running and busiest series.")
        let all = site.trendSections
        hasWeeks = !all.isEmpty
        let trends = site.trends
        var intro = ""
        if let first = trends.weeks.first, let last = trends.weeks.last {
            intro =
                "\(plural(trends.weeks.count, "week")) from \(first.id) to \(last.id). Messages and contributors "
                + "are counted by the date each message was sent, each message once however many reports list it; "
                + "threads and categories as the weekly reports list them."
            if trends.messagesOutside > 0 {
                intro +=
                    " \(plural(trends.messagesOutside, "message")) sent outside these weeks (history listed by the "
                    + "first reports) are left out of the weekly counts."
            }
        }
        self.intro = intro
        yearLinks = TrendSection.yearPages(all).map { position in
            let section = all[position]
            return YearLink(
                year: section.heading, anchor: section.anchor,
                url: root + SitePaths.file(forPage: section.folder), span: Self.span(of: section),
                messagesLabel: plural(section.messageCount, "message"),
                threadsLabel: plural(section.threadCount, "thread"))
        }
        sections = all.prefix(1).map { section in
            SectionView(
                anchor: section.anchor, heading: section.heading, span: Self.span(of: section),
                charts: Self.charts(of: section, headingLevel: 3))
        }
    }

    /// `52 weeks, 2024-W01 to 2024-W52`, or the one week.
    static func span(of section: TrendSection) -> String {
        let weeks = section.weeks
        return weeks.count == 1 ? weeks[0].id : "\(weeks.count) weeks, \(weeks[0].id) to \(weeks[weeks.count - 1].id)"
    }

    /// The section's charts, each beside its CSV file, their ids begun with its anchor.
    static func charts(of section: TrendSection, headingLevel: Int) -> [ChartView] {
        section.items.map { item in
            ChartView(
                id: "\(section.anchor)-\(item.slug)", heading: item.heading, headingLevel: headingLevel,
                takeaway: item.takeaway, chart: item.chart, table: item.table, csvURL: item.slug + ".csv")
        }
    }
}

/// `trends/<year>/index.html`: the weekly charts of one ISO year, beside its CSV files.
struct TrendsYearPageView {
    let page: LayoutView
    let year: String
    let span: String
    /// The trends page, from this one.
    let trendsURL: String
    /// Every year with a page, oldest first, this one marked `current`.
    let years: [YearNavLink]
    let previousYear: YearNavLink?
    let nextYear: YearNavLink?
    let messagesLabel: String
    let threadsLabel: String
    let charts: [ChartView]

    /// `position`: the year's place in the site's trend sections.
    init(site: SiteContext, section position: Int) {
        let all = site.trendSections
        let section = all[position]
        let url = section.folder
        let root = SitePaths.root(fromPage: url)
        year = section.heading
        span = TrendsPageView.span(of: section)
        trendsURL = root + SitePaths.file(forPage: SitePaths.trends)
        let pages = TrendSection.yearPages(all)
        (years, previousYear, nextYear) = YearNavLink.links(
            // Each page's section is a year's (`yearPages`).
            pages.compactMap { position in
                all[position].year.map { ($0, root + SitePaths.file(forPage: all[position].folder)) }
            },
            current: position - pages.lowerBound)
        messagesLabel = plural(section.messageCount, "message")
        threadsLabel = plural(section.threadCount, "thread")
        charts = TrendsPageView.charts(of: section, headingLevel: 2)
        page = LayoutView(
            site: site, pageURL: url, title: "Trends in \(year) · \(site.config.title)",
            description: "The \(site.config.list) list in \(year), week by week (\(span)): \(messagesLabel), "
                + "\(threadsLabel); categories, contributors and the longest-running and busiest series.",
            socialTitle: "Trends in \(year)")
    }
}
