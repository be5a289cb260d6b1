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
        let startedAt: String?
        let startedAtISO: String?
        let summaryHTML: String
        let messages: [MessageView]
        let messagesOpen: Bool
    }

    struct MessageView {
        let time: String
        let timeISO: String
        let subject: String
        let senderName: String
        let senderAddress: String
    }

    init(site: SiteContext, index: Int, summaries: [String]) {
        let report = site.reports[index]
        let url = SitePaths.week(report.week)
        let figures = site.figures[report.week]!
        let root = SitePaths.root(fromPage: url)
        page = LayoutView(
            site: site, pageURL: url, title: "\(site.config.list) \(report.week.id)",
            description: "\(report.listName) \(report.week.id) (\(DateText.range(of: report.week))): "
                + "\(plural(figures.threads, "thread")), \(plural(figures.listedMessages, "message")), "
                + "\(plural(figures.participants, "participant")).")
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
        let anchors = ThreadAnchors.assign(report.threads)
        var sections: [SectionView] = []
        for category in categories {
            let threads = report.threads.indices.filter { report.threads[$0].category == category.name }.map {
                position in
                Self.threadView(report.threads[position], anchor: anchors[position], summaryHTML: summaries[position])
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

    static func threadView(_ thread: ReportThread, anchor: String, summaryHTML: String) -> ThreadView {
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
        let participants = Set(thread.messages.map { $0.sender.address.lowercased() }).count
        return ThreadView(
            anchor: anchor, title: subject.title.isEmpty ? thread.subjectLine : subject.title,
            subjectLine: thread.subjectLine, badges: badges, declaredEmails: thread.declaredEmails,
            listedMessages: thread.messages.count, participants: participants,
            startedAt: thread.startedAt.map(DateText.zoned), startedAtISO: thread.startedAt?.description,
            summaryHTML: summaryHTML,
            messages: thread.messages.map { message in
                MessageView(
                    time: DateText.shortTime(message.sentAt), timeISO: message.sentAt.iso8601,
                    subject: message.subjectLine, senderName: message.sender.displayName,
                    senderAddress: message.sender.address)
            },
            messagesOpen: thread.messages.count <= 6)
    }
}
