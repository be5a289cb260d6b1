import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

/// Reports parsed once are kept between builds; what comes back must be exactly what parsing gives.
@Suite struct ParsedReportCacheTests {
    static let program = "listdigest test 1"

    func roundTrip(_ parsed: ParsedReport) throws -> ParsedReport {
        var writer = ByteWriter()
        ParsedReportCodec.encode(parsed, into: &writer)
        var reader = ByteReader(writer.bytes)
        let decoded = try ParsedReportCodec.decode(from: &reader)
        #expect(reader.isAtEnd)
        return decoded
    }

    @Test(.enabled(if: Corpus.isPresent)) func everyCorpusReportComesBackAsParsed() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        #expect(archive.files.count == 40)
        for file in archive.files {
            let decoded = try roundTrip(file.parsed)
            #expect(decoded.report == file.parsed.report, "\(file.path)")
            #expect(decoded.diagnostics == file.parsed.diagnostics, "\(file.path)")
        }
    }

    /// Subject lines and senders are written once per report, in a table the messages refer to.
    @Test(.enabled(if: Corpus.isPresent)) func eachReportStoresItsRepeatedTextsOnce() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        for report in archive.reports {
            var writer = ByteWriter()
            ParsedReportCodec.encode(ParsedReport(report: report, diagnostics: []), into: &writer)
            var reader = ByteReader(writer.bytes)
            let table = try (0..<reader.count()).map { _ in try reader.string() }
            let texts = report.threads.flatMap { thread in
                [thread.subjectLine] + thread.messages.flatMap { [$0.subjectLine, $0.sender.name, $0.sender.address] }
            }
            #expect(Set(table).count == table.count, "\(report.path)")
            #expect(Set(table) == Set(texts), "\(report.path)")
            #expect(table.count < texts.count / 2, "\(report.path): \(table.count) of \(texts.count)")
        }
    }

    /// A text left as stored bytes reads as `String(decoding:as:)` reads them, and compares and
    /// hashes as that text: a decomposed é equals a composed one, as strings do.
    @Test func storedTextsAreTheTextsOfTheirBytes() throws {
        func stored(_ bytes: [UInt8]) throws -> StoredText {
            var writer = ByteWriter()
            writer.write(bytes.count)
            writer.append(bytes)
            var reader = ByteReader(writer.bytes)
            return try reader.storedText()
        }
        let decomposed = try stored(Array("cafe\u{301} 中文".utf8))
        #expect(decomposed.text == "cafe\u{301} 中文")
        #expect(decomposed == StoredText("caf\u{E9} 中文"))
        #expect(Set([decomposed, StoredText("caf\u{E9} 中文")]).count == 1)
        let broken: [UInt8] = [0x61, 0xFF, 0xE4, 0xB8, 0x62]
        #expect(try stored(broken).text == String(decoding: broken, as: UTF8.self))
        #expect(try stored(broken).text == "a\u{FFFD}\u{FFFD}b")
        #expect(try stored([]).text.isEmpty)
    }

    /// A message referring past the table is a damaged entry (parsed again), not a crash.
    @Test func aReferencePastTheTextTableIsMalformed() throws {
        func entry(texts: [String], subject: Int) -> [UInt8] {
            var writer = ByteWriter()
            writer.write(texts.count)
            for text in texts { writer.write(text) }
            writer.write(0)  // diagnostics
            writer.write(true)  // a report
            writer.write(2025)
            writer.write(32)
            writer.write("kvmarm")
            writer.write("r/kvmarm_2025_week32.md")
            for _ in 0..<5 { writer.write(false) }  // generated, period, three counts
            writer.write(0)  // categories
            writer.write(1)  // one thread
            writer.write(1)
            writer.write("PATCH")
            writer.write(subject)
            writer.write(Subject(parsing: "[PATCH] x"))  // the line parsed
            writer.write(1)  // declared emails
            writer.write(false)  // participants
            writer.write(false)  // started
            writer.write("summary")
            writer.write(40)  // line
            writer.write(0)  // messages
            return writer.bytes
        }
        var valid = ByteReader(entry(texts: ["[PATCH] x"], subject: 0))
        let thread = try ParsedReportCodec.decode(from: &valid).report?.threads.first
        #expect(thread?.subjectLine == "[PATCH] x" && thread?.subject == Subject(parsing: "[PATCH] x"))
        for subject in [1, -1, 1 << 40] {
            var damaged = ByteReader(entry(texts: ["[PATCH] x"], subject: subject))
            #expect(throws: ByteReader.Malformed.self) { try ParsedReportCodec.decode(from: &damaged) }
        }
    }

    /// Thread subjects are kept parsed: every field comes back as parsing gave it.
    @Test func parsedSubjectsComeBackWhole() throws {
        let lines = [
            "Re: [RFC PATCH kvmtool v3 02/10] arm64: Add foo", "[GIT PULL] KVM/arm64 fixes for 6.17, take #2",
            "[PATCH v5.1 0/3] KVM: x86: Bar (v2)", "[PATCH RESEND 6.1.y] baz", "plain title", "",
            "回复: [PATCH v2 1/2] KVM: 中文标题",
        ]
        var writer = ByteWriter()
        for line in lines { writer.write(Subject(parsing: line)) }
        var reader = ByteReader(writer.bytes)
        for line in lines { #expect(try reader.subject() == Subject(parsing: line), "\(line)") }
        #expect(reader.isAtEnd)
    }

    @Test func integersOfEverySizeComeBack() throws {
        // Every one-byte value and those around it, then the extremes.
        let values = Array(-70...70) + [1 << 62, -(1 << 62), (1 << 62) - 1, Int.max, Int.min, Int.max - 1]
        var writer = ByteWriter()
        for value in values { writer.write(value) }
        var reader = ByteReader(writer.bytes)
        #expect(try values.map { _ in try reader.int() } == values)
        #expect(reader.isAtEnd)
    }

    @Test func reportsWithProblemsKeepTheirDiagnostics() throws {
        let source = ReportSource(
            path: "r/kvmarm_2025_week32.md", week: ISOWeek(year: 2025, week: 32)!, listName: "kvmarm")
        // A count too big for most programs still comes back as it was read.
        let huge = ReportFixtures.complete.replacingOccurrences(
            of: "**总邮件数**: 6", with: "**总邮件数**: 5000000000000000000")
        #expect(
            ArchiveLoader.parseReport(Data(huge.utf8), source: source).report?.declaredEmails
                == 5_000_000_000_000_000_000)
        for text in [
            ReportFixtures.complete, huge, "# not a report\n", "",
            ReportFixtures.complete + "\n1. **[13-40 99:99]** x\n",
        ] {
            let parsed = ArchiveLoader.parseReport(Data(text.utf8), source: source)
            let decoded = try roundTrip(parsed)
            #expect(decoded.report == parsed.report)
            #expect(decoded.diagnostics == parsed.diagnostics)
        }
    }

    /// A reports folder with two weeks, and where their cache goes.
    static func twoWeeks() throws -> (folder: TemporaryFolder, cacheFile: String) {
        let folder = try TemporaryFolder()
        try folder.write(
            "reports/kvmarm_2025_week31.md", ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W31")
        )
        try folder.write("reports/kvmarm_2025_week32.md", ReportFixtures.complete)
        return (folder, folder.path + "/cache")
    }

    /// A reports folder with one week, read and its cache written whole.
    static func oneWeekCached() async throws -> (folder: TemporaryFolder, cacheFile: String, archive: Archive) {
        let folder = try TemporaryFolder()
        try folder.write("reports/kvmarm_2025_week32.md", ReportFixtures.complete)
        let cacheFile = folder.path + "/cache"
        let archive = try await ArchiveLoader.load(folder: folder.path + "/reports")
        try ParsedReportCache.write(archive.files, to: cacheFile, through: cacheFile + ".new", program: program)
        return (folder, cacheFile, archive)
    }

    /// The reports of `folder`, read with the cache `cacheFile` holds.
    static func reload(
        _ folder: TemporaryFolder, cacheFile: String, reports: String = "reports"
    ) async throws
        -> Archive
    {
        try await ArchiveLoader.load(
            folder: folder.path + "/" + reports, cache: ParsedReportCache.load(from: cacheFile, program: program))
    }

    @Test func aSecondLoadParsesOnlyWhatChanged() async throws {
        let (folder, cacheFile) = try Self.twoWeeks()
        defer { folder.remove() }
        let first = try await ArchiveLoader.load(folder: folder.path + "/reports")
        try ParsedReportCache.write(first.files, to: cacheFile, through: cacheFile + ".new", program: Self.program)

        let written = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
        let cache = ParsedReportCache.load(from: cacheFile, program: Self.program)
        // Nothing changed: everything comes from the cache, which is left as it was.
        let unchanged = try await ArchiveLoader.load(folder: folder.path + "/reports", cache: cache)
        #expect(unchanged.files.allSatisfy { $0.parseIsCached })
        #expect(unchanged.reports == first.reports)
        // Updated as a build does, from the cache's bookkeeping alone (the file's bytes freed).
        try cache.withoutContents().update(
            unchanged.files, file: cacheFile, temporary: cacheFile + ".new", program: Self.program)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cacheFile)) == written)

        try folder.write("reports/kvmarm_2025_week31.md", ReportFixtures.report(threads: [], week: "2025-W31"))
        let second = try await ArchiveLoader.load(folder: folder.path + "/reports", cache: cache)
        // Week 32 came from the cache, week 31 was parsed again, and both are what parsing gives.
        #expect(second.files.map { $0.parseIsCached } == [false, true])
        let fresh = try await ArchiveLoader.load(folder: folder.path + "/reports")
        #expect(second.reports == fresh.reports && second.diagnostics == fresh.diagnostics)
        #expect(second.reports[0].threads.isEmpty)
        // Week 31's new parse is appended: what was written stays, byte for byte.
        try cache.withoutContents().update(
            second.files, file: cacheFile, temporary: cacheFile + ".new", program: Self.program)
        let appended = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
        #expect(appended.count > written.count && appended.prefix(written.count) == written)
        let third = try await Self.reload(folder, cacheFile: cacheFile)
        #expect(third.files.allSatisfy { $0.parseIsCached } && third.reports == fresh.reports)
    }

    /// A build keeps the HTML it rendered for each summary with the report's parse: a report
    /// read from the cache brings them back, one parsed anew has none until they are rendered.
    @Test func renderedSummariesAreKeptWithTheParse() async throws {
        let (folder, cacheFile) = try Self.twoWeeks()
        defer { folder.remove() }
        let first = try await ArchiveLoader.load(folder: folder.path + "/reports")
        #expect(first.files.allSatisfy { $0.summaries == nil })
        // Kept without summaries first (as this module's own callers do), then given them.
        try ParsedReportCache.write(first.files, to: cacheFile, through: cacheFile + ".new", program: Self.program)
        let cache = ParsedReportCache.load(from: cacheFile, program: Self.program)
        let plain = try await ArchiveLoader.load(folder: folder.path + "/reports", cache: cache)
        #expect(plain.files.allSatisfy { $0.parseIsCached && $0.summaries == nil })
        let html = plain.files.map { file in
            (file.parsed.report?.threads ?? []).map { "<p>线程 \($0.number) 的总结 &amp; more</p>\n" }
        }
        #expect(html.map(\.count) == [1, 3])
        let written = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
        try cache.update(
            zip(plain.files, html).map { $0.withSummaries($1.map { StoredText($0) }) }, file: cacheFile,
            temporary: cacheFile + ".new",
            program: Self.program)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cacheFile)).prefix(written.count) == written, "appended")

        let reread = try await Self.reload(folder, cacheFile: cacheFile)
        #expect(reread.files.map(\.summaries) == html)
        #expect(reread.reports == first.reports)
        // With what was worked out from them: sentences, anchors and the week's figures.
        for (file, html) in zip(reread.files, html) {
            #expect(file.rendered?.firstSentences.map(\.text) == html.map { "First of " + $0 })
            #expect(file.rendered?.anchors == html.indices.map { "t\($0)" })
            #expect(file.rendered?.figures == WeekFigures(try #require(file.parsed.report)))
        }

        // Week 31 changed: parsed anew, with no summaries yet; week 32 keeps its own.
        try folder.write("reports/kvmarm_2025_week31.md", ReportFixtures.report(threads: [], week: "2025-W31"))
        let changed = try await Self.reload(folder, cacheFile: cacheFile)
        #expect(changed.files.map(\.summaries) == [nil, html[1]])
        #expect(changed.files.map { $0.parseIsCached } == [false, true])
    }

    /// A digest the caller already took (the build hashes every input first) finds the cached
    /// parse without the file being read again; a digest the cache does not hold is no shortcut.
    @Test func aKnownDigestTakesTheCachedParseWithoutReadingTheFile() async throws {
        let (folder, cacheFile, first) = try await Self.oneWeekCached()
        defer { folder.remove() }
        let path = folder.path + "/reports/kvmarm_2025_week32.md"
        let digest = try #require(first.files.first?.digest)
        // The file now says something else: only a load that does not read it gives the old parse.
        try folder.write("reports/kvmarm_2025_week32.md", ReportFixtures.report(threads: [], week: "2025-W32"))
        let cache = ParsedReportCache.load(from: cacheFile, program: Self.program)
        let trusted = try await ArchiveLoader.load(
            folder: folder.path + "/reports", cache: cache, digests: [path: digest])
        #expect(trusted.reports == first.reports && trusted.files.first?.parseIsCached == true)
        #expect(trusted.files.first?.digest == digest)

        let read = try await ArchiveLoader.load(folder: folder.path + "/reports", cache: cache, digests: [path: 42])
        #expect(read.reports.first?.threads.isEmpty == true && read.files.first?.parseIsCached == false)
        #expect(read.files.first?.digest != digest)
    }

    /// The same reports under another path (the folder moved, or named `./reports` instead of
    /// `reports`) still come from the cache, with their summaries, but name the new path in the
    /// report and its diagnostics; written again under it, they are then taken as they are.
    @Test func aMovedReportsFolderKeepsItsParsesUnderTheNewPath() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("old/kvmarm_2025_week31.md", ReportFixtures.report(threads: [], week: "2025-W31"))
        // A thread the parser skips, with an error that names the file.
        try folder.write("old/kvmarm_2025_week32.md", ReportFixtures.complete + "\n1. **[13-40 99:99]** x\n")
        let cacheFile = folder.path + "/cache"
        let first = try await ArchiveLoader.load(folder: folder.path + "/old")
        let html = first.files.map { file in (file.parsed.report?.threads ?? []).map { "<p>\($0.number)</p>\n" } }
        try ParsedReportCache.write(
            zip(first.files, html).map { $0.withSummaries($1.map { StoredText($0) }) }, to: cacheFile,
            through: cacheFile + ".new",
            program: Self.program)
        #expect(first.diagnostics.contains { $0.file == folder.path + "/old/kvmarm_2025_week32.md" })

        try FileManager.default.moveItem(atPath: folder.path + "/old", toPath: folder.path + "/new")
        let newFolder = folder.path + "/new"
        let fresh = try await ArchiveLoader.load(folder: newFolder)
        let cache = ParsedReportCache.load(from: cacheFile, program: Self.program)
        let moved = try await ArchiveLoader.load(folder: newFolder, cache: cache)
        #expect(moved.files.map(\.summaries) == html, "taken from the cache")
        #expect(moved.reports == fresh.reports && moved.diagnostics == fresh.diagnostics)
        #expect(
            moved.reports.map(\.path) == [newFolder + "/kvmarm_2025_week31.md", newFolder + "/kvmarm_2025_week32.md"])
        #expect(moved.diagnostics.contains { $0.file == newFolder + "/kvmarm_2025_week32.md" })
        #expect(moved.files.allSatisfy { !$0.parseIsCached }, "to be written again under the new path")

        try cache.update(moved.files, file: cacheFile, temporary: cacheFile + ".new", program: Self.program)
        let again = try await Self.reload(folder, cacheFile: cacheFile, reports: "new")
        #expect(again.files.allSatisfy { $0.parseIsCached } && again.files.map(\.summaries) == html)
        #expect(again.reports == fresh.reports && again.diagnostics == fresh.diagnostics)
    }

    /// Each change appends; once stale entries would outweigh the live ones, the file is written
    /// again whole, holding each report once.
    @Test func staleEntriesAreDroppedByWritingTheCacheAgain() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("reports/kvmarm_2025_week32.md", ReportFixtures.complete)
        let cacheFile = folder.path + "/cache"
        func build() async throws -> Int {
            let cache = ParsedReportCache.load(from: cacheFile, program: Self.program)
            let archive = try await ArchiveLoader.load(folder: folder.path + "/reports", cache: cache)
            try cache.withoutContents().update(
                archive.files, file: cacheFile, temporary: cacheFile + ".new", program: Self.program)
            return try Data(contentsOf: URL(fileURLWithPath: cacheFile)).count
        }
        let single = try await build()
        var sizes: [Int] = []
        for edit in 1...4 {
            try folder.write(
                "reports/kvmarm_2025_week32.md", ReportFixtures.complete + "\n" + String(repeating: " ", count: edit))
            sizes.append(try await build())
        }
        // Two entries for the week (one stale) are kept; a third one would be two stale ones.
        #expect(sizes[0] > single && sizes[1] < sizes[0] && sizes[2] > sizes[1] && sizes[3] < sizes[2], "\(sizes)")
        #expect(abs(sizes[1] - single) < 8, "one entry again")
        // Written whole again, each report encoded anew from its parse (the cached one's bytes
        // were not kept): the same bytes as writing a fresh parse.
        let fresh = try await ArchiveLoader.load(folder: folder.path + "/reports")
        try ParsedReportCache.write(
            fresh.files, to: cacheFile + ".fresh", through: cacheFile + ".new", program: Self.program)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: cacheFile))
                == Data(contentsOf: URL(fileURLWithPath: cacheFile + ".fresh")))
        let cache = ParsedReportCache.load(from: cacheFile, program: Self.program)
        let archive = try await ArchiveLoader.load(folder: folder.path + "/reports", cache: cache)
        #expect(archive.files.allSatisfy { $0.parseIsCached })
    }

    /// Another build may write the file between this build's loading it and its taking the
    /// output's lock: then nothing is appended to a file this build did not read.
    @Test func aFileChangedSinceItWasLoadedIsWrittenWhole() async throws {
        let (folder, cacheFile, first) = try await Self.oneWeekCached()
        defer { folder.remove() }
        let cache = ParsedReportCache.load(from: cacheFile, program: Self.program)
        try folder.write(
            "reports/kvmarm_2025_week31.md", ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W31")
        )
        let second = try await ArchiveLoader.load(folder: folder.path + "/reports", cache: cache)
        // Meanwhile another version of ListDigest wrote its own cache there.
        try ParsedReportCache.write(first.files, to: cacheFile, through: cacheFile + ".new", program: "listdigest 0.9")
        try cache.update(second.files, file: cacheFile, temporary: cacheFile + ".new", program: Self.program)
        let third = try await Self.reload(folder, cacheFile: cacheFile)
        #expect(third.files.map { $0.parseIsCached } == [true, true])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
        #expect(bytes.range(of: Data("listdigest 0.9".utf8)) == nil)
    }

    /// A build killed while appending leaves an entry cut short: the entries before it are still
    /// used, and the next build writes the file again whole.
    @Test func anEntryCutShortIsIgnoredAndTheNextWriteIsWhole() async throws {
        let (folder, cacheFile) = try Self.twoWeeks()
        defer { folder.remove() }
        let archive = try await ArchiveLoader.load(folder: folder.path + "/reports")
        try ParsedReportCache.write(archive.files, to: cacheFile, through: cacheFile + ".new", program: Self.program)
        let whole = try Data(contentsOf: URL(fileURLWithPath: cacheFile))
        try whole.prefix(whole.count - 10).write(to: URL(fileURLWithPath: cacheFile))

        let cache = ParsedReportCache.load(from: cacheFile, program: Self.program)
        let reread = try await ArchiveLoader.load(folder: folder.path + "/reports", cache: cache)
        #expect(reread.files.map { $0.parseIsCached } == [true, false])
        try cache.update(reread.files, file: cacheFile, temporary: cacheFile + ".new", program: Self.program)
        #expect(try Data(contentsOf: URL(fileURLWithPath: cacheFile)) == whole)

        // A byte changed in the first entry: neither it nor the whole entry after it is used.
        var damaged = whole
        damaged[try #require(whole.range(of: Data("week31".utf8))).lowerBound] ^= 0x5A
        try damaged.write(to: URL(fileURLWithPath: cacheFile))
        let afterDamage = try await Self.reload(folder, cacheFile: cacheFile)
        #expect(afterDamage.files.map { $0.parseIsCached } == [false, false])
    }

    @Test func anotherProgramsOrADamagedCacheIsIgnored() async throws {
        let (folder, cacheFile, archive) = try await Self.oneWeekCached()
        defer { folder.remove() }
        let whole = try Data(contentsOf: URL(fileURLWithPath: cacheFile))

        func cached(_ cache: ParsedReportCache) -> Bool {
            cache.parsed(path: archive.files[0].path, digest: archive.files[0].digest) != nil
        }
        #expect(cached(ParsedReportCache.load(from: cacheFile, program: Self.program)))
        #expect(!cached(ParsedReportCache.load(from: cacheFile, program: "listdigest test 2")))
        #expect(!cached(ParsedReportCache.load(from: folder.path + "/missing", program: Self.program)))
        // Cut short anywhere, or with a byte changed anywhere: nothing is taken from it.
        for length in stride(from: 0, to: whole.count, by: max(1, whole.count / 97)) {
            try whole.prefix(length).write(to: URL(fileURLWithPath: cacheFile))
            #expect(!cached(ParsedReportCache.load(from: cacheFile, program: Self.program)), "cut at \(length)")
        }
        for position in stride(from: 0, to: whole.count, by: max(1, whole.count / 97)) {
            var damaged = whole
            damaged[position] ^= 0x5A
            try damaged.write(to: URL(fileURLWithPath: cacheFile))
            #expect(!cached(ParsedReportCache.load(from: cacheFile, program: Self.program)), "byte \(position)")
        }
    }
}

extension ParsedFile {
    /// The summaries kept with the parse, as HTML.
    fileprivate var summaries: [String]? { rendered?.summaries.map(\.text) }

    /// The file with these summaries rendered for it, and what a build works out with them (the
    /// sentences and anchors made up here: the cache keeps what it is given).
    fileprivate func withSummaries(_ html: [StoredText]) -> ParsedFile {
        withRendered(
            RenderedReport(
                summaries: html, firstSentences: html.map { StoredText("First of " + $0.text) },
                anchors: html.indices.map { "t\($0)" },
                figures: WeekFigures(parsed.report!)))
    }
}
