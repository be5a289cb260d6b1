import ListDigestCore

/// `weeks/<YYYY-Www>/index.html`.
struct WeekPageView {
    let page: LayoutView
    let week: String
    let range: String
    let listTitle: String
    let generatedAt: String?
    let figures: FiguresView
    let categoryBars: CategoryBarsView
    let sections: [SectionView]
    let previous: NavLink?
    let next: NavLink?

    struct FiguresView {
        let threads: Int
        let listedMessages: Int
        let messagesSentInWeek: Int
        let participants: Int
        let largeThreads: Int
    }

    struct NavLink {
        let id: String
        let url: String
    }

    struct SectionView {
        let name: String
        let anchor: String
        let threads: [ThreadView]
    }

    struct BadgeView {
        let label: String
        let kind: String
    }

    struct ThreadView {
        let anchor: String
        let title: String
        let subjectLine: String
        let badges: [BadgeView]
        let declaredEmails: Int
        let listedMessages: Int
        let participants: Int
        let listedMessagesLabel: String
        let participantsLabel: String
        let startedAt: String?
        let startedAtISO: String?
        let summaryHTML: String
        let messages: [MessageView]
        let messagesOpen: Bool
        let series: SeriesLinkView?
    }

    /// The thread's place in its series: link and "v6 · follows v5, discussed 2025-W30".
    struct SeriesLinkView {
        let url: String
        let title: String
        let story: String
        let superseded: Bool
    }

    struct MessageView {
        let time: String
        let timeISO: String
        let subject: String
        let senderName: String
        let senderAddress: String
        let senderURL: String?
    }

    init(site: SiteContext, index: Int) {
        let report = site.reports[index]
        let url = SitePaths.week(report.week)
        let figures = site.figures[report.week]!
        let root = SitePaths.root(fromPage: url)
        page = LayoutView(
            site: site, pageURL: url, title: "\(site.config.list) \(report.week.id)",
            description: "\(report.listName) \(report.week.id) (\(DateText.range(of: report.week))): "
                + "\(plural(figures.threads, "thread")), \(plural(figures.listedMessages, "message")), "
                + "\(plural(figures.participants, "participant")).",
            socialTitle: "\(report.listName) \(report.week.id) · \(DateText.range(of: report.week))",
            socialType: "article")
        week = report.week.id
        range = DateText.range(of: report.week)
        listTitle = report.listName
        generatedAt = report.generatedAt?.description
        self.figures = FiguresView(
            threads: figures.threads, listedMessages: figures.listedMessages,
            messagesSentInWeek: figures.messagesSentInWeek, participants: figures.participants,
            largeThreads: figures.largeThreads)
        let categories = CategoryBarView.bars(figures)
        categoryBars = CategoryBarsView(anchorPrefix: "", items: categories)
        var sections: [SectionView] = []
        for category in categories {
            let threads = report.threads.indices.filter { report.threads[$0].category == category.name }.map {
                position in
                Self.threadView(site: site, ref: ThreadRef(report: index, thread: position), root: root)
            }
            sections.append(SectionView(name: category.name, anchor: category.anchor, threads: threads))
        }
        self.sections = sections
        previous =
            index > 0
            ? NavLink(id: site.reports[index - 1].week.id, url: root + SitePaths.week(site.reports[index - 1].week))
            : nil
        next =
            index + 1 < site.reports.count
            ? NavLink(id: site.reports[index + 1].week.id, url: root + SitePaths.week(site.reports[index + 1].week))
            : nil
    }

    static func threadView(site: SiteContext, ref: ThreadRef, root: String) -> ThreadView {
        let thread = site.reports[ref.report].threads[ref.thread]
        let subject = thread.subject
        var badges: [BadgeView] = []
        if subject.isRFC { badges.append(BadgeView(label: "RFC", kind: "rfc")) }
        if subject.isPull { badges.append(BadgeView(label: "pull", kind: "pull")) }
        if subject.versionWasWritten { badges.append(BadgeView(label: subject.versionLabel, kind: "version")) }
        for tag in subject.tags { badges.append(BadgeView(label: tag, kind: "tag")) }
        if subject.isResend { badges.append(BadgeView(label: "RESEND", kind: "tag")) }
        if let part = subject.part, let total = subject.total, part > 0 {
            badges.append(BadgeView(label: "part \(part)/\(total)", kind: "tag"))
        }
        let participants = Set(thread.messages.map(\.sender.lowercasedAddress)).count
        var seriesLink: SeriesLinkView?
        if let location = site.index.series.location(of: ref) {
            let series = site.index.series.series[location.series]
            seriesLink = SeriesLinkView(
                url: site.seriesLink(location.series, root: root), title: series.title,
                story: SeriesStory.text(series, version: location.version, week: site.reports[ref.report].week),
                superseded: series.versions[location.version].superseded)
        }
        var position = -1
        return ThreadView(
            anchor: site.anchors[ref.report][ref.thread],
            title: subject.title.isEmpty ? thread.subjectLine : subject.title,
            subjectLine: thread.subjectLine, badges: badges, declaredEmails: thread.declaredEmails,
            listedMessages: thread.messages.count, participants: participants,
            listedMessagesLabel: plural(thread.messages.count, "message"),
            participantsLabel: plural(participants, "participant"),
            startedAt: thread.startedAt.map(DateText.zoned), startedAtISO: thread.startedAt?.description,
            summaryHTML: site.summaries[ref.report][ref.thread].text,
            messages: thread.messages.map { message in
                // Counted alongside: going by index or with `enumerated` copied every message.
                position += 1
                return MessageView(
                    time: DateText.shortTime(message.sentAt), timeISO: message.sentAt.iso8601,
                    subject: message.subjectLine, senderName: message.sender.displayName,
                    senderAddress: message.sender.address,
                    senderURL: site.index.senders.person(of: ref, message: position).map {
                        site.personLink($0, root: root)
                    })
            },
            messagesOpen: thread.messages.count <= 6, series: seriesLink)
    }
}
