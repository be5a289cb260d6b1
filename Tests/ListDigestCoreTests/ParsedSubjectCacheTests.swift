import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

/// Subject lines parsed once are kept between builds; a line comes back from the cache only as
/// exactly what parsing it gives, and linking with the cache links as without it.
@Suite(.enabled(if: Corpus.isPresent, "the corpus folder ../shared/corpus/kvm-ai-robot is absent"))
struct ParsedSubjectCacheTests {
    static let program = "listdigest test 1"
    let folder: TemporaryFolder
    let file: String

    init() throws {
        folder = try TemporaryFolder()
        file = folder.path + "/subjects"
    }

    static func corpusReports() async throws -> [WeeklyReport] {
        try await ArchiveLoader.load(folder: Corpus.folder).reports
    }

    /// Every distinct subject line of `reports`, in the order first listed (the table's order).
    static func distinctLines(_ reports: [WeeklyReport]) -> [String] {
        var seen = Set<String>()
        return reports.flatMap { $0.threads.flatMap { $0.messages.map(\.subjectLine) } }.filter {
            seen.insert($0).inserted
        }
    }

    /// Links `reports` with the cache at `file`, keeps what it parsed anew, and hands back the
    /// linked archive and what was kept.
    func link(_ reports: [WeeklyReport]) throws -> (index: ArchiveIndex, kept: ParsedSubjectCache.Update) {
        let index = ArchiveIndex(
            reports: reports, mailmap: .empty, parsedSubjects: .load(from: file, program: Self.program))
        try ParsedSubjectCache.keep(
            index.subjectsToKeep, file: file, temporary: file + ".building", program: Self.program)
        return (index, index.subjectsToKeep)
    }

    func size() throws -> Int { try FileManager.default.attributesOfItem(atPath: file)[.size] as! Int }

    @Test func everyKeptLineComesBackAsParsingItGives() async throws {
        defer { folder.remove() }
        let reports = try await Self.corpusReports()
        let (_, kept) = try link(reports)
        let lines = Self.distinctLines(reports)
        #expect(kept.appendingTo == nil && kept.entries.count == lines.count && lines.count > 1000)
        let cache = ParsedSubjectCache.load(from: file, program: Self.program)
        #expect(cache.count == lines.count)
        for (index, line) in lines.enumerated() {
            let parsed = try #require(cache.parsed(at: index, line: line), "\(line)")
            let subject = Subject(parsing: line)
            #expect(parsed.subject == subject, "\(line)")
            #expect(parsed.key == SeriesKey(subject), "\(line)")
            // Only the line kept at that place is taken.
            #expect(cache.parsed(at: index, line: line + " ") == nil)
        }
        #expect(cache.parsed(at: lines.count, line: lines[0]) == nil)
    }

    @Test func anAddedWeekAppendsOnlyItsNewLinesAndLinksAsWithoutTheCache() async throws {
        defer { folder.remove() }
        let reports = try await Self.corpusReports()
        let before = Array(reports.dropLast())
        _ = try link(before)
        let sizeBefore = try size()
        let (index, kept) = try link(reports)
        let new = Self.distinctLines(reports).count - Self.distinctLines(before).count
        #expect(new > 0)
        #expect(kept.appendingTo == sizeBefore && kept.entries.count == new)
        #expect(try size() > sizeBefore)
        #expect(ParsedSubjectCache.load(from: file, program: Self.program).count == Self.distinctLines(reports).count)
        let uncached = ArchiveIndex(reports: reports)
        #expect(index.series.series == uncached.series.series)
        #expect(index.people.people == uncached.people.people)
        // Nothing new the next time.
        #expect(try link(reports).kept.entries.isEmpty)
    }

    /// Loaded before the output's lock is taken: when another build wrote the file since,
    /// nothing is appended to it (the next build finds what it needs or parses it).
    @Test func aFileAnotherBuildWroteSinceIsLeftAlone() async throws {
        defer { folder.remove() }
        let reports = try await Self.corpusReports()
        _ = try link(Array(reports.dropLast()))
        let cache = ParsedSubjectCache.load(from: file, program: Self.program)
        let index = ArchiveIndex(reports: reports, mailmap: .empty, parsedSubjects: cache)
        #expect(index.subjectsToKeep.appendingTo == (try size()))
        // Another build's whole file (its lines moved up), of another size.
        _ = try link(Array(reports.dropFirst()))
        let theirs = try Data(contentsOf: URL(fileURLWithPath: file))
        #expect(theirs.count != index.subjectsToKeep.appendingTo)
        try ParsedSubjectCache.keep(
            index.subjectsToKeep, file: file, temporary: file + ".building", program: Self.program)
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == theirs)
    }

    @Test func aLineChangedAtItsPlaceIsParsedAgainAndTheFileWrittenWhole() async throws {
        defer { folder.remove() }
        let reports = try await Self.corpusReports()
        _ = try link(reports)
        // Without the first week every line moves up: none is where it was kept.
        let later = Array(reports.dropFirst())
        let (index, kept) = try link(later)
        #expect(kept.appendingTo == nil && kept.entries.count == Self.distinctLines(later).count)
        #expect(index.series.series == ArchiveIndex(reports: later).series.series)
        #expect(ParsedSubjectCache.load(from: file, program: Self.program).count == kept.entries.count)
    }

    @Test func anotherProgramsOrADamagedFileIsNotUsed() async throws {
        defer { folder.remove() }
        let reports = try await Self.corpusReports()
        _ = try link(reports)
        #expect(ParsedSubjectCache.load(from: file, program: "another program").count == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: file))
        // One block, damaged: nothing of it is used, and it is written again whole.
        #expect(ParsedSubjectCache.load(from: file, program: Self.program).count == 0)
        let (index, kept) = try link(reports)
        #expect(kept.appendingTo == nil && kept.entries.count == Self.distinctLines(reports).count)
        #expect(index.series.series == ArchiveIndex(reports: reports).series.series)
        #expect(ParsedSubjectCache.load(from: file, program: Self.program).count == kept.entries.count)
    }

    /// Kept lines are read without their texts: each line's facts and key number, and every
    /// thread's key, come out as a table made without the cache gives them.
    @Test func keptLinesNumberTheirKeysAsParsingThemDoes() async throws {
        defer { folder.remove() }
        let reports = try await Self.corpusReports()
        _ = try link(Array(reports.dropLast()))
        let cache = ParsedSubjectCache.load(from: file, program: Self.program)
        let kept = MessageTable(reports: reports, mailmap: .empty, parsedSubjects: cache)
        let parsed = MessageTable(reports: reports, mailmap: .empty)
        #expect(kept.subjectsToKeep.appendingTo != nil)
        let listed = reports.reduce(0) { $0 + $1.threads.reduce(0) { $0 + $1.messages.count } }
        for position in 0..<listed {
            let (a, b) = (kept.line(at: position), parsed.line(at: position))
            #expect(
                a.keyID == b.keyID && a.isReply == b.isReply && a.isRFC == b.isRFC && a.version == b.version
                    && a.part == b.part && a.total == b.total)
        }
        for report in reports {
            for thread in report.threads {
                let key = SeriesKey(thread.subject)
                #expect(kept.keyID(key) == parsed.keyID(key), "\(thread.subjectLine)")
            }
        }
        #expect(kept.keyID(SeriesKey(title: "no such title", identityTags: [])) == nil)
    }

    /// A thread's key is read back from the line its cover letter was numbered as (from the
    /// cache, for a kept line), not made again: it is still the key its own subject line parses
    /// to, with that key's number.
    @Test func threadsTakeTheKeysTheirSubjectLinesParseTo() async throws {
        defer { folder.remove() }
        let reports = try await Self.corpusReports()
        _ = try link(Array(reports.dropLast()))
        let cache = ParsedSubjectCache.load(from: file, program: Self.program)
        #expect(cache.count > 0)
        for table in [
            MessageTable(reports: reports, mailmap: .empty, parsedSubjects: cache),
            MessageTable(reports: reports, mailmap: .empty),
        ] {
            let occurrences = SeriesLinker.occurrences(reports: reports, table: table)
            #expect(occurrences.count == reports.reduce(0) { $0 + $1.threads.count })
            for occurrence in occurrences {
                let thread = reports[occurrence.ref.report].threads[occurrence.ref.thread]
                let key = SeriesKey(thread.subject)
                #expect(
                    occurrence.key.title.hasSameBytes(as: key.title)
                        && occurrence.key.identityTags == key.identityTags, "\(thread.subjectLine)")
                #expect(occurrence.keyID != nil && occurrence.keyID == table.keyID(key), "\(thread.subjectLine)")
            }
        }
    }

    /// The cache's key numbers are taken only when they follow one another; otherwise every
    /// kept line is read in full, numbered again and the file written whole.
    @Test func keyNumbersThatDoNotFollowAreNotTaken() async throws {
        defer { folder.remove() }
        let reports = try await Self.corpusReports()
        let (_, kept) = try link(reports)
        let skewed = kept.entries.map {
            ParsedSubjectCache.Update.Entry(
                line: $0.line, subject: $0.subject, key: $0.key, keyID: $0.keyID + 1, keyHash: $0.keyHash)
        }
        try FileManager.default.removeItem(atPath: file)
        try ParsedSubjectCache.keep(
            .init(entries: skewed, appendingTo: nil), file: file, temporary: file + ".building", program: Self.program)
        let (index, again) = try link(reports)
        #expect(again.appendingTo == nil && again.entries.map(\.keyID) == kept.entries.map(\.keyID))
        #expect(index.series.series == ArchiveIndex(reports: reports).series.series)
    }

    /// Keys are found by a 64-bit hash; two keys with one hash (made up here) are still told apart,
    /// in the cache as in memory.
    @Test func keysWithOneHashAreToldApart() throws {
        defer { folder.remove() }
        let (a, b, c) = (
            SeriesKey(title: "kvm: one", identityTags: []), SeriesKey(title: "kvm: two", identityTags: ["kvmtool"]),
            SeriesKey(title: "kvm: three", identityTags: [])
        )
        let entries = [a, b].enumerated().map { number, key in
            ParsedSubjectCache.Update.Entry(
                line: "[PATCH] " + key.title, subject: Subject(parsing: "[PATCH] " + key.title), key: key,
                keyID: number, keyHash: 42)
        }
        try ParsedSubjectCache.keep(
            .init(entries: entries, appendingTo: nil), file: file, temporary: file + ".building", program: Self.program)
        let cache = ParsedSubjectCache.load(from: file, program: Self.program)
        var keys = SeriesKeyNumbering(capacity: 4, cache: cache)
        let first = keys.addKept(number: 0, hash: 42, line: 0)
        let second = keys.addKept(number: 1, hash: 42, line: 1)
        #expect(first && second)
        #expect(keys.existing(a, hash: 42) == 0 && keys.existing(b, hash: 42) == 1)
        #expect(keys.existing(c, hash: 42) == nil)
        let numbers = [keys.number(c, hash: 42), keys.number(c, hash: 42)]
        #expect(numbers == [2, 2])
        let fourth = keys.number(SeriesKey(title: "kvm: four", identityTags: []), hash: 7)
        #expect(fourth == 3)
        #expect(keys.existing(b, hash: 42) == 1 && keys.count == 4)
        // A number that skips one is refused.
        var skipping = SeriesKeyNumbering(capacity: 2, cache: cache)
        let skipped = skipping.addKept(number: 1, hash: 42, line: 1)
        #expect(!skipped)
    }
}
