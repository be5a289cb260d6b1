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
}
