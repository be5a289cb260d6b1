import Mustache

// Accessors for the views Mustache renders, so lookups skip reflection (which was
// most of a build's time), sorted by name for stable fingerprints. An optional property
// goes through `ViewField.optional` (the compiler refuses one that does not). A property missing
// here renders as empty: CorpusRenderingTests, which renders every page by reflection
// with swift-mustache too, catches that.

extension ChartView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("csvURL", .optional { $0.csvURL }),
        ("heading", .init { $0.heading }),
        ("headingLevel", .init { $0.headingLevel }),
        ("id", .init { $0.id }),
        ("inline", .init { $0.inline }),
        ("svg", .init { $0.svg }),
        ("tableHTML", .init { $0.tableHTML }),
        ("takeaway", .init { $0.takeaway }),
    ]
}

extension WeeksIndexView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("page", .init { $0.page }),
        ("totalWeeks", .init { $0.totalWeeks }),
        ("years", .init { $0.years }),
    ]
}

extension WeeksIndexView.YearView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("messages", .init { $0.messages }),
        ("messagesLabel", .init { $0.messagesLabel }),
        ("threads", .init { $0.threads }),
        ("threadsLabel", .init { $0.threadsLabel }),
        ("weeks", .init { $0.weeks }),
        ("year", .init { $0.year }),
    ]
}

extension HomeView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("archive", .init { $0.archive }),
        ("categoryBars", .optional { $0.categoryBars }),
        ("hasWeeks", .init { $0.hasWeeks }),
        ("latest", .optional { $0.latest }),
        ("latestThreads", .init { $0.latestThreads }),
        ("page", .init { $0.page }),
        ("recentChart", .optional { $0.recentChart }),
        ("recentWeeks", .init { $0.recentWeeks }),
    ]
}

extension HomeView.LatestThreadView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("category", .init { $0.category }),
        ("messages", .init { $0.messages }),
        ("messagesLabel", .init { $0.messagesLabel }),
        ("tags", .init { $0.tags }),
        ("title", .init { $0.title }),
        ("url", .init { $0.url }),
        ("version", .optional { $0.version }),
    ]
}

extension HomeView.ArchiveView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("addressesLabel", .init { $0.addressesLabel }),
        ("firstWeek", .optional { $0.firstWeek }),
        ("lastWeek", .optional { $0.lastWeek }),
        ("messages", .init { $0.messages }),
        ("messagesLabel", .init { $0.messagesLabel }),
        ("participants", .init { $0.participants }),
        ("threads", .init { $0.threads }),
        ("threadsLabel", .init { $0.threadsLabel }),
        ("weeks", .init { $0.weeks }),
        ("weeksLabel", .init { $0.weeksLabel }),
    ]
}

extension PersonPageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("activityChart", .optional { $0.activityChart }),
        ("addresses", .init { $0.addresses }),
        ("coParticipants", .init { $0.coParticipants }),
        ("firstWeek", .optional { $0.firstWeek }),
        ("isBot", .init { $0.isBot }),
        ("lastWeek", .optional { $0.lastWeek }),
        ("messages", .init { $0.messages }),
        ("name", .init { $0.name }),
        ("page", .init { $0.page }),
        ("recentSeries", .init { $0.recentSeries }),
        ("recentThreads", .init { $0.recentThreads }),
        ("seriesStartedCount", .init { $0.seriesStartedCount }),
        ("threadCount", .init { $0.threadCount }),
        ("years", .init { $0.years }),
    ]
}

extension PersonYearPageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("activityChart", .optional { $0.activityChart }),
        ("isBot", .init { $0.isBot }),
        ("messages", .init { $0.messages }),
        ("name", .init { $0.name }),
        ("nextYear", .optional { $0.nextYear }),
        ("page", .init { $0.page }),
        ("personURL", .init { $0.personURL }),
        ("previousYear", .optional { $0.previousYear }),
        ("seriesStarted", .init { $0.seriesStarted }),
        ("threads", .init { $0.threads }),
        ("year", .init { $0.year }),
        ("years", .init { $0.years }),
    ]
}

extension YearNavLink: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("current", .init { $0.current }),
        ("url", .init { $0.url }),
        ("year", .init { $0.year }),
    ]
}

extension PersonYearSummary: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("messagesLabel", .init { $0.messagesLabel }),
        ("startedLabel", .optional { $0.startedLabel }),
        ("threadsLabel", .init { $0.threadsLabel }),
        ("url", .init { $0.url }),
        ("year", .init { $0.year }),
    ]
}

extension PeopleIndexView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("bots", .init { $0.bots }),
        ("letters", .init { $0.letters }),
        ("page", .init { $0.page }),
        ("ranked", .init { $0.ranked }),
        ("total", .init { $0.total }),
        ("totalLabel", .init { $0.totalLabel }),
    ]
}

extension PeopleIndexView.RankedPerson: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("messages", .init { $0.messages }),
        ("name", .init { $0.name }),
        ("rank", .init { $0.rank }),
        ("series", .init { $0.series }),
        ("started", .init { $0.started }),
        ("url", .init { $0.url }),
    ]
}

extension PeopleIndexView.LetterSection: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchor", .init { $0.anchor }),
        ("letter", .init { $0.letter }),
        ("people", .init { $0.people }),
    ]
}

extension SeriesIndexView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("multiVersion", .init { $0.multiVersion }),
        ("page", .init { $0.page }),
        ("series", .init { $0.series }),
        ("total", .init { $0.total }),
    ]
}

extension SeriesPageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("activityChart", .optional { $0.activityChart }),
        ("author", .optional { $0.author }),
        ("badges", .init { $0.badges }),
        ("family", .init { $0.family }),
        ("hasSeveralVersions", .init { $0.hasSeveralVersions }),
        ("loreURL", .init { $0.loreURL }),
        ("messages", .init { $0.messages }),
        ("page", .init { $0.page }),
        ("participants", .init { $0.participants }),
        ("statusLine", .init { $0.statusLine }),
        ("title", .init { $0.title }),
        ("versions", .init { $0.versions }),
    ]
}

extension SeriesPageView.VersionView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchor", .init { $0.anchor }),
        ("discussions", .init { $0.discussions }),
        ("firstPosted", .init { $0.firstPosted }),
        ("label", .init { $0.label }),
        ("next", .optional { $0.next }),
        ("note", .optional { $0.note }),
        ("previous", .optional { $0.previous }),
        ("subjects", .init { $0.subjects }),
        ("superseded", .init { $0.superseded }),
    ]
}

extension SeriesPageView.VersionNavView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchor", .init { $0.anchor }),
        ("label", .init { $0.label }),
    ]
}

extension SeriesPageView.DiscussionView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("messages", .init { $0.messages }),
        ("messagesLabel", .init { $0.messagesLabel }),
        ("summaryHTML", .init { $0.summaryHTML }),
        ("url", .init { $0.url }),
        ("week", .init { $0.week }),
    ]
}

extension SeriesPageView.MessageRowView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("sender", .init { $0.sender }),
        ("subject", .init { $0.subject }),
        ("time", .init { $0.time }),
        ("timeISO", .init { $0.timeISO }),
    ]
}

extension PersonLinkView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("count", .optional { $0.count }),
        ("countLabel", .optional { $0.countLabel }),
        ("name", .init { $0.name }),
        ("url", .optional { $0.url }),
    ]
}

extension SeriesRowView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("firstWeek", .init { $0.firstWeek }),
        ("messages", .init { $0.messages }),
        ("messagesLabel", .init { $0.messagesLabel }),
        ("tags", .init { $0.tags }),
        ("theirMessages", .optional { $0.theirMessages }),
        ("title", .init { $0.title }),
        ("untilWeek", .optional { $0.untilWeek }),
        ("url", .init { $0.url }),
        ("versions", .init { $0.versions }),
    ]
}

extension TrendsPageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("hasWeeks", .init { $0.hasWeeks }),
        ("intro", .init { $0.intro }),
        ("page", .init { $0.page }),
        ("sections", .init { $0.sections }),
        ("yearLinks", .init { $0.yearLinks }),
    ]
}

extension TrendsPageView.YearLink: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchor", .init { $0.anchor }),
        ("messagesLabel", .init { $0.messagesLabel }),
        ("span", .init { $0.span }),
        ("threadsLabel", .init { $0.threadsLabel }),
        ("url", .init { $0.url }),
        ("year", .init { $0.year }),
    ]
}

extension TrendsYearPageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("charts", .init { $0.charts }),
        ("messagesLabel", .init { $0.messagesLabel }),
        ("nextYear", .optional { $0.nextYear }),
        ("page", .init { $0.page }),
        ("previousYear", .optional { $0.previousYear }),
        ("span", .init { $0.span }),
        ("threadsLabel", .init { $0.threadsLabel }),
        ("trendsURL", .init { $0.trendsURL }),
        ("year", .init { $0.year }),
        ("years", .init { $0.years }),
    ]
}

extension TrendsPageView.SectionView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchor", .init { $0.anchor }),
        ("charts", .init { $0.charts }),
        ("heading", .init { $0.heading }),
        ("span", .init { $0.span }),
    ]
}

extension WeekPageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("categoryBars", .init { $0.categoryBars }),
        ("figures", .init { $0.figures }),
        ("generatedAt", .optional { $0.generatedAt }),
        ("listTitle", .init { $0.listTitle }),
        ("next", .optional { $0.next }),
        ("page", .init { $0.page }),
        ("previous", .optional { $0.previous }),
        ("range", .init { $0.range }),
        ("sections", .init { $0.sections }),
        ("week", .init { $0.week }),
    ]
}

extension WeekPageView.FiguresView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("largeThreads", .init { $0.largeThreads }),
        ("listedMessages", .init { $0.listedMessages }),
        ("messagesSentInWeek", .init { $0.messagesSentInWeek }),
        ("participants", .init { $0.participants }),
        ("threads", .init { $0.threads }),
    ]
}

extension WeekPageView.NavLink: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("id", .init { $0.id }),
        ("url", .init { $0.url }),
    ]
}

extension WeekPageView.SectionView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchor", .init { $0.anchor }),
        ("name", .init { $0.name }),
        ("threads", .init { $0.threads }),
    ]
}

extension WeekPageView.BadgeView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("kind", .init { $0.kind }),
        ("label", .init { $0.label }),
    ]
}

extension WeekPageView.ThreadView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchor", .init { $0.anchor }),
        ("badges", .init { $0.badges }),
        ("declaredEmails", .init { $0.declaredEmails }),
        ("listedMessages", .init { $0.listedMessages }),
        ("listedMessagesLabel", .init { $0.listedMessagesLabel }),
        ("messages", .init { $0.messages }),
        ("messagesOpen", .init { $0.messagesOpen }),
        ("participants", .init { $0.participants }),
        ("participantsLabel", .init { $0.participantsLabel }),
        ("series", .optional { $0.series }),
        ("startedAt", .optional { $0.startedAt }),
        ("startedAtISO", .optional { $0.startedAtISO }),
        ("subjectLine", .init { $0.subjectLine }),
        ("summaryHTML", .init { $0.summaryHTML }),
        ("title", .init { $0.title }),
    ]
}

extension WeekPageView.SeriesLinkView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("story", .init { $0.story }),
        ("superseded", .init { $0.superseded }),
        ("title", .init { $0.title }),
        ("url", .init { $0.url }),
    ]
}

extension WeekPageView.MessageView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("senderAddress", .init { $0.senderAddress }),
        ("senderName", .init { $0.senderName }),
        ("senderURL", .optional { $0.senderURL }),
        ("subject", .init { $0.subject }),
        ("time", .init { $0.time }),
        ("timeISO", .init { $0.timeISO }),
    ]
}

extension WeekSummaryView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("categories", .init { $0.categories }),
        ("id", .init { $0.id }),
        ("messages", .init { $0.messages }),
        ("messagesLabel", .init { $0.messagesLabel }),
        ("participants", .init { $0.participants }),
        ("range", .init { $0.range }),
        ("shortRange", .init { $0.shortRange }),
        ("threads", .init { $0.threads }),
        ("threadsLabel", .init { $0.threadsLabel }),
        ("url", .init { $0.url }),
    ]
}

extension CategoryBarView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchor", .init { $0.anchor }),
        ("messages", .init { $0.messages }),
        ("name", .init { $0.name }),
        ("percent", .init { $0.percent }),
        ("threads", .init { $0.threads }),
    ]
}

extension CategoryBarsView: MustacheView {
    static let mustacheFieldList: ViewFields<Self> = [
        ("anchorPrefix", .init { $0.anchorPrefix }),
        ("items", .init { $0.items }),
    ]
}

extension LayoutView: MustacheView {
    static let mustacheFieldList: ViewFields<LayoutView> = [
        ("canonicalURL", .init { $0.canonicalURL }),
        ("contentLanguage", .init { $0.contentLanguage }),
        ("description", .init { $0.description }),
        ("indexable", .init { $0.indexable }),
        ("language", .init { $0.language }),
        ("listName", .init { $0.listName }),
        ("navHome", .init { $0.navHome }),
        ("navPeople", .init { $0.navPeople }),
        ("navSearch", .init { $0.navSearch }),
        ("navSeries", .init { $0.navSeries }),
        ("navTrends", .init { $0.navTrends }),
        ("navWeeks", .init { $0.navWeeks }),
        ("pageTitle", .init { $0.pageTitle }),
        ("root", .init { $0.root }),
        ("siteTitle", .init { $0.siteTitle }),
        ("social", .init { $0.social }),
    ]
}
