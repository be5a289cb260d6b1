import ListDigestCore

/// `series/<id>/index.html`: one series' whole story.
struct SeriesPageView {
    let page: LayoutView
    let title: String
    let statusLine: String
    let badges: [WeekPageView.BadgeView]
    let author: PersonLinkView?
    let versions: [VersionView]
    let hasSeveralVersions: Bool
    let messages: [MessageRowView]
    let participants: [PersonLinkView]
    let loreURL: String
    let family: [SeriesRowView]
    /// Messages per week with version markers; nil for a series discussed within one week.
    let activityChart: ChartView?

    struct VersionView {
        let anchor: String
        let label: String
        let superseded: Bool
        let note: String?
        let firstPosted: String
        let subjects: [String]
        let previous: VersionNavView?
        let next: VersionNavView?
        let discussions: [DiscussionView]
    }

    struct VersionNavView {
        let label: String
        let anchor: String
    }

    struct DiscussionView {
        let week: String
        let url: String
        let messages: Int
        let messagesLabel: String
        let summaryHTML: String
    }

    struct MessageRowView {
        let time: String
        let timeISO: String
        let subject: String
        let sender: PersonLinkView
    }

    init(site: SiteContext, seriesIndex: Int) {
        let series = site.index.series.series[seriesIndex]
        let url = SitePaths.series(series.id)
        let root = SitePaths.root(fromPage: url)
        let summary = site.summarySentences[seriesIndex].text
        page = LayoutView(
            site: site, pageURL: url, title: Self.pageTitle(site: site, series: seriesIndex),
            description: summary.isEmpty ? "\(series.title): \(SeriesPageView.status(series))" : summary,
            socialTitle: series.title, socialType: "article")
        title = series.title
        statusLine = Self.status(series)
        var badges: [WeekPageView.BadgeView] = series.key.identityTags.map { .init(label: $0, kind: "tag") }
        if series.isPull { badges.insert(.init(label: "pull", kind: "pull"), at: 0) }
        self.badges = badges
        author = series.author.map { PersonLinkView(site: site, person: $0, root: root) }

        var allocator = SlugAllocator()
        let anchors = series.versions.map { allocator.unique(Slug.make($0.label, fallback: "version")) }
        versions = series.versions.enumerated().map { position, version in
            var note: String?
            if version.link == .retitled {
                let previousTitle = Subject(parsing: series.versions[position - 1].subjects.first ?? "").title
                note =
                    "Probably the same series as \(series.versions[position - 1].label), retitled (was “\(previousTitle)”): same author, weeks apart, similar title."
            }
            return VersionView(
                anchor: anchors[position], label: version.label, superseded: version.superseded, note: note,
                firstPosted: DateText.day(version.firstDate.date),
                subjects: version.subjects,
                previous: position > 0
                    ? VersionNavView(label: series.versions[position - 1].label, anchor: anchors[position - 1]) : nil,
                next: position + 1 < series.versions.count
                    ? VersionNavView(label: series.versions[position + 1].label, anchor: anchors[position + 1]) : nil,
                discussions: version.threads.map { ref in
                    let messages = site.reports[ref.report].threads[ref.thread].messages.count
                    return DiscussionView(
                        week: site.reports[ref.report].week.id, url: site.threadLink(ref, root: root),
                        messages: messages, messagesLabel: plural(messages, "message"),
                        summaryHTML: site.summaries[ref.report][ref.thread].text)
                })
        }
        hasSeveralVersions = series.versions.count > 1
        var position = -1
        messages = series.messages.map { ref in
            // Counted alongside: zipping with the senders copied every message.
            position += 1
            let sender = series.senders[position]
            let message = site.index.message(ref)
            return MessageRowView(
                time: DateText.shortTime(message.sentAt) + " " + String(message.sentAt.date.year),
                timeISO: message.sentAt.iso8601, subject: message.subjectLine,
                sender: sender.map { PersonLinkView(site: site, person: $0, root: root) }
                    ?? PersonLinkView(name: message.sender.displayName, url: nil, count: nil))
        }
        participants = zip(series.participants, series.participantMessages).map {
            PersonLinkView(site: site, person: $0, root: root, count: $1)
        }
        loreURL = Self.loreSearch(list: site.config.list, title: series.title)
        activityChart = PageCharts.series(site, series: seriesIndex)
        if series.isPull {
            family = site.pullFamilies[seriesIndex].filter { $0 != seriesIndex }
                .map { SeriesRowView(site: site, series: $0, root: root) }
        } else {
            family = []
        }
    }

    static func status(_ series: Series) -> String {
        let versions = series.versions
        var parts: [String] = []
        if versions.count > 1 {
            parts.append("\(versions.count) versions (\(versions[0].label) → \(versions[versions.count - 1].label))")
        } else {
            parts.append(versions[0].label)
        }
        let weeks = series.weeks
        parts.append(
            weeks.count == 1
                ? "discussed in \(weeks[0].id)"
                : "discussed in \(weeks.count) weeks, \(weeks[0].id) to \(weeks[weeks.count - 1].id)")
        parts.append(
            plural(series.messages.count, "message") + " from " + plural(series.participants.count, "person", "people"))
        return parts.joined(separator: " · ")
    }

    /// lore.kernel.org's search for the subject phrase (a quote in the title becomes a space).
    static func loreSearch(list: String, title: String) -> String {
        let quote = UInt8(ascii: "\"")
        let phrase = [quote] + title.utf8.map { $0 == quote ? UInt8(ascii: " ") : $0 } + [quote]
        return "https://lore.kernel.org/\(PercentEncoding.encode(list, allowing: PercentEncoding.path))/?q=s:"
            + PercentEncoding.encode(phrase, allowing: PercentEncoding.queryValue)
    }

    /// `Title · 6.1.y · v5 · Site`: tree tags tell stable siblings apart, and a series whose title
    /// another series also has adds its first week (and its rank among those of that week), so every
    /// page's title is its own.
    static func pageTitle(site: SiteContext, series index: Int) -> String {
        let all = site.index.series.series
        let series = all[index]
        var parts = [series.title] + series.key.identityTags + [series.latestVersion.label]
        let namesakes = site.namesakes[index]
        if namesakes.count > 1 {
            let sameWeek = namesakes.filter { all[$0].weeks[0] == series.weeks[0] }
            let rank = (sameWeek.firstIndex(of: index) ?? 0) + 1
            parts.append(series.weeks[0].id + (sameWeek.count > 1 ? " (\(rank))" : ""))
        }
        return (parts + [site.config.title]).joined(separator: " · ")
    }

    /// The first sentence of the summary of the series' latest cover letter (or last thread,
    /// not a lone part's), for the meta description and the search index (`SiteContext`
    /// finds each once), as the parse cache keeps it until it is read.
    static func summarySentence(
        of series: UnsafePointer<Series>, reports: [WeeklyReport], rendered: [RenderedReport]
    ) -> StoredText {
        let threads = series.pointee.versions.last!.threads
        let coverRef = threads.last { (reports[$0.report].threads[$0.thread].subject.part ?? 0) == 0 } ?? threads.last!
        return rendered[coverRef.report].firstSentences[coverRef.thread]
    }

}

/// A person as a link, with an optional count beside it.
struct PersonLinkView {
    let name: String
    let url: String?
    let count: Int?
    /// `count` with its unit, singular or plural: `1 thread`, `3 threads`.
    let countLabel: String?

    init(name: String, url: String?, count: Int?) {
        self.name = name
        self.url = url
        self.count = count
        countLabel = nil
    }

    /// `unit`: what `count` counts, in the singular, for `countLabel`.
    init(site: SiteContext, person: Int, root: String, count: Int? = nil, unit: String? = nil) {
        name = site.index.people.people[person].name
        url = site.personLink(person, root: root)
        self.count = count
        countLabel = count.flatMap { count in unit.map { plural(count, $0) } }
    }
}

/// A series as a line of a list.
struct SeriesRowView {
    let title: String
    private(set) var url: String
    /// Tree tags (`6.1.y`, `kvmtool`): what tells same-title siblings apart in a list.
    let tags: [String]
    let versions: String
    let firstWeek: String
    /// Nil when the series was discussed in one week only. (Names no outer view uses: a nil
    /// value makes Mustache look further up the context stack.)
    let untilWeek: String?
    let messages: Int
    /// `1 message`, `18 messages`.
    let messagesLabel: String
    private(set) var theirMessages: Int?

    /// The row as `SiteContext` made it once (links from the site root), linked from `root`:
    /// the series index, the search index and the person pages all list the same series.
    init(site: SiteContext, series index: Int, root: String, count: Int? = nil) {
        self = site.seriesRows[index]
        url = site.seriesLink(index, root: root)
        theirMessages = count
    }

    /// The row of a series, links from the site root.
    init(series: UnsafePointer<Series>, link: String) {
        title = series.pointee.title
        url = link
        tags = series.pointee.key.identityTags
        let all = series.pointee.versions
        versions =
            all.count > 1
            ? "\(SeriesVersion.label(of: all, at: 0)) → \(SeriesVersion.label(of: all, at: all.count - 1))"
            : SeriesVersion.label(of: all, at: 0)
        firstWeek = series.pointee.weeks.first!.id
        untilWeek = series.pointee.weeks.count > 1 ? series.pointee.weeks.last!.id : nil
        messages = series.pointee.messages.count
        messagesLabel = plural(messages, "message")
        theirMessages = nil
    }
}
