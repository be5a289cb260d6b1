import Foundation
import ListDigestTestSupport
import Testing

/// `listdigest fetch` and `build --fetch` run listdigest-fetch, the one program that loads
/// libcurl: listdigest itself starts without it.
@Suite struct FetchProgramTests {
    /// A site whose reports are published where nothing listens (port 9, discard: refused).
    func makeSite() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            "Site/config.toml",
            """
            title = "Test"
            list = "kvmarm"
            source_url = "http://127.0.0.1:9/reports/"
            templates = "\(ProjectPaths.templates)"
            static = "\(ProjectPaths.exampleSite)/static"
            """)
        try folder.write("Site/reports/kvmarm_2025_week32.md", ReportFixtures.complete)
        return folder
    }

    @Test func fetchRunsTheFetchProgramWithItsOptions() async throws {
        let folder = try makeSite()
        defer { folder.remove() }
        let run = try await Run.listdigest(
            ["fetch", "--site", "Site", "--since", "2025-W33", "--until", "2025-W34"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stdout == "fetched 0 new, 0 updated, 0 unchanged, 0 not published, 2 failed\n")
        #expect(run.stderr.contains("http://127.0.0.1:9/reports/kvmarm_2025_week33.md: error: "))
        #expect(run.stderr.contains("http://127.0.0.1:9/reports/kvmarm_2025_week34.md: error: "))
        // Options are checked before anything runs.
        let bad = try await Run.listdigest(["fetch", "--since", "2025-33"], in: folder.path)
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--since '2025-33' is not an ISO week such as 2025-W32"))
    }

    @Test func buildFetchBuildsEvenWhenFetchingFails() async throws {
        let folder = try makeSite()
        defer { folder.remove() }
        let run = try await Run.listdigest(["build", "--fetch"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("kvmarm_2025_week"))
        #expect(run.stdout.contains("built 1 week, 3 threads: "))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/public/weeks/2025-W32/index.html"))
    }

    /// Without listdigest-fetch beside it, `fetch` says what is missing and where.
    @Test func aMissingFetchProgramIsOneLineAndExitOne() async throws {
        let folder = try makeSite()
        defer { folder.remove() }
        let alone = folder.path + "/bin/listdigest"
        try FileManager.default.createDirectory(atPath: folder.path + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Run.binary().path, toPath: alone)
        let run = try await Run.listdigest(
            ["fetch"], in: folder.path, executable: URL(fileURLWithPath: alone))
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("listdigest-fetch is missing beside \(alone) "))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    /// The libraries each program asks the loader for (ELF `NEEDED` entries).
    func neededLibraries(_ program: URL) throws -> [String] {
        try Readelf.output(["-d", program.path]).split(separator: "\n").filter { $0.contains("(NEEDED)") }.compactMap {
            $0.split(separator: "[").last?.split(separator: "]").first.map(String.init)
        }
    }

    @Test(.enabled(if: Readelf.isPresent)) func onlyTheFetchProgramLoadsLibcurl() throws {
        let main = try neededLibraries(Run.binary())
        let fetch = try neededLibraries(Run.binary("listdigest-fetch"))
        #expect(main.contains { $0.hasPrefix("libcmark") })
        #expect(!main.contains { $0.hasPrefix("libcurl") }, "\(main)")
        #expect(fetch.contains { $0.hasPrefix("libcurl") }, "\(fetch)")
    }
}
