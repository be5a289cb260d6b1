/// What one person did across the archive.
public struct PersonActivity: Sendable, Hashable {
    /// Distinct messages (a message listed in several weekly reports counts once).
    public let messages: Int
    /// First and last week whose report lists a message of theirs.
    public let firstWeek: ISOWeek
    public let lastWeek: ISOWeek
    /// Series whose first version they posted, by index in `SeriesIndex.series`, oldest first.
    public let seriesStarted: [Int]
    /// Series they sent messages to, with how many, most first.
    public let threads: [(series: Int, messages: Int)]
    /// People they met most often in the same series, with how many series, most first.
    public let coParticipants: [(person: Int, series: Int)]
    /// Distinct messages by ISO week of their date, oldest week first; a week without one is
    /// left out. A list, not a table: the charts and page keys walk it in order, and sorting
    /// each person's table, twice a build, was a noticeable part of keying their pages.
    public let messagesPerWeek: [(week: ISOWeek, messages: Int)]
    /// What they did year by year (ISO week-years: messages, series started, threads), oldest
    /// first: each year they wrote in or started a series in.
    public let years: [PersonYear]

    /// Their messages in each week of `span`, oldest first, 0 in a week they did not write in:
    /// `messagesPerWeek` walked beside the span's weeks, with nothing looked up.
    public func messages(in span: ClosedRange<ISOWeek>, _ body: (Int) -> Void) {
        var next = messagesPerWeek.partitioningIndex { $0.week >= span.lowerBound }
        var week = span.lowerBound
        while week <= span.upperBound {
            if next < messagesPerWeek.count, messagesPerWeek[next].week == week {
                body(messagesPerWeek[next].messages)
                next += 1
            } else {
                body(0)
            }
            week = week.next
        }
    }

    public static func == (lhs: PersonActivity, rhs: PersonActivity) -> Bool {
        lhs.messages == rhs.messages && lhs.firstWeek == rhs.firstWeek && lhs.lastWeek == rhs.lastWeek
            && lhs.seriesStarted == rhs.seriesStarted && lhs.threads.elementsEqual(rhs.threads, by: ==)
            && lhs.coParticipants.elementsEqual(rhs.coParticipants, by: ==)
            && lhs.messagesPerWeek.elementsEqual(rhs.messagesPerWeek, by: ==) && lhs.years == rhs.years
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(messages)
        hasher.combine(firstWeek)
    }
}

/// What one person did in one ISO week-year.
public struct PersonYear: Sendable, Hashable {
    public let year: Int
    /// Distinct messages dated in the year.
    public let messages: Int
    /// Series whose first version they posted in the year, oldest first.
    public let seriesStarted: [Int]
    /// Series they sent messages to in the year, with how many that year, most first.
    public let threads: [(series: Int, messages: Int)]

    public static func == (lhs: PersonYear, rhs: PersonYear) -> Bool {
        lhs.year == rhs.year && lhs.messages == rhs.messages && lhs.seriesStarted == rhs.seriesStarted
            && lhs.threads.elementsEqual(rhs.threads, by: ==)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(year)
        hasher.combine(messages)
    }

    /// `started` oldest first; `threads` in any order.
    static func all(
        perWeek: [(week: ISOWeek, messages: Int)], started: [Int],
        threads: ArraySlice<(series: Int, year: Int, messages: Int)>,
        series: [Series]
    ) -> [PersonYear] {
        // By year in short lists, found by walking them: a person writes in a few years, and
        // tables made and hashed into for each of 2,700 people were most of this.
        var years: [Int] = []
        var messages: [Int] = []
        var seriesStarted: [[Int]] = []
        var threadsOfYear: [[(series: Int, messages: Int)]] = []
        func place(_ year: Int) -> Int {
            if let known = years.firstIndex(of: year) { return known }
            years.append(year)
            messages.append(0)
            seriesStarted.append([])
            threadsOfYear.append([])
            return years.count - 1
        }
        for (week, count) in perWeek { messages[place(week.year)] += count }
        for index in started {
            seriesStarted[place(ISOWeek.year(containing: series[index].versions[0].firstDate.date))].append(index)
        }
        for thread in threads { threadsOfYear[place(thread.year)].append((thread.series, thread.messages)) }
        return years.indices.sorted { years[$0] < years[$1] }.map { position in
            PersonYear(
                year: years[position], messages: messages[position], seriesStarted: seriesStarted[position],
                threads: threadsOfYear[position].sorted { ($1.messages, $0.series) < ($0.messages, $1.series) })
        }
    }
}

/// The linked archive: reports, people, series, and each person's activity.
public struct ArchiveIndex: Sendable {
    public let reports: [WeeklyReport]
    public let people: PeopleIndex
    public let series: SeriesIndex
    /// Parallel to `people.people`; nil for someone with no message (cannot happen for senders).
    public let activity: [PersonActivity?]
    /// How many messages the archive lists, each once (a message listed in several weekly
    /// reports is one message): what the archive's counts count.
    public let distinctMessages: Int
    /// Those messages by the ISO week they were sent in: what the trends count.
    public let distinctMessagesByWeek: [ISOWeek: Int]
    /// Who sent each message of each report.
    public let senders: ListedSenders
    /// Distinct sender addresses (case-insensitive) over the archive.
    public let distinctAddresses: Int
    /// Every listed message numbered, for the next build (`subjectsToKeep`, `tableToKeep`).
    private let table: MessageTable
    /// What linking described and chained, kept for as long as the index: freed as soon as
    /// the series were built, its 12,000 threads' texts and lists held up one core at ten
    /// years, and a build's index lives until the command exits.
    private let linked: SeriesLinker.Linked

    public static let coParticipantLimit = 8

    public init(reports: [WeeklyReport], mailmap: Mailmap = .empty) {
        self.init(reports: reports, mailmap: mailmap, parsedSubjects: .empty)
    }

    /// `parsedSubjects`: subject lines an earlier build parsed, taken instead of parsing them
    /// again. `keptTable`: the message table an earlier build kept, extended when `reports` begin
    /// with its reports (`digests`: each report's digest).
    package init(
        reports: [WeeklyReport], mailmap: Mailmap, parsedSubjects: ParsedSubjectCache,
        keptTable: KeptMessageTable = .empty, digests: [UInt64] = []
    ) {
        self.reports = reports
        // Every message is looked up once (subjects parsed on every core) and every thread
        // described for linking (on every core); then series are linked (mostly one step after
        // another: what can go on both cores does, and each person's messages are counted
        // meanwhile on a thread of its own) and built on every core.
        let table = MessageTable(
            reports: reports, mailmap: mailmap, parsedSubjects: parsedSubjects, kept: keptTable, digests: digests)
        self.table = table
        let people = table.people
        let occurrences = SeriesLinker.occurrences(reports: reports, table: table)
        let counting = BackgroundWork.start { MessageCounts(reports: reports, people: people, table: table) }
        let linked = SeriesLinker.link(occurrences, messages: table.distinctMessages)
        let series = SeriesIndex(reports: reports, table: table, linked: linked)
        self.linked = linked
        let counted = counting.value()
        self.people = people
        self.series = series
        // The message table told the messages apart already.
        distinctMessages = table.distinctMessages
        distinctMessagesByWeek = counted.distinctByWeek
        senders = table.senders
        distinctAddresses = table.distinctAddresses

        let count = people.people.count
        let (messages, firstWeek, lastWeek, perWeek) = (
            counted.messages, counted.firstWeek, counted.lastWeek, counted.perWeek
        )
        // Each person's series, as one list for all people cut at each person's place: counted
        // first, then filled in series order. A list for each person, grown series by series,
        // was 40,000 allocations on one core. Field by field: a copy of a series retains every
        // array in it.
        let all = series.series
        var started = PersonLists<Int>(people: count, placeholder: 0)
        var threads = PersonLists<(Int, Int)>(people: count, placeholder: (0, 0))
        var threadYears = PersonLists<(series: Int, year: Int, messages: Int)>(people: count, placeholder: (0, 0, 0))
        for seriesIndex in all.indices {
            if let author = all[seriesIndex].versions[0].author { started.count(author) }
            for person in all[seriesIndex].participants { threads.count(person) }
            for share in all[seriesIndex].participantYears { threadYears.count(share.person) }
        }
        started.makeRoom()
        threads.makeRoom()
        threadYears.makeRoom()
        for seriesIndex in all.indices {
            if let author = all[seriesIndex].versions[0].author { started.append(seriesIndex, for: author) }
            for (person, messageCount) in zip(all[seriesIndex].participants, all[seriesIndex].participantMessages) {
                threads.append((seriesIndex, messageCount), for: person)
            }
            for share in all[seriesIndex].participantYears {
                threadYears.append((seriesIndex, share.year, share.messages), for: share.person)
            }
        }
        // Each person's own figures on every core: who they shared series with is most of the
        // work, counted by person in scratch space each core keeps (and clears) from one person
        // to the next rather than in a table made and hashed into for each.
        activity = Parallel.map(count, scratch: { [Int32](repeating: 0, count: count) }) {
            [threads, started, threadYears] sharedCount, person in
            guard let first = firstWeek[person], let last = lastWeek[person] else { return nil }
            var others: [Int] = []
            for (seriesIndex, _) in threads[person] {
                for other in series.series[seriesIndex].participants where other != person {
                    if sharedCount[other] == 0 { others.append(other) }
                    sharedCount[other] += 1
                }
            }
            let shared = others.map { (key: $0, value: Int(sharedCount[$0])) }
            for other in others { sharedCount[other] = 0 }
            let seriesStarted = started[person].sorted {
                series.series[$0].versions[0].firstDate < series.series[$1].versions[0].firstDate
            }
            return PersonActivity(
                messages: messages[person], firstWeek: first, lastWeek: last,
                seriesStarted: seriesStarted,
                threads: threads[person].sorted { ($1.1, $0.0) < ($0.1, $1.0) }.map { (series: $0.0, messages: $0.1) },
                // People are sorted by id: ids compare as their indices do.
                // The first few of the order, without sorting everyone they shared a series with.
                coParticipants: shared.lazy.filter { !people.people[$0.key].isBot }
                    .smallest(Self.coParticipantLimit) { ($1.value, $0.key) < ($0.value, $1.key) }
                    .map { (person: $0.key, series: $0.value) },
                messagesPerWeek: perWeek[person],
                years: PersonYear.all(
                    perWeek: perWeek[person], started: seriesStarted, threads: threadYears[person],
                    series: series.series))
        }
    }

    /// The subject lines parsed that the cache linking was given did not hold, for the next build.
    package var subjectsToKeep: ParsedSubjectCache.Update { table.subjectsToKeep }

    /// Whether the message table was an earlier build's, extended with the reports after its own.
    package var extendedKeptTable: Bool { table.extended != nil }

    /// What the next build is to keep of the message table (`KeptMessageTable`): `digests` are
    /// each report's, and the parsed-subject cache is `subjectCacheSize` bytes long once written.
    package func tableToKeep(digests: [UInt64], subjectCacheSize: Int) -> KeptMessageTable.Contents {
        table.keptContents(
            reports: reports, digests: digests, subjectCacheSize: subjectCacheSize, occurrences: linked.occurrences)
    }

    /// The message listed at `ref`.
    public func message(_ ref: MessageRef) -> Message {
        reports[ref.thread.report].threads[ref.thread.thread].messages[ref.index]
    }

    /// When the message listed at `ref` was sent, read in place: a copy of the message retains
    /// its texts, and the trends read the time of every message of every year's series.
    public func sentAt(_ ref: MessageRef) -> LocalDateTime {
        reports.withUnsafeBufferPointer { reports in
            reports[ref.thread.report].threads.withUnsafeBufferPointer { threads in
                threads[ref.thread.thread].messages.withUnsafeBufferPointer { $0[ref.index].sentAt }
            }
        }
    }

    /// Where a report thread's series and version are.
    public func location(report: Int, thread: Int) -> SeriesLocation? {
        series.location(of: ThreadRef(report: report, thread: thread))
    }
}

/// Each person's distinct messages, first and last week and messages per week; and the
/// archive's distinct messages, by the week they were sent in.
private struct MessageCounts: Sendable {
    var distinctByWeek: [ISOWeek: Int]
    /// By person: how many distinct messages they sent.
    var messages: [Int]
    var firstWeek: [ISOWeek?]
    var lastWeek: [ISOWeek?]
    var perWeek: [[(week: ISOWeek, messages: Int)]]

    init(reports: [WeeklyReport], people: PeopleIndex, table: MessageTable) {
        let count = people.people.count
        messages = [Int](repeating: 0, count: count)
        firstWeek = [ISOWeek?](repeating: nil, count: count)
        lastWeek = [ISOWeek?](repeating: nil, count: count)
        // The week of each message counted, listed and counted in runs once sorted: tallying them
        // in tables hashed a week up to twice for each of 150,000 messages.
        var distinctWeeks: [ISOWeek] = []
        distinctWeeks.reserveCapacity(table.distinctMessages)
        var personWeeks = [[ISOWeek]](repeating: [], count: count)
        var listed = [Bool](repeating: false, count: table.distinctMessages)
        // Who a message was first counted for. A message listed again is almost always counted
        // for the same person; when not (the same address sent under names a mailmap tells
        // apart), the pair is remembered on its own.
        var countedFor = [Int32](repeating: -1, count: table.distinctMessages)
        var countedForOthers = Set<Int>()
        // By index: copying a thread or a message out of the reports retains every text in it.
        for reportIndex in reports.indices {
            let week = reports[reportIndex].week
            for threadIndex in reports[reportIndex].threads.indices {
                let first = table.firstPosition(of: ThreadRef(report: reportIndex, thread: threadIndex))
                for index in reports[reportIndex].threads[threadIndex].messages.indices {
                    let identity = table.identity(at: first + index)
                    // The week it was sent in, worked out at most once.
                    var sentWeek: ISOWeek?
                    if !listed[identity] {
                        listed[identity] = true
                        let week = ISOWeek(
                            containing: reports[reportIndex].threads[threadIndex].messages[index].sentAt.date)
                        sentWeek = week
                        distinctWeeks.append(week)
                    }
                    guard let person = table.person(at: first + index) else { continue }
                    let isNew: Bool
                    if countedFor[identity] < 0 {
                        countedFor[identity] = Int32(person)
                        isNew = true
                    } else {
                        isNew =
                            countedFor[identity] != person
                            && countedForOthers.insert(identity * count + person).inserted
                    }
                    if isNew {
                        messages[person] += 1
                        let week =
                            sentWeek
                            ?? ISOWeek(
                                containing: reports[reportIndex].threads[threadIndex].messages[index].sentAt.date)
                        personWeeks[person].append(week)
                    }
                    if firstWeek[person] == nil { firstWeek[person] = week }
                    lastWeek[person] = week
                }
            }
        }
        distinctByWeek = Dictionary(uniqueKeysWithValues: distinctWeeks.sortedRuns())
        perWeek = personWeeks.indices.map { person in
            personWeeks[person].sort()
            var runs: [(week: ISOWeek, messages: Int)] = []
            personWeeks[person].forEachRun { runs.append(($0, $1)) }
            return runs
        }
    }
}
