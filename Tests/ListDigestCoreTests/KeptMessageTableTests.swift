import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

/// The message table a build keeps is extended by the next build whose reports begin with the
/// same reports, into the very table numbering every message again makes; anything else is
/// numbered from scratch.
@Suite(.enabled(if: Corpus.isPresent, "the corpus folder ../shared/corpus/kvm-ai-robot is absent"))
struct KeptMessageTableTests {
    static let program = "listdigest test 1"
    let folder: TemporaryFolder
    let subjects: String
    let table: String

    init() throws {
        folder = try TemporaryFolder()
        subjects = folder.path + "/subjects"
        table = folder.path + "/table"
    }

    static func corpus() async throws -> (reports: [WeeklyReport], digests: [UInt64]) {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        #expect(archive.reportDigests.count == archive.reports.count && archive.reports.count == 40)
        return (archive.reports, archive.reportDigests)
    }

    /// Makes the table of `reports` with the caches in the folder, as a build does, and keeps it
    /// (checked against a table made from scratch by the test, not by the table itself).
    @discardableResult
    func link(_ reports: [WeeklyReport], digests: [UInt64], mailmap: Mailmap = .empty) throws -> MessageTable {
        let made = KeptMessageTable.$verifying.withValue(false) {
            MessageTable(
                reports: reports, mailmap: mailmap,
                parsedSubjects: .load(from: subjects, program: Self.program),
                kept: .load(from: table, program: Self.program), digests: digests)
        }
        unlink(table)
        let size = try #require(
            try ParsedSubjectCache.keep(
                made.subjectsToKeep, file: subjects, temporary: subjects + ".building", program: Self.program))
        try KeptMessageTable.keep(
            made.keptContents(reports: reports, digests: digests, subjectCacheSize: size), file: table,
            temporary: table + ".building", program: Self.program)
        return made
    }

    func expectSameAsFromScratch(
        _ made: MessageTable, _ reports: [WeeklyReport], mailmap: Mailmap = .empty,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let scratch = MessageTable(reports: reports, mailmap: mailmap)
        #expect(made.subjectOf == scratch.subjectOf, sourceLocation: sourceLocation)
        #expect(made.identityOf == scratch.identityOf, sourceLocation: sourceLocation)
        #expect(made.personOf == scratch.personOf, sourceLocation: sourceLocation)
        #expect(made.lines == scratch.lines, sourceLocation: sourceLocation)
        #expect(made.keys.hashes == scratch.keys.hashes, sourceLocation: sourceLocation)
        #expect(
            made.distinctMessages == scratch.distinctMessages && made.distinctAddresses == scratch.distinctAddresses,
            sourceLocation: sourceLocation)
        #expect(made.people.people == scratch.people.people, sourceLocation: sourceLocation)
    }

    @Test func addedWeeksExtendTheKeptTableIntoTheTableNumberingAgainMakes() async throws {
        defer { folder.remove() }
        let (reports, digests) = try await Self.corpus()
        let first = try link(Array(reports.prefix(37)), digests: Array(digests.prefix(37)))
        #expect(first.extended?.reports.count == nil)
        let one = try link(Array(reports.prefix(38)), digests: Array(digests.prefix(38)))
        #expect(one.extended?.reports.count == 37)
        expectSameAsFromScratch(one, Array(reports.prefix(38)))
        // Two weeks at once, then none: the same reports again.
        let two = try link(reports, digests: digests)
        #expect(two.extended?.reports.count == 38)
        expectSameAsFromScratch(two, reports)
        #expect(two.distinctMessages > one.distinctMessages && two.lines.count > one.lines.count)
        let again = try link(reports, digests: digests)
        #expect(again.extended?.reports.count == 40 && again.subjectsToKeep.entries.isEmpty)
        expectSameAsFromScratch(again, reports)
        // People are made again each time: a mailmap merging two senders is followed.
        let mailmap = Mailmap(parsing: "Marc Zyngier <maz@kernel.org> <oliver.upton@linux.dev>\n", file: "mailmap")
        let merged = try link(reports, digests: digests, mailmap: mailmap)
        #expect(merged.extended?.reports.count != nil)
        expectSameAsFromScratch(merged, reports, mailmap: mailmap)
        #expect(merged.people.people.count < again.people.people.count)
    }

    /// The threads of the kept reports, as linking described them, are taken back as kept (the
    /// same as described again) while the kept reports' senders are grouped into people as they
    /// were; a mailmap that joins two of them has every thread described again.
    @Test func keptThreadsAreTakenWhilePeopleAreGroupedAsTheyWere() async throws {
        defer { folder.remove() }
        let (reports, digests) = try await Self.corpus()
        let older = Array(reports.prefix(39))
        let first = try link(older, digests: Array(digests.prefix(39)))
        let described = SeriesLinker.occurrences(reports: older, table: first)
        let size = try #require(ParsedSubjectCache.load(from: subjects, program: Self.program).size)
        try KeptMessageTable.keep(
            first.keptContents(
                reports: older, digests: Array(digests.prefix(39)), subjectCacheSize: size, occurrences: described),
            file: table, temporary: table + ".building", program: Self.program)

        func extended(_ mailmap: Mailmap) -> MessageTable {
            KeptMessageTable.$verifying.withValue(false) {
                MessageTable(
                    reports: reports, mailmap: mailmap,
                    parsedSubjects: .load(from: subjects, program: Self.program),
                    kept: .load(from: table, program: Self.program), digests: digests)
            }
        }
        let extendedTable = extended(.empty)
        let kept = try #require(extendedTable.extended?.occurrences)
        #expect(kept.count == described.count && kept.count == older.reduce(0) { $0 + $1.threads.count })
        #expect(kept.groupsSendersAsKept(extendedTable))
        // Every kept thread is taken back, and is the thread described again.
        let again = SeriesLinker.occurrences(reports: reports, table: MessageTable(reports: reports, mailmap: .empty))
        #expect(again.count > kept.count)
        for index in 0..<kept.count {
            let taken = try #require(
                kept.occurrence(index, ref: again[index].ref, reports: reports, table: extendedTable))
            #expect(taken.isSame(as: again[index]), "thread \(again[index].ref)")
        }
        let linked = KeptMessageTable.$verifying.withValue(false) {
            SeriesLinker.occurrences(reports: reports, table: extendedTable)
        }
        #expect(linked.indices.allSatisfy { linked[$0].isSame(as: again[$0]) })

        // Two people joined by a mailmap: the kept threads are not taken.
        let mailmap = Mailmap(parsing: "Marc Zyngier <maz@kernel.org> <oliver.upton@linux.dev>\n", file: "mailmap")
        let merged = extended(mailmap)
        #expect(merged.extended != nil && !kept.groupsSendersAsKept(merged))
        let relinked = KeptMessageTable.$verifying.withValue(false) {
            SeriesLinker.occurrences(reports: reports, table: merged)
        }
        let scratch = SeriesLinker.occurrences(
            reports: reports, table: MessageTable(reports: reports, mailmap: mailmap))
        #expect(relinked.indices.allSatisfy { relinked[$0].isSame(as: scratch[$0]) })
    }

    /// Only reports that begin with the kept ones, with the subject cache the table was written
    /// with, extend it; a table that does not is numbered from scratch.
    @Test func otherReportsOrAnotherSubjectCacheAreNumberedFromScratch() async throws {
        defer { folder.remove() }
        let (reports, digests) = try await Self.corpus()
        try link(Array(reports.prefix(38)), digests: Array(digests.prefix(38)))
        // A kept report changed (its digest differs).
        var changed = digests
        changed[10] &+= 1
        let edited = try link(reports, digests: changed)
        #expect(edited.extended?.reports.count == nil)
        expectSameAsFromScratch(edited, reports)
        #expect(try link(reports, digests: changed).extended?.reports.count != nil)
        // A week in the middle removed: the kept reports are no longer where they were.
        let gap = Array(reports[..<20] + reports[21...])
        let gapDigests = Array(digests[..<20] + digests[21...])
        let removed = try link(gap, digests: gapDigests)
        #expect(removed.extended?.reports.count == nil)
        expectSameAsFromScratch(removed, gap)
        // The subject cache written again by another build: the table does not stand on it.
        try link(gap, digests: gapDigests)
        let other = MessageTable(reports: Array(reports.prefix(5)), mailmap: .empty)
        try ParsedSubjectCache.keep(
            other.subjectsToKeep, file: subjects, temporary: subjects + ".building", program: Self.program)
        let afterOther = try link(gap, digests: gapDigests)
        #expect(afterOther.extended?.reports.count == nil)
        expectSameAsFromScratch(afterOther, gap)
        // Reports without digests are never taken for kept ones.
        #expect(try link(gap, digests: []).extended?.reports.count == nil)
    }

    /// A week removed and added again: the subject cache still holds the week's lines after the
    /// table's, and they are taken as the new lines when they are the same lines.
    @Test func newLinesTheSubjectCacheHoldsAlreadyMustBeTheSameLines() async throws {
        defer { folder.remove() }
        let (reports, digests) = try await Self.corpus()
        try link(reports, digests: digests)
        #expect(try link(Array(reports.prefix(39)), digests: Array(digests.prefix(39))).extended?.reports.count == nil)
        let again = try link(reports, digests: digests)
        #expect(again.extended?.reports.count == 39 && again.subjectsToKeep.entries.isEmpty)
        expectSameAsFromScratch(again, reports)
        // Week 39 left out: the cache holds week 40's lines after week 38's; week 39's new lines are
        // not those, so week 39 after the table of 38 weeks is numbered from scratch.
        let skipping = Array(reports.prefix(38)) + [reports[39]]
        try link(skipping, digests: Array(digests.prefix(38)) + [digests[39]])
        try link(Array(reports.prefix(38)), digests: Array(digests.prefix(38)))
        let filledIn = try link(Array(reports.prefix(39)), digests: Array(digests.prefix(39)))
        #expect(filledIn.extended?.reports.count == nil)
        expectSameAsFromScratch(filledIn, Array(reports.prefix(39)))
    }

    @Test func anotherProgramsOrADamagedTableIsNotUsed() async throws {
        defer { folder.remove() }
        let (reports, digests) = try await Self.corpus()
        try link(reports, digests: digests)
        #expect(KeptMessageTable.load(from: table, program: Self.program).contents?.reports == digests)
        #expect(KeptMessageTable.load(from: table, program: "another program").contents == nil)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: table))
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: table))
        #expect(KeptMessageTable.load(from: table, program: Self.program).contents == nil)
        try bytes.prefix(bytes.count - 1).write(to: URL(fileURLWithPath: table))
        #expect(KeptMessageTable.load(from: table, program: Self.program).contents == nil)
    }

    /// Cut short anywhere or changed anywhere, the file is never read as a table (nor does reading
    /// it stop the program).
    @Test func aTableCutShortOrChangedAnywhereIsNotUsed() async throws {
        defer { folder.remove() }
        let (reports, digests) = try await Self.corpus()
        try link(Array(reports.prefix(6)), digests: Array(digests.prefix(6)))
        let whole = try Data(contentsOf: URL(fileURLWithPath: table))
        #expect(KeptMessageTable.load(from: table, program: Self.program).contents != nil)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<150 {
            let length = Int.random(in: 0..<whole.count, using: &generator)
            try whole.prefix(length).write(to: URL(fileURLWithPath: table))
            #expect(KeptMessageTable.load(from: table, program: Self.program).contents == nil, "cut at \(length)")
            var changed = whole
            let place = Int.random(in: 0..<whole.count, using: &generator)
            changed[place] ^= UInt8.random(in: 1...255, using: &generator)
            try changed.write(to: URL(fileURLWithPath: table))
            #expect(KeptMessageTable.load(from: table, program: Self.program).contents == nil, "changed at \(place)")
        }
    }

    /// Values are found by a 64-bit hash: a new line or sender whose hash a kept one has (made
    /// up here) is not taken for it, and the table is numbered from scratch.
    @Test func aNewValueWithAKeptValuesHashIsNotTakenForIt() async throws {
        defer { folder.remove() }
        let (reports, digests) = try await Self.corpus()
        let before = Array(reports.prefix(39))
        let made = try link(before, digests: Array(digests.prefix(39)))
        let kept = made.keptContents(
            reports: before, digests: Array(digests.prefix(39)), subjectCacheSize: try #require(fileSize(subjects)))
        let newLine = try #require(
            reports[39].threads.lazy.flatMap(\.messages).map(\.subjectLine).first { !made.lineTexts.contains($0) })
        let newSender = try #require(
            reports[39].threads.lazy.flatMap(\.messages).map(\.sender).first { !made.distinctSenders.contains($0) })
        for forged in [
            kept.with(lineHashes: [MessageTable.StableKey.text(newLine)] + kept.lineHashes.dropFirst()),
            kept.with(senderHashes: [MessageTable.StableKey.sender(newSender)] + kept.senderHashes.dropFirst()),
        ] {
            try KeptMessageTable.keep(forged, file: table, temporary: table + ".building", program: Self.program)
            let loaded = KeptMessageTable.load(from: table, program: Self.program)
            #expect(loaded.keyNumbers != nil)
            let extended = MessageTable.extending(
                loaded, reports: reports, digests: digests, mailmap: .empty,
                parsedSubjects: .load(from: subjects, program: Self.program))
            let taken = extended != nil
            #expect(!taken, "a new value was taken for the kept one with its hash")
        }
        // Unforged, the same table is extended.
        try KeptMessageTable.keep(kept, file: table, temporary: table + ".building", program: Self.program)
        let extended = try #require(
            MessageTable.extending(
                .load(from: table, program: Self.program), reports: reports, digests: digests, mailmap: .empty,
                parsedSubjects: .load(from: subjects, program: Self.program)))
        expectSameAsFromScratch(extended, reports)
    }

    func fileSize(_ file: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: file)[.size]) as? Int
    }
}

extension KeptMessageTable.Contents {
    fileprivate func with(lineHashes: [UInt64]? = nil, senderHashes: [UInt64]? = nil) -> Self {
        Self(
            reports: reports, subjectCacheSize: subjectCacheSize, subjectOf: subjectOf, senderOf: senderOf,
            identityOf: identityOf, addressOf: addressOf, facts: facts, keyHashes: keyHashes,
            lineHashes: lineHashes ?? self.lineHashes, senderHashes: senderHashes ?? self.senderHashes,
            addressHashes: addressHashes, identityHashes: identityHashes)
    }
}
