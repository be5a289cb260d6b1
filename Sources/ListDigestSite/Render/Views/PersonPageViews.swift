import Foundation
import ListDigestCore

/// `people/<id>/index.html`: who they are, their figures and activity, what they did lately, and
/// their years. The page stays the same size however long they write: each year's full list is
/// a page of its own (`PersonYearPageView`), so a new week renders this page and the year's,
/// not every thread they ever took part in.
struct PersonPageView {
    let page: LayoutView
    let name: String
    let isBot: Bool
    let addresses: [String]
    let firstWeek: WeekPageView.NavLink?
    let lastWeek: WeekPageView.NavLink?
    let messages: Int
    let seriesStartedCount: Int
    let threadCount: Int
    /// The latest series they started, newest first.
    let recentSeries: [SeriesRowView]
    /// The threads they took part in during their latest years: their latest year's first, each
    /// year's most recently discussed first; with all their messages in each.
    let recentThreads: [SeriesRowView]
    /// Newest first.
    let years: [PersonYearSummary]
    let coParticipants: [PersonLinkView]
    let activityChart: ChartView?

    static let recentSeriesLimit = 10
    static let recentThreadLimit = 15

    init(site: SiteContext, person index: Int) {
        let person = site.index.people.people[index]
        let url = SitePaths.person(person.id)
        let root = SitePaths.root(fromPage: url)
        let activity = site.index.activity[index]
        let series = site.index.series.series
        name = person.name
        isBot = person.isBot
        addresses = person.addresses
        messages = activity?.messages ?? 0
        firstWeek = activity.map { .init(id: $0.firstWeek.id, url: site.weekLink($0.firstWeek, root: root)) }
        lastWeek = activity.map { .init(id: $0.lastWeek.id, url: site.weekLink($0.lastWeek, root: root)) }
        let started = activity?.seriesStarted ?? []
        seriesStartedCount = started.count
        recentSeries = started.suffix(Self.recentSeriesLimit).reversed().map {
            SeriesRowView(site: site, series: $0, root: root)
        }
        let threads = activity?.threads ?? []
        threadCount = threads.count
        let theirMessages = Dictionary(uniqueKeysWithValues: threads.map { ($0.series, $0.messages) })
        // Year by year, newest first; in a year, the threads last discussed most recently first.
        var recent: [Int] = []
        var listed = Set<Int>()
        for year in (activity?.years ?? []).reversed() where recent.count < Self.recentThreadLimit {
            let latest = year.threads.map(\.series).filter { !listed.contains($0) }.sorted {
                (series[$1].weeks.last!, $0) < (series[$0].weeks.last!, $1)
            }
            for thread in latest.prefix(Self.recentThreadLimit - recent.count) {
                recent.append(thread)
                listed.insert(thread)
            }
        }
        recentThreads = recent.map { SeriesRowView(site: site, series: $0, root: root, count: theirMessages[$0]) }
        years = (activity?.years ?? []).reversed().map {
            PersonYearSummary($0, url: site.personYearLink(index, year: $0.year, root: root))
        }
        activityChart = PageCharts.person(site, person: index)
        coParticipants = (activity?.coParticipants ?? []).map {
            PersonLinkView(site: site, person: $0.person, root: root, count: $0.series, unit: "thread")
        }
        page = LayoutView(
            site: site, pageURL: url, title: "\(person.name) · \(site.config.title)",
            description: "\(person.name) on \(site.config.list): \(plural(messages, "message")), "
                + "\(plural(seriesStartedCount, "series", "series")) started, "
                + "\(plural(threadCount, "thread")) taken part in.",
            socialTitle: person.name, socialType: "profile")
    }
}

/// `people/<id>/<year>/index.html`: every series a person started and every thread they took
/// part in during one ISO week-year, with their messages that year.
struct PersonYearPageView {
    let page: LayoutView
    let name: String
    let isBot: Bool
    let year: Int
    /// Their page, from this one.
    let personURL: String
    /// Every year of theirs, oldest first, this one marked `current`. Years only: another
    /// year's figures would make a new week change every year page of theirs.
    let years: [YearNavLink]
    let previousYear: YearNavLink?
    let nextYear: YearNavLink?
    let messages: Int
    let seriesStarted: [SeriesRowView]
    let threads: [SeriesRowView]
    let activityChart: ChartView?

    init(site: SiteContext, person index: Int, year position: Int) {
        let person = site.index.people.people[index]
        let all = site.index.activity[index]?.years ?? []
        let item = all[position]
        let url = SitePaths.person(person.id, year: item.year)
        let root = SitePaths.root(fromPage: url)
        name = person.name
        isBot = person.isBot
        year = item.year
        personURL = site.personLink(index, root: root)
        (years, previousYear, nextYear) = YearNavLink.links(
            all.map { ($0.year, site.personYearLink(index, year: $0.year, root: root)) }, current: position)
        messages = item.messages
        activityChart = PageCharts.person(site, person: index, year: item.year)
        seriesStarted = item.seriesStarted.map { SeriesRowView(site: site, series: $0, root: root) }
        threads = item.threads.map { SeriesRowView(site: site, series: $0.series, root: root, count: $0.messages) }
        page = LayoutView(
            site: site, pageURL: url, title: "\(person.name) in \(item.year) · \(site.config.title)",
            description: "\(person.name) on \(site.config.list) in \(item.year): \(plural(messages, "message")), "
                + "\(plural(seriesStarted.count, "series", "series")) started, "
                + "\(plural(threads.count, "thread")) taken part in.",
            socialTitle: "\(person.name) in \(item.year)", socialType: "profile")
    }
}

/// One year of a person's, as a link with its figures (on their page).
struct PersonYearSummary {
    let year: Int
    let url: String
    /// `1 message`, `840 messages`.
    let messagesLabel: String
    let threadsLabel: String
    /// `1 series started`; nil when none.
    let startedLabel: String?

    init(_ item: PersonYear, url: String) {
        year = item.year
        self.url = url
        messagesLabel = plural(item.messages, "message")
        threadsLabel = plural(item.threads.count, "thread")
        startedLabel =
            item.seriesStarted.isEmpty ? nil : plural(item.seriesStarted.count, "series", "series") + " started"
    }
}
