import Foundation
import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

/// Builds whole sites into temporary folders and reads back what was written.
struct BuiltSite {
    let folder: TemporaryFolder
    let output: String
    let result: BuildResult

    static func build(
        reports: [String: String], baseURL: String = "https://example.org/kvmarm/"
    ) async throws -> BuiltSite {
        let folder = try TemporaryFolder()
        for (name, text) in reports { try folder.write("reports/\(name)", text) }
        return try await build(in: folder, reportsFolder: folder.path + "/reports", baseURL: baseURL)
    }

    static func build(
        in folder: TemporaryFolder, reportsFolder: String, baseURL: String = "https://example.org/kvmarm/"
    ) async throws -> BuiltSite {
        let config = SiteConfig(
            title: "Test digest", baseURL: baseURL, list: "kvmarm", templates: ProjectPaths.templates,
            staticFiles: ProjectPaths.exampleSite + "/static")
        let site = SiteLocation(directory: folder.path, config: config, reportsOverride: reportsFolder)
        let output = folder.path + "/public"
        let result = try await SiteBuilder.build(BuildRequest(site: site, outputDirectory: output))
        return BuiltSite(folder: folder, output: output, result: result)
    }

    func text(_ path: String) throws -> String {
        try String(contentsOfFile: output + "/" + path, encoding: .utf8)
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output + "/" + path) }
}

@Suite struct SiteBuildTests {
    /// A build of one week's report in `folder`, with the project's templates.
    static func oneWeekRequest(in folder: TemporaryFolder) throws -> BuildRequest {
        try folder.write("reports/kvmarm_2025_week32.md", ReportFixtures.complete)
        let config = SiteConfig(
            title: "T", list: "kvmarm", templates: ProjectPaths.templates,
            staticFiles: ProjectPaths.exampleSite + "/static")
        let location = SiteLocation(directory: folder.path, config: config, reportsOverride: folder.path + "/reports")
        return BuildRequest(site: location, outputDirectory: folder.path + "/public")
    }

    /// The benchmark's page timings (`--pages`) go over every page the build wrote, each
    /// template's pages counted under it. (Only what was timed is checked, not how long it took.)
    @Test func pageTimingsCoverEveryPage() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let request = try Self.oneWeekRequest(in: folder)
        let timings = try await PageTimings.measure(request, passes: 2)
        var clean = request
        clean.clean = true
        let built = try await SiteBuilder.build(clean)
        #expect(timings.pages == built.pages && timings.pages > 5)
        let templates = Set(["home", "week", "series", "person", "person-year", "weeks", "series-index", "people"])
        for step in [timings.views, timings.rendering, timings.reference] {
            #expect(templates.isSubset(of: Set(step.byTemplate.keys)))
            #expect(step.seconds > 0 && abs(step.byTemplate.values.reduce(0, +) - step.seconds) < 1e-6)
        }
    }

    /// The benchmark's model timings (`--model`) time each step over the archive the build read.
    @Test func modelTimingsTimeEveryStepOverTheArchive() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let timings = try await ModelTimings.measure(Self.oneWeekRequest(in: folder), passes: 2)
        let archive = try await ArchiveLoader.load(folder: folder.path + "/reports")
        #expect(timings.weeks == 1 && timings.listedMessages == archive.listedMessageCount)
        #expect(timings.listedMessages > 0)
        #expect(
            timings.steps.map(\.name) == [
                "link series and people", "aggregate figures", "key pages", "data files",
            ])
        #expect(timings.steps.allSatisfy { $0.seconds > 0 })
    }

    /// The parsed reports are kept beside a site ListDigest built, and nothing but the lock is
    /// left beside a folder it refuses to replace.
    @Test func parsedReportsAreKeptOnlyBesideItsOwnSite() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        #expect(FileManager.default.fileExists(atPath: site.folder.path + "/.public.parsed"))

        try site.folder.write("precious/notes.txt", "keep me")
        let config = SiteConfig(
            title: "T", list: "kvmarm", templates: ProjectPaths.templates,
            staticFiles: ProjectPaths.exampleSite + "/static")
        let location = SiteLocation(
            directory: site.folder.path, config: config, reportsOverride: site.folder.path + "/reports")
        await #expect(throws: SiteBuildError.self) {
            _ = try await SiteBuilder.build(
                BuildRequest(site: location, outputDirectory: site.folder.path + "/precious"))
        }
        // Only the lock that builds of that output take turns on.
        let beside = try FileManager.default.contentsOfDirectory(atPath: site.folder.path)
        #expect(beside.filter { $0.hasPrefix(".precious") } == [".precious.lock"], "\(beside)")
    }

    @Test func weekPageHoldsEveryThreadWithAnchorSummaryAndMessages() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        #expect(site.result.weeks == 1 && site.result.threads == 3)
        let page = try site.text("weeks/2025-W32/index.html")
        #expect(page.contains("<html lang=\"en\">"))
        #expect(page.contains("<title>kvmarm 2025-W32</title>"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/kvmarm/weeks/2025-W32/\">"))
        #expect(page.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"))
        #expect(page.contains("id=\"kvm-x86-add-support-for-mediated-vpmus-v5\""))
        #expect(page.contains("id=\"arm64-nested-virtualization-support-v3\""))
        #expect(page.contains("id=\"kvm-arm64-fixes-for-6-17-take-1\""))
        #expect(page.contains("<strong>mediated vPMU</strong>"))
        #expect(page.contains("<div class=\"summary\" lang=\"zh-CN\">"))
        #expect(page.contains("Sandipan Das"))
        #expect(page.contains("datetime=\"2025-08-07T09:14:00\""))
        #expect(page.contains("<span class=\"badge badge-tag\">kvmtool</span>"))
        #expect(page.contains("4–10 Aug 2025"))
        #expect(site.exists("style.css"))
        #expect(site.exists(OutputWriter.markerFileName))
        // The record names the templates the build checked, for the next build to trust.
        let record = try #require(OutputWriter.builtRecord(of: site.output))
        #expect(record.inputs != nil)
        #expect(record.checkedTemplates == (try TemplateSet(directory: ProjectPaths.templates).checkedDigest))
    }

    @Test func archiveAndHomeLinkEveryWeekNewestFirst() async throws {
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2024_week52.md": ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2024-W52"),
            "kvmarm_2025_week01.md": ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W01"),
            "kvmarm_2025_week32.md": ReportFixtures.complete,
        ])
        defer { site.folder.remove() }
        let archive = try site.text("weeks/index.html")
        let w32 = try #require(archive.range(of: "href=\"../weeks/2025-W32/index.html\""))
        let w01 = try #require(archive.range(of: "href=\"../weeks/2025-W01/index.html\""))
        let w52 = try #require(archive.range(of: "href=\"../weeks/2024-W52/index.html\""))
        #expect(w32.lowerBound < w01.lowerBound && w01.lowerBound < w52.lowerBound)
        #expect(archive.contains("id=\"year-2025\"") && archive.contains("id=\"year-2024\""))

        let home = try site.text("index.html")
        #expect(home.contains("<a href=\"weeks/2025-W32/index.html\">2025-W32</a>"))
        #expect(home.contains("href=\"weeks/2025-W32/index.html#kvm-x86-add-support-for-mediated-vpmus-v5\""))
        #expect(home.contains("href=\"weeks/2025-W01/index.html\""))
        #expect(home.contains("href=\"weeks/index.html\""))

        let week01 = try site.text("weeks/2025-W01/index.html")
        #expect(week01.contains("rel=\"prev\" href=\"../../weeks/2024-W52/index.html\""))
        #expect(week01.contains("rel=\"next\" href=\"../../weeks/2025-W32/index.html\""))
    }

    @Test func countsOfOneReadInTheSingular() async throws {
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": ReportFixtures.report(threads: [ReportFixtures.thread()])
        ])
        defer { site.folder.remove() }
        let week = try site.text("weeks/2025-W32/index.html")
        #expect(week.contains("<p class=\"meta\">1 message · 1 participant"))
        #expect(week.contains("<summary>1 message</summary>"))
        let home = try site.text("index.html")
        #expect(home.contains("1 week from 2025-W32 to 2025-W32: 1 thread, 1 distinct message from 1 address."))
        #expect(home.contains("All 1 week →"))
        #expect(try site.text("people/index.html").contains("1 person, merged"))
        #expect(try site.text("weeks/index.html").contains("· 1 thread · 1 message listed"))
    }

    @Test func weeksJSONFollowsTheReports() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/weeks.json").utf8)) as? [[String: Any]])
        #expect(json.count == 1)
        let week = json[0]
        #expect(week["week"] as? String == "2025-W32")
        #expect(week["url"] as? String == "https://example.org/kvmarm/weeks/2025-W32/")
        #expect(week["declaredEmails"] as? Int == 6)
        #expect(week["declaredThreads"] as? Int == 3)
        let threads = try #require(week["threads"] as? [[String: Any]])
        #expect(
            threads.map { $0["title"] as? String } == [
                "KVM: x86: Add support for mediated vPMUs", "arm64: Nested virtualization support",
                "KVM/arm64 fixes for 6.17, take #1",
            ])
        #expect(threads.map { $0["category"] as? String } == ["PATCH", "PATCH", "GIT PULL"])
        #expect(threads.map { $0["version"] as? Int } == [5, 3, 1])
        #expect(threads.map { $0["rfc"] as? Bool } == [false, false, false])
        #expect(threads.map { $0["messages"] as? Int } == [3, 2, 1])
        #expect(threads.map { $0["declaredEmails"] as? Int } == [3, 2, 1])
        #expect(threads[0]["anchor"] as? String == "kvm-x86-add-support-for-mediated-vpmus-v5")
    }

    @Test func hostileSummariesAndSubjectsAreEscaped() async throws {
        let text = ReportFixtures.report(threads: [
            ReportFixtures.thread(
                title: "[PATCH] <script>alert('t')</script> \"quoted\"",
                summary: "<script>alert(1)</script>\n\n[click](javascript:alert(2))",
                messages:
                    "1. **[08-04 10:00]** <img src=x onerror=alert(3)>\n   - 发件人: \"<b>Evil</b>\" <evil@example.org>")
        ])
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": text])
        defer { site.folder.remove() }
        let page = try site.text("weeks/2025-W32/index.html")
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("javascript:"))
        #expect(!page.contains("<b>Evil"))
        #expect(page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &quot;quoted&quot;"))
    }

    @Test func rebuildingTheSameInputIsByteIdentical() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        let first = try site.text("weeks/2025-W32/index.html") + site.text("index.html") + site.text("data/weeks.json")
        _ = try await BuiltSite.build(in: site.folder, reportsFolder: site.folder.path + "/reports")
        let second = try site.text("weeks/2025-W32/index.html") + site.text("index.html") + site.text("data/weeks.json")
        #expect(first == second)
    }

    @Test func emptyArchiveStillBuildsAHomePage() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/reports", withIntermediateDirectories: true)
        let site = try await BuiltSite.build(in: folder, reportsFolder: folder.path + "/reports")
        #expect(try site.text("index.html").contains("No reports yet."))
        #expect(try site.text("data/weeks.json") == "[\n\n]\n")
    }
}

@Suite(.enabled(if: Corpus.isPresent, "the corpus folder ../shared/corpus/kvm-ai-robot is absent"))
struct CorpusSiteBuildTests {
    @Test func pagesAndJSONHoldWhatTheReportsHold() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let weeks = ["kvmarm_2025_week01.md", "kvmarm_2025_week20.md", "kvmarm_2025_week32.md"]
        for name in weeks {
            try folder.write("reports/\(name)", try Data(contentsOf: URL(fileURLWithPath: Corpus.folder + "/" + name)))
        }
        let site = try await BuiltSite.build(in: folder, reportsFolder: folder.path + "/reports")
        #expect(site.result.diagnostics.isEmpty)
        let archive = try await ArchiveLoader.load(folder: folder.path + "/reports")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/weeks.json").utf8)) as? [[String: Any]])
        #expect(json.map { $0["week"] as? String } == ["2025-W01", "2025-W20", "2025-W32"])
        for (report, week) in zip(archive.reports, json) {
            let threads = try #require(week["threads"] as? [[String: Any]])
            #expect(threads.count == report.threads.count)
            #expect(threads.map { $0["messages"] as? Int } == report.threads.map(\.messages.count))
            #expect(week["declaredEmails"] as? Int == report.declaredEmails)
            let page = try site.text("weeks/\(report.week.id)/index.html")
            for thread in threads {
                let anchor = try #require(thread["anchor"] as? String)
                #expect(page.contains("<article class=\"thread\" id=\"\(anchor)\">"))
            }
            #expect(page.components(separatedBy: "<article class=\"thread\"").count - 1 == report.threads.count)
            let listed = report.threads.reduce(0) { $0 + $1.messages.count }
            #expect(page.components(separatedBy: "<li><time datetime=").count - 1 == listed)
        }
        let home = try site.text("index.html")
        for name in weeks {
            let id = try ReportFileName.parse(name).get().week.id
            #expect(home.contains("weeks/\(id)/index.html"))
        }
    }
}
