/// The archive week by week, for trend charts: one entry per ISO week from the first report's
/// week to the last report's, weeks without a report or without a message included as zeros.
public struct ArchiveTrends: Sendable {
    /// The category series that gathers the reports' own `Other` and every category past the
    /// five most frequent.
    public static let otherCategory = "Other"
    public static let namedCategoryLimit = 5

    /// Consecutive weeks, oldest first; empty for an archive without reports.
    public let weeks: [ISOWeek]
    /// Distinct messages sent in each week, by their own date: a message listed in several
    /// weekly reports counts once, in the week it was sent.
    public let messages: [Int]
    /// Threads each week's report lists (0 for a week without a report).
    public let threads: [Int]
    /// The category series in a fixed order: the five categories with the most threads over the
    /// whole archive (ties A–Z), then `Other` when any thread is left.
    public let categories: [String]
    /// `categoryThreads[week][series]`: threads of the week's report in each of `categories`.
    public let categoryThreads: [[Int]]
    /// People, bots excluded, who sent a message in each week.
    public let contributors: [Int]
    /// Of `contributors`, those whose first message in the archive was sent that week.
    public let firstTimeContributors: [Int]
    /// Distinct messages sent before the first week (history listed by the first reports) or
    /// after the last; they are in no weekly count.
    public let messagesOutside: Int

    public init(_ index: ArchiveIndex) {
        let reportWeeks = index.reports.map(\.week)
        guard let first = reportWeeks.min(), let last = reportWeeks.max() else {
            weeks = []
            messages = []
            threads = []
            categories = []
            categoryThreads = []
            contributors = []
            firstTimeContributors = []
            messagesOutside = 0
            return
        }
        let weeks = Self.consecutive(from: first, to: last)
        var position: [ISOWeek: Int] = [:]
        for (i, week) in weeks.enumerated() { position[week] = i }
        self.weeks = weeks

        var messages = [Int](repeating: 0, count: weeks.count)
        var outside = 0
        for (week, count) in index.distinctMessagesByWeek {
            if let i = position[week] {
                messages[i] += count
            } else {
                outside += count
            }
        }
        self.messages = messages
        messagesOutside = outside

        let categories = Self.categorySeries(index.reports)
        let seriesOf = Dictionary(uniqueKeysWithValues: categories.named.enumerated().map { ($1, $0) })
        var threads = [Int](repeating: 0, count: weeks.count)
        var categoryThreads = [[Int]](
            repeating: [Int](repeating: 0, count: categories.all.count), count: weeks.count)
        // By index: copying a report or a thread out of the reports retains every text in it.
        let reports = index.reports
        for report in reports.indices {
            guard let i = position[reports[report].week] else { continue }
            threads[i] += reports[report].threads.count
            for thread in reports[report].threads.indices {
                categoryThreads[i][seriesOf[reports[report].threads[thread].category] ?? categories.named.count] += 1
            }
        }
        self.threads = threads
        self.categories = categories.all
        self.categoryThreads = categoryThreads

        var contributors = [Int](repeating: 0, count: weeks.count)
        var firstTime = [Int](repeating: 0, count: weeks.count)
        for (person, activity) in index.activity.enumerated() {
            guard let activity, !index.people.people[person].isBot else { continue }
            for (week, _) in activity.messagesPerWeek {
                if let i = position[week] { contributors[i] += 1 }
            }
            if let firstWeek = activity.messagesPerWeek.first?.week, let i = position[firstWeek] {
                firstTime[i] += 1
            }
        }
        self.contributors = contributors
        firstTimeContributors = firstTime
    }

    /// The ISO years the weeks fall in, oldest first.
    public var years: [Int] {
        var years: [Int] = []
        for week in weeks where years.last != week.year { years.append(week.year) }
        return years
    }

    /// Positions in `weeks` of the weeks of `year`.
    public func positions(ofYear year: Int) -> Range<Int> {
        let start = weeks.firstIndex { $0.year >= year } ?? weeks.count
        let end = weeks.firstIndex { $0.year > year } ?? weeks.count
        return start..<max(start, end)
    }

    /// Every week from `first` to `last`, both included.
    public static func consecutive(from first: ISOWeek, to last: ISOWeek) -> [ISOWeek] {
        var weeks: [ISOWeek] = []
        var week = first
        while week <= last {
            weeks.append(week)
            week = week.next
        }
        return weeks
    }

    /// The named categories (the most threads first, `Other` never among them) and the full
    /// series list, `Other` last when anything is folded into it.
    static func categorySeries(_ reports: [WeeklyReport]) -> (named: [String], all: [String]) {
        var counts: [String: Int] = [:]
        for report in reports.indices {
            for thread in reports[report].threads.indices {
                counts[reports[report].threads[thread].category, default: 0] += 1
            }
        }
        let ranked = counts.filter { $0.key != otherCategory }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let named = ranked.prefix(namedCategoryLimit).map(\.key)
        let folded = counts.count > named.count
        return (named, named + (folded ? [otherCategory] : []))
    }
}

/// What one series did within a stretch of weeks, for the longest-running and busiest rankings.
public struct SeriesTrend: Sendable, Hashable {
    /// Index in `SeriesIndex.series`.
    public let series: Int
    /// Weeks of the stretch whose reports discussed it.
    public let weeks: [ISOWeek]
    /// Its distinct messages sent in the stretch.
    public let messages: Int
    /// Positions in `Series.versions` of the first and last version discussed in the stretch.
    public let firstVersion: Int
    public let lastVersion: Int

    /// Every series discussed in `weeks` (all weeks when nil), in `SeriesIndex` order. Without a
    /// stretch every message of the series counts, history before the first report included.
    /// `among`: the only series that may be, in `SeriesIndex` order (`discussedByYear`), when known.
    public static func all(
        _ index: ArchiveIndex, weeks range: ClosedRange<ISOWeek>? = nil, among candidates: [Int]? = nil
    ) -> [SeriesTrend] {
        // Read in place: this runs for the whole archive and for every year.
        let all = index.series.series
        // ISO weeks run from Monday: a message is sent in the stretch when it is sent from its
        // first Monday to before the Monday after it (compared as times, not worked out as weeks).
        let sentIn = range.map { range in
            LocalDateTime(date: range.lowerBound.monday, hour: 0, minute: 0)!..<LocalDateTime(
                date: range.upperBound.monday.adding(days: 7), hour: 0, minute: 0)!
        }
        return (candidates ?? Array(all.indices)).compactMap { position in
            // A series' weeks are sorted: those of the stretch are found by halving, and a
            // series outside it (most, for a year) costs nothing more.
            let seriesWeeks = all[position].weeks
            var weeks = seriesWeeks[...]
            if let range {
                let start = seriesWeeks.partitioningIndex { $0 >= range.lowerBound }
                weeks = seriesWeeks[start..<seriesWeeks.partitioningIndex { $0 > range.upperBound }]
            }
            guard !weeks.isEmpty else { return nil }
            func discussed(_ version: Int) -> Bool {
                all[position].versions[version].weeks.contains { range?.contains($0) ?? true }
            }
            let versions = all[position].versions.indices
            // A series' messages are sorted by the time they were sent: those of the stretch are
            // found by halving too, not by reading every message's time.
            let messages =
                sentIn.map { sentIn in
                    let sent = all[position].messages
                    return sent.partitioningIndex { index.sentAt($0) >= sentIn.upperBound }
                        - sent.partitioningIndex { index.sentAt($0) >= sentIn.lowerBound }
                }
                ?? all[position].messages.count
            return SeriesTrend(
                series: position, weeks: Array(weeks), messages: messages,
                firstVersion: versions.first(where: discussed) ?? 0, lastVersion: versions.last(where: discussed) ?? 0)
        }
    }

    /// The series discussed in each ISO week-year, each year's in `SeriesIndex` order: a year's
    /// stretch then looks at its own series, not at every series of the archive.
    public static func discussedByYear(_ index: ArchiveIndex) -> [Int: [Int]] {
        var byYear: [Int: [Int]] = [:]
        // By position, each series' weeks read in place: enumerating the series copied each.
        let all = index.series.series
        for position in all.indices {
            // Its weeks are sorted: each year once.
            var last: Int?
            for week in all[position].weeks where week.year != last {
                byYear[week.year, default: []].append(position)
                last = week.year
            }
        }
        return byYear
    }

    /// Most weeks first, then most versions, most messages, id.
    /// Ids are read in place: only the leaders are compared by them.
    public static func longestRunning(_ trends: [SeriesTrend], in index: ArchiveIndex, limit: Int) -> [SeriesTrend] {
        let all = index.series.series
        return trends.smallest(limit) { a, b in
            let (countsOfA, countsOfB) = (
                (a.weeks.count, a.versionCount, a.messages), (b.weeks.count, b.versionCount, b.messages)
            )
            return countsOfA != countsOfB ? countsOfB < countsOfA : all[a.series].id < all[b.series].id
        }
    }

    /// Most messages first, then id; series without a message in the stretch are left out.
    public static func busiest(_ trends: [SeriesTrend], in index: ArchiveIndex, limit: Int) -> [SeriesTrend] {
        let all = index.series.series
        return trends.lazy.filter { $0.messages > 0 }.smallest(limit) { a, b in
            a.messages != b.messages ? b.messages < a.messages : all[a.series].id < all[b.series].id
        }
    }

    /// Versions from the first to the last discussed, those between included.
    public var versionCount: Int { lastVersion - firstVersion + 1 }
}
