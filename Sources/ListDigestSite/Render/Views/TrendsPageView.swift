import ListDigestCore

/// `trends/index.html`: weekly charts of the whole archive and of each year.
struct TrendsPageView {
    let page: LayoutView
    let hasWeeks: Bool
    let intro: String
    /// Shown only when the archive spans several years (else the year is the whole archive).
    let yearLinks: [YearLink]
    let sections: [SectionView]

    struct YearLink {
        let year: String
        let anchor: String
    }

    struct SectionView {
        let anchor: String
        let heading: String
        let span: String
        let charts: [ChartView]
    }

    init(site: SiteContext) {
        let url = SitePaths.trends
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
        // With a single year, its section would repeat the whole archive's; its CSV files are still written.
        let shown = all.count > 2 ? all : Array(all.prefix(1))
        yearLinks = shown.dropFirst().map { YearLink(year: $0.heading, anchor: "year-\($0.key)") }
        sections = shown.map { section in
            let anchor = section.key == "all" ? "all" : "year-\(section.key)"
            let folder = String(section.folder.dropFirst(SitePaths.trends.count))
            let weeks = section.weeks
            return SectionView(
                anchor: anchor, heading: section.heading,
                span: weeks.count == 1
                    ? weeks[0].id : "\(weeks.count) weeks, \(weeks[0].id) to \(weeks[weeks.count - 1].id)",
                charts: section.items.map { item in
                    ChartView(
                        id: "\(anchor)-\(item.slug)", heading: item.heading, headingLevel: 3, takeaway: item.takeaway,
                        chart: item.chart, table: item.table, csvURL: folder + item.slug + ".csv")
                })
        }
    }
}
