import Foundation
import Synchronization

/// Where a report thread sits in the series index.
public struct SeriesLocation: Hashable, Sendable {
    public let series: Int
    public let version: Int
}

/// Every series of the archive, with the versions of each linked (rules in README.md).
public struct SeriesIndex: Sendable {
    /// Sorted by id.
    public let series: [Series]
    /// `locations[report][thread]`: by place, not hashed (12,000 threads at ten years).
    private let locations: [[SeriesLocation?]]

    public func location(of ref: ThreadRef) -> SeriesLocation? {
        guard locations.indices.contains(ref.report), locations[ref.report].indices.contains(ref.thread) else {
            return nil
        }
        return locations[ref.report][ref.thread]
    }

    /// The series of chains already linked: they are built on every core, so this is not for
    /// inside another parallel loop (see `ArchiveIndex`).
    init(reports: [WeeklyReport], table: MessageTable, linked: SeriesLinker.Linked) {
        let (occurrences, chains) = (linked.occurrences, linked.chains)
        var built = Parallel.map(
            chains.count,
            scratch: { SeriesLinker.Scratch(messages: table.distinctMessages, people: table.people.people.count) }
        ) { scratch, index in
            SeriesLinker.series(
                from: chains[index], occurrences: occurrences, reports: reports, table: table, scratch: &scratch)
        }
        SeriesLinker.assignIDs(&built)
        built.sort { $0.id < $1.id }
        var locations = reports.map { [SeriesLocation?](repeating: nil, count: $0.threads.count) }
        for (seriesIndex, series) in built.enumerated() {
            for (versionIndex, version) in series.versions.enumerated() {
                for ref in version.threads {
                    locations[ref.report][ref.thread] = SeriesLocation(series: seriesIndex, version: versionIndex)
                }
            }
        }
        self.series = built
        self.locations = locations
    }
}

/// The steps of linking, in order: occurrences → postings → chains → series.
enum SeriesLinker {
    /// One thread of one weekly report, with what linking needs to know.
    struct Occurrence {
        let ref: ThreadRef
        let subject: Subject
        let key: SeriesKey
        /// `key`'s number in the message table; nil when no message has that key.
        let keyID: Int?
        let author: Int?
        let firstDate: LocalDateTime
        let lastDate: LocalDateTime
        /// Messages about this thread's own subject (the cover and its replies), as distinct
        /// messages of the table, oldest first. Reports sometimes list another series' messages
        /// under a thread; those must not glue series together.
        let ownMessages: [Int]
        /// Part messages (`[PATCH v4 2/5] …`) the poster sent with it, as what finds their
        /// lone parts (not copies of their parsed subjects: there is one list per thread).
        let parts: [PartKey]
        let isPull: Bool
        /// The message table's number of the sender who posted it (whose person is `author`).
        let poster: Int?
        /// Whether `key` is the one the message table numbered for one of its messages' lines.
        let keyFromTable: Bool

        /// Whether every field is the same (what a kept thread is checked against).
        func isSame(as other: Occurrence) -> Bool {
            ref == other.ref && subject == other.subject && key == other.key && keyID == other.keyID
                && author == other.author && firstDate == other.firstDate && lastDate == other.lastDate
                && ownMessages == other.ownMessages && parts == other.parts && isPull == other.isPull
                && poster == other.poster && keyFromTable == other.keyFromTable
        }

        /// `[PATCH v7 4/5]` as a thread title: a part whose cover letter may be elsewhere.
        var isLonePart: Bool { (subject.part ?? 0) > 0 && (subject.total ?? 0) > 1 }
        var versionOrder: (Int, Int) { (subject.version, subject.minorVersion ?? 0) }
    }

    /// One posting of one version (a thread, its resends, its lone parts), possibly reported in several weeks.
    struct Posting {
        var members: [Int]
        let representative: Int
        let key: SeriesKey
        /// `key`'s number in the message table, when some message has that key.
        let keyID: Int?
        let version: Int
        let minorVersion: Int?
        let isRFC: Bool
        let author: Int?
        let firstDate: LocalDateTime
        let lastDate: LocalDateTime
        var link = VersionLink.first
    }

    /// Occurrences linked into chains of postings, retitled chains joined: each chain is one
    /// series, built later on every core.
    struct Linked: Sendable {
        let occurrences: [Occurrence]
        let chains: [[Posting]]
    }

    /// The steps that go one after another: postings, chains of one title, then chains joined
    /// across titles. `messages`: how many distinct messages the occurrences' own messages are
    /// numbered among.
    static func link(_ occurrences: [Occurrence], messages: Int) -> Linked {
        Linked(occurrences: occurrences, chains: linkRetitled(chains(postings(occurrences, messages: messages))))
    }

    static let resendWindowDays = 60
    static let chainGapDays = 365
    static let retitleWindowDays = 120
    static let retitleSimilarity = 0.5
    static let lonePartWindowDays = 21

    /// Every thread of every report, in report and thread order, each made on any core. Those
    /// of the reports a kept message table numbered are taken from what it kept
    /// (`KeptOccurrences`) when `table` extends it and groups their senders as it did.
    static func occurrences(reports: [WeeklyReport], table: MessageTable) -> [Occurrence] {
        // Made in their places: collected by report and flattened, 12,000 were copied on one core.
        let refs = reports.indices.flatMap { report in
            reports[report].threads.indices.map { ThreadRef(report: report, thread: $0) }
        }
        // One kept thread for each thread of the kept reports, or none taken.
        let kept = table.extended.flatMap { extended in
            extended.occurrences.flatMap { kept in
                kept.count == reports.prefix(extended.reports.count).reduce(0) { $0 + $1.threads.count }
                    && kept.groupsSendersAsKept(table) ? kept : nil
            }
        }
        let made = Parallel.map(refs.count, scratch: { OccurrenceScratch() }) { scratch, index in
            if let kept, index < kept.count,
                let occurrence = kept.occurrence(index, ref: refs[index], reports: reports, table: table)
            {
                return occurrence
            }
            return occurrence(at: refs[index], reports: reports, table: table, scratch: &scratch)
        }
        if kept != nil && KeptMessageTable.verifying {
            let described = Parallel.map(refs.count, scratch: { OccurrenceScratch() }) { scratch, index in
                occurrence(at: refs[index], reports: reports, table: table, scratch: &scratch)
            }
            precondition(
                made.indices.allSatisfy { made[$0].isSame(as: described[$0]) },
                "a kept thread is not the thread described again (a ListDigest bug)")
        }
        return made
    }

    /// The lists a thread is worked out in, kept by each core from one thread to the next:
    /// made anew for each of 12,000 threads, they were most of making them.
    struct OccurrenceScratch {
        var times: [LocalDateTime] = []
        var sorted: [Int] = []
        var own: [Int] = []
        var parts: [PartKey] = []
    }

    private static func occurrence(
        at ref: ThreadRef, reports: [WeeklyReport], table: MessageTable, scratch: inout OccurrenceScratch
    ) -> Occurrence {
        // Field by field, through the buffer: copying a thread out of the report retains every
        // text in it, and reading a field through the array's subscript still copied the thread.
        reports[ref.report].threads.withUnsafeBufferPointer {
            occurrence(at: ref, in: $0, reports: reports, table: table, scratch: &scratch)
        }
    }

    private static func occurrence(
        at ref: ThreadRef, in threads: UnsafeBufferPointer<ReportThread>, reports: [WeeklyReport],
        table: MessageTable, scratch: inout OccurrenceScratch
    ) -> Occurrence {
        let first = table.firstPosition(of: ref)
        let subject = threads[ref.thread].subject
        let numbered = Self.key(of: threads.baseAddress! + ref.thread, at: first, table: table)
        let (key, keyID) =
            numbered
            ?? {
                let key = SeriesKey(subject)
                return (key, table.keyID(key))
            }()
        // Messages by position in the thread, oldest first; their times are read once.
        var times = ScratchList.take(&scratch.times)
        var sorted = ScratchList.take(&scratch.sorted)
        var own = ScratchList.take(&scratch.own)
        defer {
            ScratchList.giveBack(&times, to: &scratch.times)
            ScratchList.giveBack(&sorted, to: &scratch.sorted)
            ScratchList.giveBack(&own, to: &scratch.own)
        }
        for message in threads[ref.thread].messages.indices {
            times.append(threads[ref.thread].messages[message].sentAt)
        }
        sorted.append(contentsOf: times.indices)
        sorted.sort { times[$0] < times[$1] }
        if keyID != nil {
            for index in sorted where table.keyID(at: first + index) == keyID { own.append(index) }
        }
        // Dated by its own messages, or by all when none is its own.
        let (earliest, latest) = (own.first ?? sorted.first, own.last ?? sorted.last)
        // The poster sent the thread's own subject, not as a reply; when the report lists
        // only replies, the poster is unknown (not the first replier).
        let root = own.first { !table.line(at: first + $0).isReply }
        let fallbackDate =
            threads[ref.thread].startedAt?.local
            ?? LocalDateTime(date: reports[ref.report].week.monday, hour: 0, minute: 0)!
        return Occurrence(
            ref: ref, subject: subject, key: key, keyID: keyID,
            author: root.flatMap { table.person(at: first + $0) },
            firstDate: earliest.map { times[$0] } ?? fallbackDate,
            lastDate: latest.map { times[$0] } ?? fallbackDate,
            ownMessages: own.map { table.identity(at: first + $0) },
            parts: partsSent(with: root, times: times, at: first, table: table, into: &scratch.parts),
            isPull: subject.isPull || namesPull(threads[ref.thread].category),
            poster: root.map { table.sender(at: first + $0) }, keyFromTable: numbered != nil)
    }

    /// The series key of a thread whose subject line is byte for byte the line one of its
    /// messages (its cover letter, nearly always) was numbered as, with its number: the message
    /// table made that line's key already, and reading it back is quicker than making it again.
    /// Nil for any other thread.
    private static func key(
        of thread: UnsafePointer<ReportThread>, at first: Int, table: MessageTable
    ) -> (key: SeriesKey, keyID: Int?)? {
        let line = thread.pointee.subjectLine
        guard
            let index = thread.pointee.messages.indices.first(where: {
                table.lineText(at: first + $0).hasSameBytes(as: line)
            })
        else { return nil }
        let keyID = table.keyID(at: first + index)
        return table.key(number: keyID).map { ($0, keyID) }
    }

    private static let pullLetters = Array("PULL".utf8)

    /// Whether the category names pull requests (`PULL` in any case). An ASCII name, as
    /// categories are, is searched in place: upper-casing it made a string for every thread.
    static func namesPull(_ category: String) -> Bool {
        var category = category
        let ascii = category.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let pull = pullLetters
            guard bytes.count >= pull.count else { return false }
            return (0...(bytes.count - pull.count)).contains { start in
                pull.indices.allSatisfy { bytes[start + $0] & 0xDF == pull[$0] }
            }
        }
        return ascii ?? (category.uppercased()[...].firstRange(ofASCII: "PULL") != nil)
    }

    /// The parts listed in a thread (whose messages start at `first` in the table and were sent
    /// at `times`) that its poster sent within a day of the cover letter (`root`, a position in
    /// the thread).
    private static func partsSent(
        with root: Int?, times: [LocalDateTime], at first: Int, table: MessageTable, into parts: inout [PartKey]
    ) -> [PartKey] {
        guard let root, let poster = table.person(at: first + root) else { return [] }
        let day = times[root].date.daysSinceEpoch
        // Who and when first: they rule out most messages without copying a parsed subject.
        // Gathered in a list kept from one thread to the next, then copied at their number:
        // grown one by one, a cover letter's parts were a growing list's every step.
        for index in times.indices {
            guard table.person(at: first + index) == poster, abs(times[index].date.daysSinceEpoch - day) <= 1
            else { continue }
            let line = table.line(at: first + index)
            guard (line.part ?? 0) > 0, !line.isReply else { continue }
            parts.append(PartKey(keyID: line.keyID, version: line.version, isRFC: line.isRFC, total: line.total))
        }
        defer { parts.removeAll(keepingCapacity: true) }
        return Array(parts[...])
    }

    /// A part of a series version, as a lone part and the cover letter naming it both know it.
    struct PartKey: Hashable {
        /// The series key's number in the message table.
        let keyID: Int
        let version: Int
        let isRFC: Bool
        let total: Int?
    }

    /// Groups occurrences that are one posting: the same thread reported again (they share
    /// messages), a resend of the same version, a lone part and its cover letter.
    static func postings(_ occurrences: [Occurrence], messages: Int) -> [Posting] {
        // What finds lone parts' covers is gathered on one core while the other groups the rest.
        let (grouped, covers) = Parallel.both(
            { groupedExceptLoneParts(occurrences, messages: messages) }, { LonePartCovers(occurrences) })
        var groups = grouped
        attachLoneParts(occurrences, covers: covers, groups: &groups)

        // Occurrences are in report and thread order, so each posting's members come sorted.
        var members = [[Int]](repeating: [], count: occurrences.count)
        for index in occurrences.indices { members[groups.find(index)].append(index) }
        let postings = members.filter { !$0.isEmpty }
        // Each posting made on every core.
        return Parallel.map(postings.count) { position in
            let indices = postings[position]
            // Looked over in place (lazily): filtered and mapped into lists, each posting made
            // three short-lived lists.
            let representative =
                indices.lazy.filter { !occurrences[$0].isLonePart }.min {
                    occurrences[$0].firstDate < occurrences[$1].firstDate
                }
                ?? indices.min { occurrences[$0].firstDate < occurrences[$1].firstDate }!
            // Its fields read in place: a copy of the occurrence, or of its subject, retains
            // every text in it.
            return Posting(
                members: indices, representative: representative,
                key: occurrences[representative].key, keyID: occurrences[representative].keyID,
                version: occurrences[representative].subject.version,
                minorVersion: occurrences[representative].subject.minorVersion,
                isRFC: occurrences[representative].subject.isRFC,
                author: occurrences[representative].author ?? indices.lazy.compactMap { occurrences[$0].author }.first,
                firstDate: indices.lazy.map { occurrences[$0].firstDate }.min()!,
                lastDate: indices.lazy.map { occurrences[$0].lastDate }.max()!)
        }.sorted { a, b in
            // As the tuples (first date, key, representative's ref) compare, without copying keys.
            if a.firstDate != b.firstDate { return a.firstDate < b.firstDate }
            if a.key != b.key { return a.key < b.key }
            return occurrences[a.representative].ref < occurrences[b.representative].ref
        }
    }

    /// Occurrences grouped by the messages they share and as resends; lone parts are left alone.
    private static func groupedExceptLoneParts(_ occurrences: [Occurrence], messages: Int) -> UnionFind {
        var groups = UnionFind(count: occurrences.count)
        // Occurrences are read by index, field by field: a copy of one retains every text in it.
        func sameVersion(_ a: Int, _ b: Int) -> Bool {
            occurrences[a].subject.isRFC == occurrences[b].subject.isRFC
                && occurrences[a].versionOrder == occurrences[b].versionOrder
        }
        // Shared messages: the same thread, reported again.
        // By distinct message, the first occurrence listing it.
        var occurrenceOfMessage = [Int](repeating: -1, count: messages)
        for index in occurrences.indices {
            for message in occurrences[index].ownMessages {
                let other = occurrenceOfMessage[message]
                if other < 0 {
                    occurrenceOfMessage[message] = index
                } else if sameVersion(other, index) {
                    groups.union(other, index)
                }
            }
        }
        // Resends, and the same posting reported with only its replies: same title, version and
        // patch count, from the same author (or an unknown one), within a few weeks.
        var byVersion: [PostingKey: [Int]] = [:]
        byVersion.reserveCapacity(occurrences.count)
        for index in occurrences.indices where !occurrences[index].isLonePart {
            byVersion[PostingKey(occurrences[index]), default: []].append(index)
        }
        // In the order of their first occurrence: a group's unions can join another's members
        // (through messages they share), so the order must not be the dictionary's, which
        // changes from one run to the next.
        for indices in byVersion.values.sorted(by: { $0[0] < $1[0] }) {
            let byDate = indices.sorted { occurrences[$0].firstDate < occurrences[$1].firstDate }
            for (position, b) in byDate.enumerated() {
                // A numbered subject is one thread however late its replies come; a bare
                // `[PATCH] title` or pull title may be reused for new work after a while.
                let numbered = occurrences[b].subject.versionWasWritten || occurrences[b].subject.total != nil
                let window = numbered ? chainGapDays : resendWindowDays
                let (firstDate, author) = (occurrences[b].firstDate, occurrences[b].author)
                // Joined when every earlier posting within the window is in one group.
                let earlier = byDate[..<position].lazy.filter { a in
                    days(occurrences[a].lastDate, firstDate) <= window
                        && (occurrences[a].author == nil || author == nil || occurrences[a].author == author)
                }
                if let group = groups.onlyGroup(of: earlier) { groups.union(group, b) }
            }
        }
        return groups
    }

    /// What finds a lone part's cover letter: the covers naming each part, and the covers by
    /// author, version and part count.
    struct LonePartCovers: Sendable {
        struct CoverKey: Hashable {
            let author: Int
            let version: Int
            let isRFC: Bool
            let total: Int?
        }

        var namingPart: [PartKey: [Int]] = [:]
        var byAuthor: [CoverKey: [Int]] = [:]

        init(_ occurrences: [Occurrence]) {
            // Only what some lone part looks up is gathered: the lone parts' keys and authors,
            // marked by number. Lone parts are few; the parts covers name are many (each patch
            // of each cover letter), and hashing every one into the tables was most of the work.
            let loneParts = occurrences.indices.filter { occurrences[$0].isLonePart }
            var lookedUpKeys = NumberMarks()
            var lookingAuthors = NumberMarks()
            for index in loneParts {
                if let keyID = occurrences[index].keyID { lookedUpKeys.mark(keyID) }
                if let author = occurrences[index].author { lookingAuthors.mark(author) }
            }
            // A cover naming the same part twice is listed once; the order of the covers does
            // not matter to `onlyGroup`.
            namingPart.reserveCapacity(loneParts.count)
            for index in occurrences.indices where !occurrences[index].isLonePart {
                for part in occurrences[index].parts
                where lookedUpKeys.contains(part.keyID) && namingPart[part]?.last != index {
                    namingPart[part, default: []].append(index)
                }
                guard let author = occurrences[index].author, lookingAuthors.contains(author) else { continue }
                // The subject's fields read in place: a copy of it retains its texts.
                byAuthor[
                    CoverKey(
                        author: author, version: occurrences[index].subject.version,
                        isRFC: occurrences[index].subject.isRFC, total: occurrences[index].subject.total),
                    default: []
                ]
                .append(index)
            }
        }
    }

    /// A lone part joins the posting whose message list names it; failing that, the one
    /// cover letter from the same author with the same version and part count, weeks apart at most.
    private static func attachLoneParts(_ occurrences: [Occurrence], covers: LonePartCovers, groups: inout UnionFind) {
        for index in occurrences.indices where occurrences[index].isLonePart {
            // The subject's fields read in place: a copy of it retains its texts.
            let (keyID, version) = (occurrences[index].keyID, occurrences[index].subject.version)
            let (isRFC, total) = (occurrences[index].subject.isRFC, occurrences[index].subject.total)
            // A key no message has (no ID) is no part's key either.
            let naming = keyID.flatMap { keyID in
                covers.namingPart[PartKey(keyID: keyID, version: version, isRFC: isRFC, total: total)]
            }
            var group: Int?
            if let naming, !naming.isEmpty {
                group = groups.onlyGroup(of: naming)
            } else if let author = occurrences[index].author {
                let coverKey = LonePartCovers.CoverKey(author: author, version: version, isRFC: isRFC, total: total)
                let firstDate = occurrences[index].firstDate
                group = groups.onlyGroup(
                    of: (covers.byAuthor[coverKey] ?? []).lazy.filter {
                        abs(days(occurrences[$0].firstDate, firstDate)) <= lonePartWindowDays
                    })
            }
            if let group { groups.union(group, index) }
        }
    }

    /// Links postings of one title into chains of rising versions; a posting whose predecessor is
    /// ambiguous starts its own chain. `linkRetitled` then joins chains across titles.
    static func chains(_ postings: [Posting]) -> [[Posting]] {
        // Chains are positions in `postings` while they grow, each posting read in place: a copy
        // of one retains every text in it.
        var chains: [[Int]] = []
        var chainsOfKey: [NumberedKey: [Int]] = [:]
        for next in postings.indices {
            let key = NumberedKey(postings[next].key, number: postings[next].keyID)
            let author = postings[next].author
            // A known author's own chain wins over chains whose poster is unknown; then the chain
            // that got furthest. Two chains that got equally far are ambiguous: link neither.
            // Both pools' furthest chains are found in one pass, without a list of either.
            var any = Furthest()
            var own = Furthest()
            for chain in chainsOfKey[key] ?? [] {
                let last = chains[chain].last!
                guard canFollow(postings[last], with: postings[next]) else { continue }
                let order = versionOrder(postings[last])
                any.consider(chain, order: order)
                if author != nil && postings[last].author == author { own.consider(chain, order: order) }
            }
            let pool = own.count > 0 ? own : any
            if pool.count == 1 {
                chains[pool.chain].append(next)
            } else {
                chainsOfKey[key, default: []].append(chains.count)
                chains.append([next])
            }
        }
        return chains.map { chain in
            chain.indices.map { position in
                var posting = postings[chain[position]]
                if position > 0 { posting.link = .sameTitle }
                return posting
            }
        }
    }

    /// The chain that got furthest among those considered, and how many got as far.
    private struct Furthest {
        var order = Int.min
        var chain = -1
        var count = 0

        mutating func consider(_ chain: Int, order: Int) {
            if order > self.order {
                (self.order, self.chain, count) = (order, chain, 1)
            } else if order == self.order {
                count += 1
            }
        }
    }

    /// RFCs before patches, then by version number.
    static func versionOrder(_ posting: Posting) -> Int {
        (posting.isRFC ? 0 : 1_000_000_000) + posting.version * 1000 + min(posting.minorVersion ?? 0, 999)
    }

    static func canFollow(_ previous: Posting, with next: Posting) -> Bool {
        guard previous.author == nil || next.author == nil || previous.author == next.author,
            next.firstDate >= previous.firstDate, days(previous.lastDate, next.firstDate) <= chainGapDays
        else { return false }
        if previous.isRFC && !next.isRFC { return true }
        guard previous.isRFC == next.isRFC else { return false }
        return (next.version, next.minorVersion ?? 0) > (previous.version, previous.minorVersion ?? 0)
    }

    /// Joins a chain starting at v≥2 to the one chain it most likely continues under another title.
    static func linkRetitled(_ chains: [[Posting]]) -> [[Posting]] {
        // By author, the chains they ended, by the day their last posting began: a chain can
        // only continue one that ended in the window before it began.
        var chainsEndingWithAuthor: [Int: [(day: Int, chain: Int)]] = [:]
        for (index, chain) in chains.enumerated() {
            if let author = chain.last!.author {
                chainsEndingWithAuthor[author, default: []].append((chain.last!.firstDate.date.daysSinceEpoch, index))
            }
        }
        for author in chainsEndingWithAuthor.keys { chainsEndingWithAuthor[author]!.sort { $0 < $1 } }
        // Each chain's candidates by every test but its topic's, on every core; then the topic
        // words of the chains those tests let through, each chain's once, on every core; then
        // the topics compared.
        let byAuthor = chainsEndingWithAuthor
        let candidates = Parallel.map(chains.count) { successor -> [Int] in
            let first = chains[successor][0]
            // Only a v2+ or a first non-RFC posting can continue something.
            guard first.version >= 2 || !first.isRFC, let firstAuthor = first.author else { return [] }
            let ended = byAuthor[firstAuthor] ?? []
            let day = first.firstDate.date.daysSinceEpoch
            let window = ended[ended.partitioningIndex { $0.day >= day - retitleWindowDays }...]
                .prefix { $0.day <= day }.map(\.chain)
            return window.filter { predecessor in
                let last = chains[predecessor].last!
                guard predecessor != successor, last.key != first.key, last.key.identityTags == first.key.identityTags,
                    let author = last.author, author == first.author, last.firstDate < first.firstDate,
                    days(last.firstDate, first.firstDate) <= retitleWindowDays
                else { return false }
                return (last.isRFC && !first.isRFC)
                    || (last.isRFC == first.isRFC && last.version < first.version && first.version - last.version <= 2)
            }
        }
        var needsFirstTopics = [Bool](repeating: false, count: chains.count)
        var needsLastTopics = [Bool](repeating: false, count: chains.count)
        for successor in chains.indices where !candidates[successor].isEmpty {
            needsFirstTopics[successor] = true
            for predecessor in candidates[successor] { needsLastTopics[predecessor] = true }
        }
        let needed = chains.indices.filter { needsFirstTopics[$0] || needsLastTopics[$0] }
        let topics = Parallel.map(needed.count) { [needsFirstTopics, needsLastTopics] index in
            let chain = needed[index]
            return (
                first: needsFirstTopics[chain] ? chains[chain][0].key.topicWords : nil,
                last: needsLastTopics[chain] ? chains[chain].last!.key.topicWords : nil
            )
        }
        var firstTopics = [[UInt64]?](repeating: nil, count: chains.count)
        var lastTopics = [[UInt64]?](repeating: nil, count: chains.count)
        for (index, chain) in needed.enumerated() { (firstTopics[chain], lastTopics[chain]) = topics[index] }
        var proposals: [Int: [Int]] = [:]
        for successor in chains.indices where !candidates[successor].isEmpty {
            let similar = candidates[successor].filter {
                SeriesKey.similarity(lastTopics[$0]!, firstTopics[successor]!) >= retitleSimilarity
            }
            if similar.count == 1 {
                proposals[similar[0], default: []].append(successor)
            }
        }
        var next: [Int: Int] = [:]
        for (predecessor, successors) in proposals where successors.count == 1 { next[predecessor] = successors[0] }
        let hasPredecessor = Set(next.values)
        var result: [[Posting]] = []
        for start in chains.indices where !hasPredecessor.contains(start) {
            var merged = chains[start]
            var current = start
            while let following = next[current] {
                var continued = chains[following]
                continued[0].link = .retitled
                merged += continued
                current = following
            }
            result.append(merged)
        }
        return result
    }

    /// What building a series marks for each distinct message and counts for each person, kept
    /// by each core from one series to the next and left cleared: a set and tables made and
    /// hashed into for each of 12,000 series were a third of building them. With the lists a
    /// series is worked out in, left empty with their room kept: made anew for each series, they
    /// were a tenth of an added week's allocations.
    struct Scratch {
        /// By distinct message: taken by the series being built.
        var taken: [Bool]
        /// By person: their messages in the series being built.
        var messages: [Int32]
        var keys: [Int] = []
        var takenMessages: [Int] = []
        var picked: [(ref: ThreadRef, index: Int)] = []
        var senders: [Int?] = []
        var sortKeys: [(sentAt: LocalDateTime, line: Int)] = []
        var order: [Int] = []
        var weeks: [ISOWeek] = []
        var years: [YearKey] = []
        var participants: [Int] = []

        init(messages: Int, people: Int) {
            taken = [Bool](repeating: false, count: messages)
            self.messages = [Int32](repeating: 0, count: people)
        }
    }

    static func series(
        from chain: [Posting], occurrences: [Occurrence], reports: [WeeklyReport], table: MessageTable,
        scratch: inout Scratch
    ) -> Series {
        var keys = ScratchList.take(&scratch.keys)
        var takenMessages = ScratchList.take(&scratch.takenMessages)
        var picked = ScratchList.take(&scratch.picked)
        var senders = ScratchList.take(&scratch.senders)
        var sortKeys = ScratchList.take(&scratch.sortKeys)
        var order = ScratchList.take(&scratch.order)
        var weeks = ScratchList.take(&scratch.weeks)
        var years = ScratchList.take(&scratch.years)
        var participants = ScratchList.take(&scratch.participants)
        defer {
            ScratchList.giveBack(&keys, to: &scratch.keys)
            ScratchList.giveBack(&takenMessages, to: &scratch.takenMessages)
            ScratchList.giveBack(&picked, to: &scratch.picked)
            ScratchList.giveBack(&senders, to: &scratch.senders)
            ScratchList.giveBack(&sortKeys, to: &scratch.sortKeys)
            ScratchList.giveBack(&order, to: &scratch.order)
            ScratchList.giveBack(&weeks, to: &scratch.weeks)
            ScratchList.giveBack(&years, to: &scratch.years)
            ScratchList.giveBack(&participants, to: &scratch.participants)
        }
        // A thread's list may hold another series' messages: keep those about this series'
        // own subjects and the parts its posters sent. A handful of numbers, sorted: halving
        // them is quicker than hashing for every message.
        for posting in chain {
            for member in posting.members {
                if let keyID = occurrences[member].keyID { keys.append(keyID) }
                for part in occurrences[member].parts { keys.append(part.keyID) }
            }
        }
        keys.sort()
        keys.removeAdjacentDuplicates()
        var versions: [SeriesVersion] = []
        versions.reserveCapacity(chain.count)
        for (position, posting) in chain.enumerated() {
            var refs = posting.members.map { occurrences[$0].ref }
            refs.sort()
            // At most one of each for each thread: made once at that size, not grown.
            var subjects: [String] = []
            var versionWeeks: [ISOWeek] = []
            subjects.reserveCapacity(refs.count)
            versionWeeks.reserveCapacity(refs.count)
            for ref in refs {
                // Read in place: copying a thread or a message out of the reports retains every text in it.
                let subjectLine = reports[ref.report].threads[ref.thread].subjectLine
                if !subjects.contains(subjectLine) { subjects.append(subjectLine) }
                if versionWeeks.last != reports[ref.report].week { versionWeeks.append(reports[ref.report].week) }
                let first = table.firstPosition(of: ref)
                for index in reports[ref.report].threads[ref.thread].messages.indices
                where keys.containsSorted(table.keyID(at: first + index))
                    && !scratch.taken[table.identity(at: first + index)]
                {
                    let identity = table.identity(at: first + index)
                    scratch.taken[identity] = true
                    takenMessages.append(identity)
                    let person = table.person(at: first + index)
                    let sentAt = reports[ref.report].threads[ref.thread].messages[index].sentAt
                    picked.append((ref, index))
                    senders.append(person)
                    sortKeys.append((sentAt, reports[ref.report].threads[ref.thread].messages[index].line))
                    if let person {
                        if scratch.messages[person] == 0 { participants.append(person) }
                        scratch.messages[person] += 1
                        years.append(YearKey(person: person, year: ISOWeek.year(containing: sentAt.date)))
                    }
                }
            }
            weeks += versionWeeks
            versions.append(
                SeriesVersion(
                    version: posting.version, minorVersion: posting.minorVersion, isRFC: posting.isRFC,
                    subjects: subjects,
                    threads: refs, weeks: versionWeeks, firstDate: posting.firstDate, lastDate: posting.lastDate,
                    author: posting.author, superseded: position < chain.count - 1, link: posting.link))
        }
        let latest = occurrences[chain[chain.count - 1].representative]
        // Most messages first, then by person; the scratch is cleared for the next series.
        participants.sort { (scratch.messages[$1], $0) < (scratch.messages[$0], $1) }
        let participantMessages = participants.map { Int(scratch.messages[$0]) }
        for person in participants { scratch.messages[person] = 0 }
        for identity in takenMessages { scratch.taken[identity] = false }
        weeks.sort()
        weeks.removeAdjacentDuplicates()
        years.sort()
        // Counted first, so that the list is made at its size.
        var shareCount = 0
        years.forEachRun { _, _ in shareCount += 1 }
        var shares: [YearShare] = []
        shares.reserveCapacity(shareCount)
        years.forEachRun { shares.append(YearShare(person: $0.person, year: $0.year, messages: $1)) }
        // Copies of the exact size (`[...]`): the lists stay with the scratch, with their room.
        // Sorted as positions: sorting pairs of a message and its sender copied them through generic code.
        order.append(contentsOf: sortKeys.indices)
        order.sort { sortKeys[$0] < sortKeys[$1] }
        return Series(
            id: "",
            title: latest.subject.title.isEmpty
                ? reports[latest.ref.report].threads[latest.ref.thread].subjectLine : latest.subject.title,
            key: chain[0].key, isPull: latest.isPull, versions: versions, weeks: Array(weeks[...]),
            messages: order.map { MessageRef(thread: picked[$0].ref, index: picked[$0].index) },
            senders: order.map { senders[$0] },
            participants: Array(participants[...]),
            participantMessages: participantMessages, participantYears: shares)
    }

    /// Sorted by person, then year.
    struct YearKey: Comparable {
        let person: Int
        let year: Int

        static func < (lhs: YearKey, rhs: YearKey) -> Bool { (lhs.person, lhs.year) < (rhs.person, rhs.year) }
    }

    /// Slugs from the first version's title (with its tree tag), so they do not move when weeks are
    /// added; on a clash the series seen first keeps the plain slug, the others add their first week.
    static func assignIDs(_ series: inout [Series]) {
        let firstDates = series.map { $0.versions[0].firstDate }
        // Each series' plain slug on every core, while one puts the series in order; only
        // handing the slugs out goes in order. The others are made only on a clash.
        let (bases, order) = Parallel.map(series.count, { [series] in baseID(series[$0].key) }) { [series] in
            // As the tuples (first date, key) compare; the keys, copied to be compared, only on a tie.
            series.indices.sorted { a, b in
                firstDates[a] != firstDates[b] ? firstDates[a] < firstDates[b] : series[a].key < series[b].key
            }
        }
        var used = Set<String>(minimumCapacity: series.count)
        for index in order {
            var id = bases[index]
            // Looked up and taken in one step: nearly every plain slug is free.
            if !used.insert(id).inserted {
                let others = idCandidates(series[index], base: id)
                id = others.first { !used.contains($0) } ?? others[1]
                while used.contains(id) { id += "-x" }
                used.insert(id)
            }
            series[index].id = id
        }
    }

    /// The slug of the first version's title, with its tree tag.
    /// (Given the key alone: handed a whole series, each was copied, retaining every list in it.)
    private static func baseID(_ key: SeriesKey) -> String {
        // Without tags, the title alone: a slug never starts with the dash a leading space would
        // stand for, so it is the same slug, without two strings made to get there.
        guard !key.identityTags.isEmpty else {
            return Slug.make(key.title, fallback: "series", maximumLength: 72)
        }
        let tags = key.identityTags.joined(separator: " ")
        return Slug.make(tags + " " + key.title, fallback: "series", maximumLength: 72)
    }

    /// Its slug on a clash: with its first week, then with a hash of its subjects too.
    private static func idCandidates(_ series: Series, base: String) -> [String] {
        let first = series.versions[0]
        let withWeek = base + "-" + (first.weeks.first?.id.lowercased() ?? "")
        return [withWeek, withWeek + "-" + stableHash(first.subjects.joined(separator: "\n")).prefix(6)]
    }

    /// Whole days from `a` to `b` (negative when `b` is earlier).
    static func days(_ a: LocalDateTime, _ b: LocalDateTime) -> Int {
        b.date.daysSinceEpoch - a.date.daysSinceEpoch
    }
}

/// Same title, version, flags and patch count: what a resend repeats.
private struct PostingKey: Hashable {
    let key: NumberedKey
    let version: Int
    let minorVersion: Int?
    let isRFC: Bool
    let total: Int?

    init(_ occurrence: SeriesLinker.Occurrence) {
        key = NumberedKey(occurrence.key, number: occurrence.keyID)
        version = occurrence.subject.version
        minorVersion = occurrence.subject.minorVersion
        isRFC = occurrence.subject.isRFC
        total = occurrence.subject.total
    }
}

/// A series key with its number in the message table when it has one (some message has that
/// key): hashed and compared as that number, not as its texts. Keys told apart by number are
/// different keys, and a key without one is no numbered key.
private struct NumberedKey: Hashable {
    let key: SeriesKey
    let number: Int?

    init(_ key: SeriesKey, number: Int?) {
        self.key = key
        self.number = number
    }

    func hash(into hasher: inout Hasher) {
        if let number { hasher.combine(number) } else { hasher.combine(key) }
    }

    static func == (lhs: NumberedKey, rhs: NumberedKey) -> Bool {
        lhs.number == rhs.number && (lhs.number != nil || lhs.key == rhs.key)
    }
}
