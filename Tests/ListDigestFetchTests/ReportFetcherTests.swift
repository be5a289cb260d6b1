import FlyingFox
import Foundation
import ListDigestCore
import ListDigestFetch
import ListDigestSite
import ListDigestTestSupport
import Testing

/// A site with an empty reports folder, fetched into with short timeouts so failures come fast.
struct FetchSite {
    let folder: TemporaryFolder
    let site: SiteLocation

    init() throws {
        folder = try TemporaryFolder()
        site = SiteLocation(
            directory: folder.path, config: SiteConfig(title: "Test", list: "kvmarm"),
            reportsOverride: (folder.path as NSString).appendingPathComponent("reports"))
        try FileManager.default.createDirectory(atPath: site.reportsDirectory, withIntermediateDirectories: true)
    }

    static let fast: CurlClient.Options = {
        var options = CurlClient.Options()
        // Long enough for a busy two-core CI machine, where the suites that build sites can keep
        // the test server from answering for seconds; the tests of timeouts set their own.
        options.connectTimeout = .seconds(30)
        options.totalTimeout = .seconds(30)
        options.stallBytesPerSecond = 100
        options.stallTime = .seconds(15)
        options.retries = 1
        options.retryDelay = .milliseconds(20)
        options.maxBytes = 64 << 10
        return options
    }()

    func fetch(
        from server: LocalServer, since: String? = nil, until: String? = nil, today: CivilDate? = nil,
        options: CurlClient.Options = fast
    ) async throws -> FetchResult {
        try await ReportFetcher.fetch(
            FetchRequest(
                site: site, sourceURL: server.base, since: since.flatMap(ISOWeek.init(id:)),
                until: until.flatMap(ISOWeek.init(id:)), today: today ?? CivilDate(year: 2025, month: 8, day: 6)!,
                client: options))
    }

    /// Fetches 2025-W32 alone and says how long it took.
    func timedFetchOfOneWeek(
        from server: LocalServer, options: CurlClient.Options = fast
    ) async throws -> (
        FetchResult, Duration
    ) {
        let started = ContinuousClock.now
        let result = try await fetch(from: server, since: "2025-W32", until: "2025-W32", options: options)
        return (result, ContinuousClock.now - started)
    }

    static func fileName(_ week: String) -> String {
        ReportFileName(listName: "kvmarm", week: ISOWeek(id: week)!).fileName
    }

    func path(_ week: String) -> String {
        (site.reportsDirectory as NSString).appendingPathComponent(Self.fileName(week))
    }

    func write(_ week: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(week)))
    }

    func contents(_ week: String) -> Data? { FileManager.default.contents(atPath: path(week)) }

    /// Inode and modification time: both change when a file is rewritten.
    func identity(_ week: String) throws -> (inode: Int, modified: Date) {
        let attributes = try FileManager.default.attributesOfItem(atPath: path(week))
        return ((attributes[.systemFileNumber] as! NSNumber).intValue, attributes[.modificationDate] as! Date)
    }

    /// Sets the modification time far in the past, so that any rewrite shows.
    func backdate(_ week: String) throws {
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)], ofItemAtPath: path(week))
    }

    var reportFolderListing: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.reportsDirectory)) ?? []).sorted()
    }
}

/// Two different readable reports, and what the server sends for them.
enum Reports {
    static let first = ReportFixtures.complete
    static let second = ReportFixtures.report(threads: [ReportFixtures.thread()])

    static func response(_ text: String, etag: String) -> HTTPResponse {
        .report(text, headers: [.eTag: etag, .lastModified: "Mon, 11 Aug 2025 02:00:00 GMT"])
    }
}

@Suite(.serialized) struct ReportFetcherTests {
    @Test func fixturesAreReadableReports() {
        for text in [Reports.first, Reports.second] {
            let parsed = ReportFixtures.parse(text)
            #expect(parsed.report != nil)
            #expect(parsed.diagnostics.errorCount == 0)
        }
    }

    @Test func storesNewReportsAndSkipsUnpublishedWeeks() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        let server = try await LocalServer { file, _, _ in
            switch file {
            case FetchSite.fileName("2025-W31"): Reports.response(Reports.first, etag: "\"w31\"")
            case FetchSite.fileName("2025-W32"): Reports.response(Reports.second, etag: "\"w32\"")
            default: nil
            }
        }
        let result = try await site.fetch(from: server, since: "2025-W30", until: "2025-W33")
        await server.stop()

        #expect(result.weeks.map(\.week.id) == ["2025-W30", "2025-W31", "2025-W32", "2025-W33"])
        #expect(result.weeks.map(\.outcome) == [.notPublished, .new, .new, .notPublished])
        #expect(result.summary == "fetched 2 new, 0 updated, 0 unchanged, 2 not published, 0 failed")
        #expect(result.failures.isEmpty && result.warnings.isEmpty)
        #expect(result.weeks[1].url == "\(server.base)/kvmarm_2025_week31.md")
        #expect(site.contents("2025-W31") == Data(Reports.first.utf8))
        #expect(site.contents("2025-W32") == Data(Reports.second.utf8))
        #expect(site.contents("2025-W30") == nil)
        #expect(site.reportFolderListing == [".fetch-state.json", "kvmarm_2025_week31.md", "kvmarm_2025_week32.md"])
        let state = try String(contentsOfFile: site.site.reportsDirectory + "/.fetch-state.json", encoding: .utf8)
        #expect(state.contains(#""etag" : "\"w31\"""#))
        #expect(state.contains(#""lastModified" : "Mon, 11 Aug 2025 02:00:00 GMT""#))

        // One request per week; a loaded machine may time one out and retry it (CurlClient's
        // documented behaviour), never ask for anything else.
        let requests = await server.requests
        #expect(
            Set(requests.map(\.file))
                == Set(["2025-W30", "2025-W31", "2025-W32", "2025-W33"].map(FetchSite.fileName)))
        #expect(requests.count >= 4 && requests.count <= 8)
        for request in requests {
            #expect(request.headers[HTTPHeader("User-Agent")] == "ListDigest/\(ListDigestVersion.current)")
            #expect(request.headers[HTTPHeader("Accept-Encoding")]?.contains("gzip") == true)
            #expect(request.headers[.ifNoneMatch] == nil)
        }
    }

    @Test func retriesAfterAServerError() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        let server = try await LocalServer { file, _, count in
            switch file {
            case FetchSite.fileName("2025-W32") where count == 1: HTTPResponse(statusCode: .internalServerError)
            case FetchSite.fileName("2025-W32"): .report(Reports.first)
            case FetchSite.fileName("2025-W33"): HTTPResponse(statusCode: .serviceUnavailable)
            default: nil
            }
        }
        let result = try await site.fetch(from: server, since: "2025-W32", until: "2025-W33")
        await server.stop()

        #expect(result.weeks.map(\.outcome) == [.new, .failed("HTTP 503 (after 2 attempts)")])
        #expect(await server.requests(for: FetchSite.fileName("2025-W32")).count == 2)
        #expect(await server.requests(for: FetchSite.fileName("2025-W33")).count == 2)
        #expect(site.contents("2025-W32") == Data(Reports.first.utf8))
        #expect(
            result.failures.map(\.description) == [
                "\(server.base)/kvmarm_2025_week33.md: error: HTTP 503 (after 2 attempts)"
            ])
        #expect(result.summary == "fetched 1 new, 0 updated, 0 unchanged, 0 not published, 1 failed")
    }

    @Test func abandonsAStalledTransfer() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        let body = Data(Reports.first.utf8)
        // 10 bytes every 0.4 s: far below 100 bytes a second.
        let pieces = stride(from: 0, to: body.count, by: 10).map { body[$0..<min($0 + 10, body.count)] }
        let server = try await LocalServer { _, _, _ in
            .scripted(pieces.map { Data($0) }, pause: .milliseconds(400), announcing: body.count)
        }
        var options = FetchSite.fast
        options.stallTime = .seconds(5)
        let (result, elapsed) = try await site.timedFetchOfOneWeek(from: server, options: options)
        await server.stop()

        let reason = try #require(result.reasons.first ?? nil)
        #expect(reason.hasPrefix("timed out: "))
        #expect(reason.hasSuffix("(after 2 attempts)"))
        #expect(elapsed < .seconds(20), "aborted long before the trickle would end")
        #expect(site.reportFolderListing.isEmpty)
    }

    @Test func abandonsATransferPastTheTotalTimeout() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        var options = FetchSite.fast
        options.stallBytesPerSecond = 1
        options.totalTimeout = .milliseconds(1500)
        options.retries = 0
        // Steady (1 kB a second), but never done in time.
        let server = try await LocalServer { _, _, _ in
            .scripted(Array(repeating: Data(repeating: 0x41, count: 100), count: 100), pause: .milliseconds(100))
        }
        let (result, elapsed) = try await site.timedFetchOfOneWeek(from: server, options: options)
        await server.stop()

        let reason = try #require(result.reasons.first ?? nil)
        #expect(reason.hasPrefix("timed out: "))
        #expect(elapsed < .seconds(10))
        #expect(site.reportFolderListing.isEmpty)
    }

    @Test func refusesATruncatedDownload() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        try site.write("2025-W32", Reports.first)
        let body = Data(Reports.second.utf8)
        let server = try await LocalServer { _, _, _ in
            .scripted([body.prefix(200)], pause: .zero, announcing: body.count)
        }
        let result = try await site.fetch(from: server, since: "2025-W32", until: "2025-W32")
        await server.stop()

        let reason = try #require(result.reasons.first ?? nil)
        #expect(reason.hasPrefix("incomplete download: "))
        #expect(site.contents("2025-W32") == Data(Reports.first.utf8))
        #expect(site.reportFolderListing == ["kvmarm_2025_week32.md"])
    }

    @Test func refusesAnOversizeDownload() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        var options = FetchSite.fast
        options.maxBytes = 4096
        let big = Reports.first + String(repeating: "padding line\n", count: 1000)
        let server = try await LocalServer { file, _, _ in
            switch file {
            // Announced: libcurl refuses on the Content-Length.
            case FetchSite.fileName("2025-W32"): .report(big)
            // Chunked, no length: the write callback counts.
            case FetchSite.fileName("2025-W33"):
                .scripted(Array(repeating: Data(repeating: 0x41, count: 3000), count: 4), pause: .zero)
            default: nil
            }
        }
        let result = try await site.fetch(from: server, since: "2025-W32", until: "2025-W33", options: options)
        await server.stop()

        #expect(result.weeks.map(\.outcome) == [.failed("larger than 4096 bytes"), .failed("larger than 4096 bytes")])
        #expect(site.reportFolderListing.isEmpty)
    }

    @Test func refusesARedirectToAFileURL() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        // A readable report on disk: following the redirect would "succeed".
        try site.folder.write("elsewhere/kvmarm_2025_week32.md", Reports.first)
        let target = "file://\(site.folder.path)/elsewhere/kvmarm_2025_week32.md"
        let server = try await LocalServer { _, _, _ in
            HTTPResponse(statusCode: .found, headers: HTTPHeaders([.location: target]))
        }
        let result = try await site.fetch(from: server, since: "2025-W32", until: "2025-W32")
        await server.stop()

        let reason = try #require(result.reasons.first ?? nil)
        #expect(reason.hasPrefix("refused: "))
        #expect(site.reportFolderListing.isEmpty)
    }

    @Test func refusesSchemesOtherThanHTTP() async throws {
        let failure = try #require(await CurlClient().get("file:///etc/hostname").failure)
        #expect(failure.kind == .refusedProtocol)

        let site = try FetchSite()
        defer { site.folder.remove() }
        await #expect(throws: SiteConfigError.self) {
            try await ReportFetcher.fetch(
                FetchRequest(site: site.site, sourceURL: "file:///etc", since: ISOWeek(id: "2025-W32")))
        }
    }

    @Test func cancellingStopsATransferAtOnce() async throws {
        let server = try await LocalServer { _, _, _ in
            .scripted(Array(repeating: Data(repeating: 0x41, count: 10), count: 100), pause: .milliseconds(200))
        }
        var options = FetchSite.fast
        options.stallBytesPerSecond = 1
        let client = CurlClient(options: options)
        let started = ContinuousClock.now
        let transfer = Task { await client.get("\(server.base)/kvmarm_2025_week32.md") }
        try await Task.sleep(for: .milliseconds(300))
        transfer.cancel()
        let result = await transfer.value
        let elapsed = ContinuousClock.now - started
        await server.stop()

        #expect(result.failure?.kind == .cancelled)
        #expect(elapsed < .seconds(5))
    }

    @Test func replacesAChangedReport() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        // The first request gets the first version; later ones the second, unless they already have it.
        let server = try await LocalServer { _, request, count in
            if count == 1 { return Reports.response(Reports.first, etag: "\"v1\"") }
            if request.headers[.ifNoneMatch] == "\"v2\"" { return HTTPResponse(statusCode: .notModified) }
            return Reports.response(Reports.second, etag: "\"v2\"")
        }
        let first = try await site.fetch(from: server, since: "2025-W32", until: "2025-W32")
        let second = try await site.fetch(from: server, since: "2025-W32", until: "2025-W32")
        let third = try await site.fetch(from: server, since: "2025-W32", until: "2025-W32")
        await server.stop()

        #expect([first, second, third].map { $0.weeks.map(\.outcome) } == [[.new], [.updated], [.unchanged]])
        #expect(site.contents("2025-W32") == Data(Reports.second.utf8))
        let requests = await server.requests
        #expect(requests.map { $0.headers[.ifNoneMatch] } == [nil, "\"v1\"", "\"v2\""])
        #expect(second.summary == "fetched 0 new, 1 updated, 0 unchanged, 0 not published, 0 failed")
        #expect(site.reportFolderListing == [".fetch-state.json", "kvmarm_2025_week32.md"])
    }

    @Test func leavesAnUnchangedReportUntouched() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        let server = try await LocalServer { _, request, _ in
            if request.headers[.ifNoneMatch] == "\"v1\"" { return HTTPResponse(statusCode: .notModified) }
            return Reports.response(Reports.first, etag: "\"v1\"")
        }
        let first = try await site.fetch(from: server, since: "2025-W32", until: "2025-W32")
        try site.backdate("2025-W32")
        let before = try site.identity("2025-W32")
        let second = try await site.fetch(from: server, since: "2025-W32", until: "2025-W32")
        await server.stop()

        #expect(first.weeks.map(\.outcome) == [.new])
        #expect(second.weeks.map(\.outcome) == [.unchanged])
        #expect(second.summary == "fetched 0 new, 0 updated, 1 unchanged, 0 not published, 0 failed")
        let after = try site.identity("2025-W32")
        #expect(after.inode == before.inode)
        #expect(after.modified == before.modified)
        #expect(site.contents("2025-W32") == Data(Reports.first.utf8))
        let conditional = try #require(await server.requests.last)
        #expect(conditional.headers[.ifNoneMatch] == "\"v1\"")
        #expect(conditional.headers[.ifModifiedSince] == "Mon, 11 Aug 2025 02:00:00 GMT")
    }

    @Test func doesNotRewriteTheSameBytesFromAServerWithoutValidators() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        try site.write("2025-W32", Reports.first)
        try site.backdate("2025-W32")
        let before = try site.identity("2025-W32")
        let server = try await LocalServer { _, _, _ in .report(Reports.first) }
        let result = try await site.fetch(from: server, since: "2025-W32", until: "2025-W32")
        await server.stop()

        #expect(result.weeks.map(\.outcome) == [.unchanged])
        let after = try site.identity("2025-W32")
        #expect(after.inode == before.inode && after.modified == before.modified)
    }

    @Test func aFailedDownloadLeavesTheReportAsItWas() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        let weeks = ["2025-W30", "2025-W31", "2025-W32", "2025-W33", "2025-W34"]
        for week in weeks { try site.write(week, Reports.first + "\n<!-- kept \(week) -->\n") }
        let listing = site.reportFolderListing
        let broken = ReportFixtures.report(threads: [ReportFixtures.thread(stats: nil)])
        let replacement = Data(Reports.second.utf8)
        let server = try await LocalServer { file, _, _ in
            switch file {
            case FetchSite.fileName("2025-W30"): HTTPResponse(statusCode: .internalServerError)
            case FetchSite.fileName("2025-W31"):
                .scripted([replacement.prefix(100)], pause: .zero, announcing: replacement.count)
            case FetchSite.fileName("2025-W32"): .report("<html><body>Rate limited</body></html>")
            case FetchSite.fileName("2025-W33"): .report(broken)
            case FetchSite.fileName("2025-W34"): HTTPResponse(statusCode: .forbidden)
            default: nil
            }
        }
        let result = try await site.fetch(from: server, since: "2025-W30", until: "2025-W34")
        await server.stop()

        let reasons = result.reasons.map { $0 ?? "not failed" }
        #expect(reasons[0] == "HTTP 500 (after 2 attempts)")
        #expect(reasons[1].hasPrefix("incomplete download: "))
        #expect(reasons[2] == "unreadable: line 1: not a weekly report: no statistics, categories or threads found")
        #expect(reasons[3].hasPrefix("unreadable: line "))
        #expect(reasons[4] == "HTTP 403")
        #expect(result.summary == "fetched 0 new, 0 updated, 0 unchanged, 0 not published, 5 failed")
        for week in weeks {
            #expect(site.contents(week) == Data((Reports.first + "\n<!-- kept \(week) -->\n").utf8))
        }
        #expect(site.reportFolderListing == listing)
    }

    @Test func defaultRangeRunsFromAfterTheNewestReportToThisWeek() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        try site.write("2025-W30", Reports.first)
        try site.folder.write("reports/otherlist_2025_week40.md", Reports.first)
        let server = try await LocalServer { _, _, _ in nil }
        // 2025-08-06 is in 2025-W32.
        let result = try await site.fetch(from: server)
        #expect(result.weeks.map(\.week.id) == ["2025-W31", "2025-W32"])
        #expect(await server.requests.map(\.file) == ["kvmarm_2025_week31.md", "kvmarm_2025_week32.md"])

        try site.write("2025-W32", Reports.first)
        let upToDate = try await site.fetch(from: server)
        #expect(upToDate.weeks.isEmpty)
        #expect(await server.requests.count == 2)
        await server.stop()
    }

    @Test func aFirstFetchNeedsAStartWeekAndASource() async throws {
        let site = try FetchSite()
        defer { site.folder.remove() }
        do {
            _ = try await ReportFetcher.fetch(FetchRequest(site: site.site, sourceURL: "http://127.0.0.1:9/docs"))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("--since"))
        }
        do {
            _ = try await ReportFetcher.fetch(FetchRequest(site: site.site, since: ISOWeek(id: "2025-W32")))
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("source_url"))
        }
    }

    @Test func readsTheSourceURLSetting() throws {
        let config = try SiteConfig.parse(
            "list = \"kvmarm\"\nsource_url = \"https://example.org/docs/\"\n", file: "config.toml")
        #expect(config.sourceURL == "https://example.org/docs")
        #expect(try SiteConfig.parse("list = \"kvmarm\"\n", file: "config.toml").sourceURL == nil)
        #expect(throws: SiteConfigError.self) {
            try SiteConfig.parse("list = \"kvmarm\"\nsource_url = \"file:///srv/docs\"\n", file: "config.toml")
        }
    }

    @Test func theExampleSiteFetchesFromThePublisher() throws {
        let site = try SiteLocation.load(directory: ProjectPaths.exampleSite)
        #expect(site.config.sourceURL == "https://raw.githubusercontent.com/onlinefchen/kvm-ai-robot/main/docs")
    }
}

extension FetchResult {
    /// Each week's failure reason; nil for a week that did not fail.
    fileprivate var reasons: [String?] {
        weeks.map { week in
            if case .failed(let reason) = week.outcome { reason } else { nil }
        }
    }
}

extension Result {
    fileprivate var failure: Failure? {
        if case .failure(let failure) = self { failure } else { nil }
    }
}
