import ListDigestCore

/// What each week, series and person page is built from, digested from the linked model
/// without building the page: the bytes of the reports it shows, the series and people it
/// shows or links to. A page whose key is the one recorded by the previous build is taken over
/// without building its view. A new week so touches its own page, its neighbours, its series,
/// its people, the pages showing those series and the indexes; nothing else is even looked at.
///
/// Keys over-approximate: a page's key covers whole reports, series and people, not just the
/// fields it shows; a page whose key changed is rendered again. Debug builds (and so the tests)
/// render every page taken over by its key and compare it with the page in place, and fail the
/// build when a key missed a change.
struct PageKeys: Sendable {
    /// By report, series and person, and by person then year (in `PersonActivity.years`):
    /// looked up by place, not by URL (making and hashing 12,700 URLs twice a build was a
    /// noticeable part of an added week's bookkeeping). Empty when no page has a key.
    private let weeks: [UInt64]
    private let series: [UInt64]
    private let people: [UInt64]
    private let personYears: [[UInt64]]
    /// By trend section; a section without a page of its own has none.
    private let trendYears: [UInt64?]
    private let seriesIndex: UInt64?
    private let peopleIndex: UInt64?

    /// Render each page taken over by key and check it is the page in place.
    @TaskLocal static var verifying = _isDebugAssertConfiguration()

    /// A hasher fed with `texts`: what many keys begin with (a template's salt, the settings and
    /// the kind of page), hashed once for all of them and copied for each.
    static func seeded(_ texts: String...) -> StableHasher {
        var hasher = StableHasher()
        for text in texts { hasher.combine(text) }
        return hasher
    }

    /// The page's key, with what every page of its template depends on (`salted`).
    func key(for page: KeyedPage, salted: StableHasher) -> String? {
        guard let key = key(of: page) else { return nil }
        var hasher = salted
        hasher.combine(key)
        return hasher.shortHex
    }

    /// The key of an entry of a data file written from what `page` is built from (see
    /// `DataEntries`), from what every entry of that file begins with (`entrySeed(file:)`).
    func entryKey(for page: KeyedPage, seeded: StableHasher) -> UInt64? {
        guard let key = key(of: page) else { return nil }
        var hasher = seeded
        hasher.combine(key)
        return hasher.value
    }

    /// What the key of every entry of the data file at `file` begins with: hashed once for
    /// the file, not again for each of its thousands of entries.
    static func entrySeed(file: String) -> StableHasher {
        seeded("data entry", file)
    }

    private func key(of page: KeyedPage) -> UInt64? {
        switch page {
        case .week(let report): weeks.indices.contains(report) ? weeks[report] : nil
        case .series(let index): series.indices.contains(index) ? series[index] : nil
        case .person(let person): people.indices.contains(person) ? people[person] : nil
        case .personYear(let person, let year):
            personYears.indices.contains(person) && personYears[person].indices.contains(year)
                ? personYears[person][year] : nil
        case .trendYear(let section): trendYears.indices.contains(section) ? trendYears[section] : nil
        case .seriesIndex: seriesIndex
        case .peopleIndex: peopleIndex
        }
    }

    static let none = PageKeys(
        weeks: [], series: [], people: [], personYears: [], trendYears: [], seriesIndex: nil, peopleIndex: nil)

    private init(
        weeks: [UInt64], series: [UInt64], people: [UInt64], personYears: [[UInt64]], trendYears: [UInt64?],
        seriesIndex: UInt64?, peopleIndex: UInt64?
    ) {
        self.weeks = weeks
        self.series = series
        self.people = people
        self.personYears = personYears
        self.trendYears = trendYears
        self.seriesIndex = seriesIndex
        self.peopleIndex = peopleIndex
    }

    /// `reportDigests`: what each report was parsed from (`Archive.reportDigests`); `settings`:
    /// what every page depends on besides the model (the effective config). When a report was
    /// not read from a file (no digests), no page has a key: all are fingerprinted.
    init(site: SiteContext, reportDigests: [UInt64], settings: String) {
        self.init(
            site: site, digests: ModelDigests(index: site.index, reportDigests: reportDigests), settings: settings)
    }

    /// `digests`: the model's, made from the same index as `site` (see `ModelDigests`).
    init(site: SiteContext, digests: ModelDigests?, settings: String) {
        guard let digests else {
            self = .none
            return
        }
        let index = site.index
        // Every key begins with the settings and the kind of page: hashed once for each kind,
        // not once for each of 18,000 keys.
        let (week, series, person, personYear) = (
            Self.seeded(settings, "week"), Self.seeded(settings, "series"), Self.seeded(settings, "person"),
            Self.seeded(settings, "person-year")
        )
        weeks = Parallel.map(site.reports.count) { Self.weekKey(site, digests, report: $0, seeded: week) }
        self.series = Parallel.map(index.series.series.count) {
            Self.seriesKey(site, digests, series: $0, seeded: series)
        }
        people = Parallel.map(index.people.people.count) {
            Self.personKey(site, digests, person: $0, seeded: person)
        }
        personYears = Parallel.map(index.people.people.count) {
            Self.personYearKeys(site, digests, person: $0, seeded: personYear)
        }
        let sections = site.trendSections
        let yearPages = TrendSection.yearPages(sections)
        let trendYear = Self.seeded(settings, "trend-year")
        trendYears = sections.indices.map { position in
            yearPages.contains(position) ? Self.trendYearKey(sections, position: position, seeded: trendYear) : nil
        }
        // The indexes: every series' row and every person's line are made from what their
        // digests cover. (Their pages' keys would do too, but change more often.)
        var seriesIndex = Self.seeded(settings, "series-index")
        seriesIndex.combine(digests.series.count)
        for digest in digests.series { seriesIndex.combine(digest) }
        self.seriesIndex = seriesIndex.value
        var peopleIndex = Self.seeded(settings, "people-index")
        peopleIndex.combine(digests.people.count)
        for person in digests.people.indices {
            peopleIndex.combine(digests.people[person])
            if let activity = index.activity[person] {
                peopleIndex.combine(activity.messages)
                peopleIndex.combine(activity.threads.count)
                peopleIndex.combine(activity.seriesStarted.count)
            } else {
                peopleIndex.combine("-")
            }
        }
        self.peopleIndex = peopleIndex.value
    }

    /// The week's report, its neighbours' weeks, its threads' series and its senders.
    /// `seeded`: a hasher fed with the settings and the kind of page.
    private static func weekKey(
        _ site: SiteContext, _ digests: ModelDigests, report: Int, seeded: StableHasher
    )
        -> UInt64
    {
        var hasher = seeded
        hasher.combine(digests.reports[report])
        for neighbour in [report - 1, report + 1] {
            if site.reports.indices.contains(neighbour) {
                hasher.combine(1)
                hasher.combine(site.reports[neighbour].week)
            } else {
                hasher.combine(0)
            }
        }
        // By index: copying a thread out of the report retains every text in it.
        for thread in site.reports[report].threads.indices {
            if let location = site.index.location(report: report, thread: thread) {
                hasher.combine(digests.series[location.series])
                hasher.combine(location.version)
            } else {
                hasher.combine("-")
            }
            let ref = ThreadRef(report: report, thread: thread)
            for message in site.reports[report].threads[thread].messages.indices {
                digests.combine(person: site.index.senders.person(of: ref, message: message), into: &hasher)
            }
        }
        return hasher.value
    }

    /// The series (with the reports of its threads), the people in it, the namesakes its title
    /// is told apart from, and its pull-request family.
    private static func seriesKey(
        _ site: SiteContext, _ digests: ModelDigests, series index: Int, seeded: StableHasher
    )
        -> UInt64
    {
        let all = site.index.series.series
        var hasher = seeded
        hasher.combine(digests.series[index])
        for sender in all[index].senders { digests.combine(person: sender, into: &hasher) }
        for namesake in site.namesakes[index] {
            hasher.combine(all[namesake].id)
            hasher.combine(all[namesake].weeks[0])
        }
        for member in site.pullFamilies[index] { hasher.combine(digests.series[member]) }
        return hasher.value
    }

    /// The person, what they did, the series they took part in and the people they met.
    private static func personKey(
        _ site: SiteContext, _ digests: ModelDigests, person: Int, seeded: StableHasher
    )
        -> UInt64
    {
        var hasher = seeded
        hasher.combine(digests.people[person])
        guard let activity = site.index.activity[person] else { return hasher.value }
        hasher.combine(activity.messages)
        hasher.combine(activity.firstWeek)
        hasher.combine(activity.lastWeek)
        digests.combine(started: activity.seriesStarted, threads: activity.threads, into: &hasher)
        hasher.combine(activity.coParticipants.count)
        for (other, series) in activity.coParticipants {
            hasher.combine(digests.people[other])
            hasher.combine(series)
        }
        for (week, messages) in activity.messagesPerWeek {
            hasher.combine(week)
            hasher.combine(messages)
        }
        hasher.combine(activity.years.count)
        for year in activity.years {
            hasher.combine(year.year)
            hasher.combine(year.messages)
            hasher.combine(year.seriesStarted.count)
            hasher.combine(year.threads.count)
        }
        return hasher.value
    }

    /// Each year page's, in the order of their years: the person, which years they have (the
    /// page links to each), and the year's messages, series started and threads.
    private static func personYearKeys(
        _ site: SiteContext, _ digests: ModelDigests, person: Int, seeded: StableHasher
    )
        -> [UInt64]
    {
        guard let activity = site.index.activity[person] else { return [] }
        let years = activity.years
        var common = seeded
        common.combine(digests.people[person])
        common.combine(years.count)
        for year in years { common.combine(year.year) }
        return years.map { year in
            var hasher = common
            hasher.combine(year.year)
            hasher.combine(year.messages)
            digests.combine(started: year.seriesStarted, threads: year.threads, into: &hasher)
            // Its chart: the weeks it spans and their messages, walked without a list of them.
            guard let span = PageCharts.personSpan(activity, year: year.year) else {
                hasher.combine("-")
                hasher.combine(0)
                return hasher.value
            }
            hasher.combine(span.lowerBound)
            var count = 0
            var week = span.lowerBound
            while week <= span.upperBound {
                count += 1
                week = week.next
            }
            hasher.combine(count)
            // Walked beside the weeks they wrote in: looked up week by week, the charts' 70,000
            // weeks were most of making these keys.
            activity.messages(in: span) { hasher.combine($0) }
            return hasher.value
        }
    }
}

extension PageKeys {
    /// Everything the year's section shows, as the charts are drawn from it (their tables, the
    /// sentences about them, the weeks they span), and the years the page links to. Made from
    /// the section, not the model: a year's counts hang on messages listed in any week (each
    /// is counted once, in the week it was sent) and on who wrote before (first-time
    /// contributors), so a new week rarely changes a past year's numbers but may.
    fileprivate static func trendYearKey(_ sections: [TrendSection], position: Int, seeded: StableHasher) -> UInt64 {
        var hasher = seeded
        // A section's heading, folder and anchor are made from its year.
        for year in TrendSection.yearPages(sections) { hasher.combine(sections[year].year ?? 0) }
        let section = sections[position]
        hasher.combine(section.year ?? 0)
        hasher.combine(section.messageCount)
        hasher.combine(section.threadCount)
        hasher.combine(section.weeks.count)
        for week in section.weeks { hasher.combine(week) }
        hasher.combine(section.items.count)
        for item in section.items {
            hasher.combine(item.slug)
            hasher.combine(item.heading)
            hasher.combine(item.takeaway)
            // The chart is drawn from the numbers and titles its table shows (its marks' labels
            // are shortened from those titles): the table stands for it.
            hasher.combine(item.table.columns.count)
            for column in item.table.columns { hasher.combine(column) }
            hasher.combine(item.table.rows.count)
            for row in item.table.rows {
                hasher.combine(row.count)
                for cell in row { hasher.combine(cell) }
            }
        }
        return hasher.value
    }
}

/// Stable hashes of the model's reports, people and series, each computed once. They need only
/// the linked index: a build makes them while it makes the aggregates.
struct ModelDigests: Sendable {
    /// By report index: what it was parsed from (`Archive.reportDigests`).
    let reports: [UInt64]
    let people: [UInt64]
    let series: [UInt64]

    /// Nil when a report has no digest: then what it was built from is unknown.
    init?(index: ArchiveIndex, reportDigests: [UInt64]) {
        guard reportDigests.count == index.reports.count else { return nil }
        reports = reportDigests
        let people = index.people.people.map { person in
            var hasher = StableHasher()
            hasher.combine(person.id)
            hasher.combine(person.name)
            hasher.combine(person.isBot ? 1 : 0)
            for address in person.addresses { hasher.combine(address) }
            return hasher.value
        }
        self.people = people
        let all = index.series.series
        // Each series read in place, through a pointer to it: read through the captured array,
        // or handed over from its buffer, each was copied (retaining every list in it).
        series = Parallel.map(all.count) { index in
            all.withUnsafeBufferPointer {
                Self.digest(of: $0.baseAddress! + index, digests: reportDigests, people: people)
            }
        }
    }

    /// Every field of the series; a thread is its report's digest and position (which stand for the
    /// messages read from it), a person their digest.
    private static func digest(of series: UnsafePointer<Series>, digests: [UInt64], people: [UInt64]) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(series.pointee.id)
        hasher.combine(series.pointee.title)
        hasher.combine(series.pointee.key.title)
        hasher.combine(series.pointee.key.identityTags.count)
        for tag in series.pointee.key.identityTags { hasher.combine(tag) }
        hasher.combine(series.pointee.isPull ? 1 : 0)
        hasher.combine(series.pointee.versions.count)
        // Versions read in place, through the buffer: iterating the array copied each one.
        series.pointee.versions.withUnsafeBufferPointer {
            combine(versions: $0, digests: digests, people: people, into: &hasher)
        }
        hasher.combine(series.pointee.weeks.count)
        for week in series.pointee.weeks { hasher.combine(week) }
        // Its messages are those of the threads above (their reports' bytes are hashed), picked
        // by subjects those threads hold: their count stands for the rest.
        hasher.combine(series.pointee.messages.count)
        hasher.combine(series.pointee.participants.count)
        for person in series.pointee.participants { combine(person: person, people: people, into: &hasher) }
        for count in series.pointee.participantMessages { hasher.combine(count) }
        hasher.combine(series.pointee.participantYears.count)
        for share in series.pointee.participantYears {
            combine(person: share.person, people: people, into: &hasher)
            hasher.combine(share.year)
            hasher.combine(share.messages)
        }
        return hasher.value
    }

    /// A series' versions, field by field. The hasher comes in as a parameter, not captured by a
    /// nested function: captured, each of its 420,000 uses a build was an exclusivity check.
    private static func combine(
        versions: UnsafeBufferPointer<SeriesVersion>, digests: [UInt64], people: [UInt64],
        into hasher: inout StableHasher
    ) {
        for position in versions.indices {
            hasher.combine(versions[position].version)
            hasher.combine(versions[position].minorVersion ?? -1)
            hasher.combine(versions[position].isRFC ? 1 : 0)
            hasher.combine(versions[position].subjects.count)
            for subject in versions[position].subjects { hasher.combine(subject) }
            hasher.combine(versions[position].threads.count)
            // A report's digest covers its week.
            for ref in versions[position].threads {
                hasher.combine(digests[ref.report])
                hasher.combine(ref.thread)
            }
            hasher.combine(versions[position].weeks.count)
            for week in versions[position].weeks { hasher.combine(week) }
            hasher.combine(versions[position].firstDate)
            hasher.combine(versions[position].lastDate)
            combine(person: versions[position].author, people: people, into: &hasher)
            hasher.combine(versions[position].superseded ? 1 : 0)
            hasher.combine(versions[position].link.rawValue)
        }
    }

    /// A person by their digest, or their absence.
    private static func combine(person: Int?, people: [UInt64], into hasher: inout StableHasher) {
        if let person { hasher.combine(people[person]) } else { hasher.combine("-") }
    }

    /// Series a person started, and series they took part in with their messages in each.
    func combine(started: [Int], threads: [(series: Int, messages: Int)], into hasher: inout StableHasher) {
        hasher.combine(started.count)
        for series in started { hasher.combine(self.series[series]) }
        hasher.combine(threads.count)
        for (series, messages) in threads {
            hasher.combine(self.series[series])
            hasher.combine(messages)
        }
    }

    /// The person who sent a message, or their absence.
    func combine(person: Int?, into hasher: inout StableHasher) {
        Self.combine(person: person, people: people, into: &hasher)
    }
}

/// Weeks and times as their numbers: spelling them out only to hash them was a noticeable part of keying.
extension StableHasher {
    fileprivate mutating func combine(_ week: ISOWeek) {
        combine(week.year)
        combine(week.week)
    }

    fileprivate mutating func combine(_ time: LocalDateTime) {
        combine(time.date.year)
        combine(time.date.month)
        combine(time.date.day)
        combine(time.hour)
        combine(time.minute)
        combine(time.second)
    }
}

/// A page with a key, by its place in the model.
enum KeyedPage: Hashable, Sendable {
    /// By report.
    case week(Int)
    case series(Int)
    case person(Int)
    /// By person, and by the year's place in their `PersonActivity.years`.
    case personYear(person: Int, year: Int)
    /// By the year's place in the site's trend sections (`TrendSection.yearPages`).
    case trendYear(Int)
    case seriesIndex
    case peopleIndex

    /// A page that lists the whole archive: long to render, and rendered again on every change.
    var isIndex: Bool { self == .seriesIndex || self == .peopleIndex }
}
