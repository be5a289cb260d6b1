import Foundation
import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

/// A file's digest is kept with its stamp, and taken instead of reading the file only while the
/// file is stamped as it was: a change in place, its size and modification time kept, is seen.
struct InputStampsTests {
    let folder: TemporaryFolder
    let weeks = ["kvmarm_2025_week32.md", "kvmarm_2025_week33.md"]

    init() throws {
        folder = try TemporaryFolder()
        try folder.write("reports/" + weeks[0], ReportFixtures.complete)
        try folder.write(
            "reports/" + weeks[1], ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W33"))
    }

    var site: SiteLocation {
        let config = SiteConfig(
            title: "Test digest", baseURL: "/", list: "kvmarm", templates: ProjectPaths.templates,
            staticFiles: ProjectPaths.exampleSite + "/static")
        return SiteLocation(directory: folder.path, config: config, reportsOverride: folder.path + "/reports")
    }

    var output: String { folder.path + "/public" }
    var stampsFile: String { OutputWriter.cacheFile("stamps", beside: URL(fileURLWithPath: output)) }

    /// The inputs as a build reads them `later` seconds from now: every file written by the
    /// test is then settled.
    func inputs(stamps: InputStamps = .empty, later: Int64 = 10) -> BuildInputs {
        BuildInputs(site: site, config: site.config, stamps: stamps, readAt: InputStamps.now() + later)
    }

    /// Changes one letter of the report in place, its size and modification time as they were.
    func changeInPlace(_ name: String) throws {
        let path = folder.path + "/reports/" + name
        var status = stat()
        #expect(stat(path, &status) == 0)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let range = try #require(text.range(of: "mediated"))
        text.replaceSubrange(range, with: "Mediated")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var times = [status.st_atim, status.st_mtim]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
        var after = stat()
        #expect(stat(path, &after) == 0)
        #expect(after.st_size == status.st_size && after.st_mtim.tv_sec == status.st_mtim.tv_sec)
        #expect(after.st_mtim.tv_nsec == status.st_mtim.tv_nsec)
    }

    @Test func settledFilesAreNotReadAgain() throws {
        defer { folder.remove() }
        let first = inputs()
        #expect(first.filesRead.read == first.filesRead.of && first.filesRead.of > weeks.count)
        #expect(first.stamps.entries.count == first.filesRead.of)
        let second = inputs(stamps: first.stamps)
        #expect(second.filesRead.read == 0)
        #expect(second.digest == first.digest && second.reportDigests == first.reportDigests)
    }

    @Test func aFileChangedInPlaceIsReadAgain() throws {
        defer { folder.remove() }
        let first = inputs()
        try changeInPlace(weeks[0])
        let second = inputs(stamps: first.stamps)
        #expect(second.filesRead.read == 1)
        #expect(second.digest != first.digest)
        let changed = folder.path + "/reports/" + weeks[0]
        #expect(second.reportDigests[changed] != first.reportDigests[changed])
        // The same digests as reading every file.
        let unstamped = inputs()
        #expect(second.digest == unstamped.digest && second.reportDigests == unstamped.reportDigests)
    }

    /// A file stamped less than two seconds before it was read may change again with the same
    /// stamp (a file system's clock ticks coarsely): its digest is not kept.
    @Test func aFileReadAsItWasWrittenIsNotKept() throws {
        defer { folder.remove() }
        let fresh = inputs(later: 0)
        #expect(fresh.stamps.entries[folder.path + "/reports/" + weeks[0]] == nil)
        #expect(inputs(stamps: fresh.stamps, later: 0).filesRead.read >= weeks.count)
    }

    @Test func stampsAreReadBackWholeOrNotAtAll() throws {
        defer { folder.remove() }
        let stamps = inputs().stamps
        try stamps.write(to: stampsFile, temporary: stampsFile + ".tmp", program: "program 1")
        #expect(InputStamps.load(from: stampsFile, program: "program 1") == stamps)
        #expect(InputStamps.load(from: stampsFile, program: "program 2").entries.isEmpty)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: stampsFile))
        bytes[bytes.count / 2] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: stampsFile))
        #expect(InputStamps.load(from: stampsFile, program: "program 1").entries.isEmpty)
    }

    /// Through whole builds: with settled stamps beside the output nothing is read, and a
    /// report changed in place is still rebuilt.
    @Test func aBuildTakesTheStampsBesideItsOutput() async throws {
        defer { folder.remove() }
        let request = BuildRequest(site: site, outputDirectory: output)
        let first = try await SiteBuilder.build(request)
        #expect(!first.upToDate && first.inputFilesRead.read == first.inputFilesRead.of)
        try inputs().stamps.write(to: stampsFile, temporary: stampsFile + ".tmp", program: BuildInputs.program)
        let noop = try await SiteBuilder.build(request)
        #expect(noop.upToDate && noop.inputFilesRead.read == 0)
        try changeInPlace(weeks[0])
        let changed = try await SiteBuilder.build(request)
        #expect(!changed.upToDate && changed.inputFilesRead.read == 1)
        let page = try String(
            contentsOfFile: output + "/" + SitePaths.file(forPage: SitePaths.week(ISOWeek(id: "2025-W32")!)),
            encoding: .utf8)
        #expect(page.contains("Mediated"))
    }
}
