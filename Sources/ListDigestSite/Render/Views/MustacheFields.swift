import Mustache

// Accessors for the views Mustache renders, so lookups skip reflection (which was
// most of a build's time), sorted by name for stable fingerprints. An optional property
// goes through `optionalField` (the compiler warns when one does not). A property missing
// here renders as empty: CorpusRenderingTests, which renders every page by reflection
// with swift-mustache too, catches that.

extension ChartView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("csvURL", { optionalField($0.csvURL) }),
        ("heading", { $0.heading }),
        ("headingLevel", { $0.headingLevel }),
        ("id", { $0.id }),
        ("inline", { $0.inline }),
        ("svg", { $0.svg }),
        ("tableHTML", { $0.tableHTML }),
        ("takeaway", { $0.takeaway }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension TrendSection: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("folder", { $0.folder }),
        ("heading", { $0.heading }),
        ("items", { $0.items }),
        ("key", { $0.key }),
        ("weeks", { $0.weeks }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension TrendSection.Item: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("chart", { $0.chart }),
        ("heading", { $0.heading }),
        ("slug", { $0.slug }),
        ("table", { $0.table }),
        ("takeaway", { $0.takeaway }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeeksIndexView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("page", { $0.page }),
        ("totalWeeks", { $0.totalWeeks }),
        ("years", { $0.years }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeeksIndexView.YearView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("messages", { $0.messages }),
        ("messagesLabel", { $0.messagesLabel }),
        ("threads", { $0.threads }),
        ("threadsLabel", { $0.threadsLabel }),
        ("weeks", { $0.weeks }),
        ("year", { $0.year }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension HomeView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("archive", { $0.archive }),
        ("categoryBars", { optionalField($0.categoryBars) }),
        ("hasWeeks", { $0.hasWeeks }),
        ("latest", { optionalField($0.latest) }),
        ("latestThreads", { $0.latestThreads }),
        ("page", { $0.page }),
        ("recentChart", { optionalField($0.recentChart) }),
        ("recentWeeks", { $0.recentWeeks }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension HomeView.LatestThreadView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("category", { $0.category }),
        ("messages", { $0.messages }),
        ("messagesLabel", { $0.messagesLabel }),
        ("tags", { $0.tags }),
        ("title", { $0.title }),
        ("url", { $0.url }),
        ("version", { optionalField($0.version) }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension HomeView.ArchiveView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("addressesLabel", { $0.addressesLabel }),
        ("firstWeek", { optionalField($0.firstWeek) }),
        ("lastWeek", { optionalField($0.lastWeek) }),
        ("messages", { $0.messages }),
        ("messagesLabel", { $0.messagesLabel }),
        ("participants", { $0.participants }),
        ("threads", { $0.threads }),
        ("threadsLabel", { $0.threadsLabel }),
        ("weeks", { $0.weeks }),
        ("weeksLabel", { $0.weeksLabel }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension PersonPageView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("activityChart", { optionalField($0.activityChart) }),
        ("addresses", { $0.addresses }),
        ("coParticipants", { $0.coParticipants }),
        ("firstWeek", { optionalField($0.firstWeek) }),
        ("isBot", { $0.isBot }),
        ("lastWeek", { optionalField($0.lastWeek) }),
        ("messages", { $0.messages }),
        ("name", { $0.name }),
        ("page", { $0.page }),
        ("seriesStarted", { $0.seriesStarted }),
        ("threads", { $0.threads }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension PeopleIndexView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("bots", { $0.bots }),
        ("letters", { $0.letters }),
        ("page", { $0.page }),
        ("ranked", { $0.ranked }),
        ("total", { $0.total }),
        ("totalLabel", { $0.totalLabel }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension PeopleIndexView.RankedPerson: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("messages", { $0.messages }),
        ("name", { $0.name }),
        ("rank", { $0.rank }),
        ("series", { $0.series }),
        ("started", { $0.started }),
        ("url", { $0.url }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension PeopleIndexView.LetterSection: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchor", { $0.anchor }),
        ("letter", { $0.letter }),
        ("people", { $0.people }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension SeriesIndexView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("multiVersion", { $0.multiVersion }),
        ("page", { $0.page }),
        ("series", { $0.series }),
        ("total", { $0.total }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension SeriesPageView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("activityChart", { optionalField($0.activityChart) }),
        ("author", { optionalField($0.author) }),
        ("badges", { $0.badges }),
        ("family", { $0.family }),
        ("hasSeveralVersions", { $0.hasSeveralVersions }),
        ("loreURL", { $0.loreURL }),
        ("messages", { $0.messages }),
        ("page", { $0.page }),
        ("participants", { $0.participants }),
        ("statusLine", { $0.statusLine }),
        ("title", { $0.title }),
        ("versions", { $0.versions }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension SeriesPageView.VersionView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchor", { $0.anchor }),
        ("discussions", { $0.discussions }),
        ("firstPosted", { $0.firstPosted }),
        ("label", { $0.label }),
        ("next", { optionalField($0.next) }),
        ("note", { optionalField($0.note) }),
        ("previous", { optionalField($0.previous) }),
        ("subjects", { $0.subjects }),
        ("superseded", { $0.superseded }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension SeriesPageView.VersionNavView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchor", { $0.anchor }),
        ("label", { $0.label }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension SeriesPageView.DiscussionView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("messages", { $0.messages }),
        ("messagesLabel", { $0.messagesLabel }),
        ("summaryHTML", { $0.summaryHTML }),
        ("url", { $0.url }),
        ("week", { $0.week }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension SeriesPageView.MessageRowView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("sender", { $0.sender }),
        ("subject", { $0.subject }),
        ("time", { $0.time }),
        ("timeISO", { $0.timeISO }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension PersonLinkView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("count", { optionalField($0.count) }),
        ("countLabel", { optionalField($0.countLabel) }),
        ("name", { $0.name }),
        ("url", { optionalField($0.url) }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension SeriesRowView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("firstWeek", { $0.firstWeek }),
        ("messages", { $0.messages }),
        ("messagesLabel", { $0.messagesLabel }),
        ("tags", { $0.tags }),
        ("theirMessages", { optionalField($0.theirMessages) }),
        ("title", { $0.title }),
        ("untilWeek", { optionalField($0.untilWeek) }),
        ("url", { $0.url }),
        ("versions", { $0.versions }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension TrendsPageView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("hasWeeks", { $0.hasWeeks }),
        ("intro", { $0.intro }),
        ("page", { $0.page }),
        ("sections", { $0.sections }),
        ("yearLinks", { $0.yearLinks }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension TrendsPageView.YearLink: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchor", { $0.anchor }),
        ("year", { $0.year }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension TrendsPageView.SectionView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchor", { $0.anchor }),
        ("charts", { $0.charts }),
        ("heading", { $0.heading }),
        ("span", { $0.span }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekPageView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("categoryBars", { $0.categoryBars }),
        ("figures", { $0.figures }),
        ("generatedAt", { optionalField($0.generatedAt) }),
        ("listTitle", { $0.listTitle }),
        ("next", { optionalField($0.next) }),
        ("page", { $0.page }),
        ("previous", { optionalField($0.previous) }),
        ("range", { $0.range }),
        ("sections", { $0.sections }),
        ("week", { $0.week }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekPageView.FiguresView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("largeThreads", { $0.largeThreads }),
        ("listedMessages", { $0.listedMessages }),
        ("messagesSentInWeek", { $0.messagesSentInWeek }),
        ("participants", { $0.participants }),
        ("threads", { $0.threads }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekPageView.NavLink: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("id", { $0.id }),
        ("url", { $0.url }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekPageView.SectionView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchor", { $0.anchor }),
        ("name", { $0.name }),
        ("threads", { $0.threads }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekPageView.BadgeView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("kind", { $0.kind }),
        ("label", { $0.label }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekPageView.ThreadView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchor", { $0.anchor }),
        ("badges", { $0.badges }),
        ("declaredEmails", { $0.declaredEmails }),
        ("listedMessages", { $0.listedMessages }),
        ("listedMessagesLabel", { $0.listedMessagesLabel }),
        ("messages", { $0.messages }),
        ("messagesOpen", { $0.messagesOpen }),
        ("participants", { $0.participants }),
        ("participantsLabel", { $0.participantsLabel }),
        ("series", { optionalField($0.series) }),
        ("startedAt", { optionalField($0.startedAt) }),
        ("startedAtISO", { optionalField($0.startedAtISO) }),
        ("subjectLine", { $0.subjectLine }),
        ("summaryHTML", { $0.summaryHTML }),
        ("title", { $0.title }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekPageView.SeriesLinkView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("story", { $0.story }),
        ("superseded", { $0.superseded }),
        ("title", { $0.title }),
        ("url", { $0.url }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekPageView.MessageView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("senderAddress", { $0.senderAddress }),
        ("senderName", { $0.senderName }),
        ("senderURL", { optionalField($0.senderURL) }),
        ("subject", { $0.subject }),
        ("time", { $0.time }),
        ("timeISO", { $0.timeISO }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension WeekSummaryView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("categories", { $0.categories }),
        ("id", { $0.id }),
        ("messages", { $0.messages }),
        ("messagesLabel", { $0.messagesLabel }),
        ("participants", { $0.participants }),
        ("range", { $0.range }),
        ("shortRange", { $0.shortRange }),
        ("threads", { $0.threads }),
        ("threadsLabel", { $0.threadsLabel }),
        ("url", { $0.url }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension CategoryBarView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchor", { $0.anchor }),
        ("messages", { $0.messages }),
        ("name", { $0.name }),
        ("percent", { $0.percent }),
        ("threads", { $0.threads }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension CategoryBarsView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (Self) -> Any)] = [
        ("anchorPrefix", { $0.anchorPrefix }),
        ("items", { $0.items }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}

extension LayoutView: MustacheView {
    static let mustacheFieldList: [(String, @Sendable (LayoutView) -> Any)] = [
        ("canonicalURL", { $0.canonicalURL }),
        ("contentLanguage", { $0.contentLanguage }),
        ("description", { $0.description }),
        ("indexable", { $0.indexable }),
        ("language", { $0.language }),
        ("listName", { $0.listName }),
        ("navHome", { $0.navHome }),
        ("navPeople", { $0.navPeople }),
        ("navSearch", { $0.navSearch }),
        ("navSeries", { $0.navSeries }),
        ("navTrends", { $0.navTrends }),
        ("navWeeks", { $0.navWeeks }),
        ("pageTitle", { $0.pageTitle }),
        ("root", { $0.root }),
        ("siteTitle", { $0.siteTitle }),
        ("social", { $0.social }),
    ]
    static let mustacheFields = Dictionary(uniqueKeysWithValues: mustacheFieldList)
}
