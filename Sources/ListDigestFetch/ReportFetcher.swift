import Foundation
import ListDigestCore
import ListDigestSite

/// What the command layer asks for.
public struct FetchRequest: Sendable {
    public var site: SiteLocation
    /// Replaces the config's `source_url`.
    public var sourceURL: String?
    /// First week to fetch; default: the week after the newest report in the reports folder.
    public var since: ISOWeek?
    /// Last week to fetch; default: the week of `today`.
    public var until: ISOWeek?
    /// The current date (UTC), which decides the default `until`.
    public var today: CivilDate
    public var client: CurlClient.Options

    public init(
        site: SiteLocation, sourceURL: String? = nil, since: ISOWeek? = nil, until: ISOWeek? = nil,
        today: CivilDate = .today(), client: CurlClient.Options = CurlClient.Options()
    ) {
        self.site = site
        self.sourceURL = sourceURL
        self.since = since
        self.until = until
        self.today = today
        self.client = client
    }
}

/// What happened to one week.
public struct FetchedWeek: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Stored; there was no report for the week before.
        case new
        /// Stored in place of a different report.
        case updated
        /// The server said 304, or sent the very bytes already here: the file was not touched.
        case unchanged
        /// 404: not published (yet).
        case notPublished
        /// Nothing stored; the reason reads on after `error:`.
        case failed(String)
    }

    public let week: ISOWeek
    public let url: String
    /// Where the report is (or would be) kept.
    public let path: String
    public let outcome: Outcome
}

/// Progress, reported in order from the fetching task.
public enum FetchProgress: Sendable {
    case started(week: ISOWeek, url: String, index: Int, total: Int)
    case finished(FetchedWeek, index: Int, total: Int)
}

public struct FetchResult: Sendable {
    /// Every week of the range, oldest first (up to where the fetch was cancelled, if it was).
    public let weeks: [FetchedWeek]
    /// Problems that did not stop the fetch (an unreadable or unwritable state file).
    public let warnings: [Diagnostic]

    public func count(_ outcome: FetchedWeek.Outcome) -> Int { weeks.count { $0.outcome == outcome } }

    public var failures: [Diagnostic] {
        weeks.compactMap { week in
            if case .failed(let reason) = week.outcome { .error(week.url, 0, reason) } else { nil }
        }
    }

    /// `fetched 2 new, 1 updated, 3 unchanged, 40 not published, 1 failed`
    public var summary: String {
        "fetched \(count(.new)) new, \(count(.updated)) updated, \(count(.unchanged)) unchanged, "
            + "\(count(.notPublished)) not published, \(failures.count) failed"
    }
}

/// Downloads the reports of a range of weeks into the reports folder. A report is stored only when it was
/// downloaded whole and reads as a report; anything else leaves the file that was there untouched.
/// Never prints; problems come back as values or errors.
public enum ReportFetcher {
    /// A longer range is almost certainly a typo in `--since` (and would be thousands of requests).
    static let maxWeeks = 530

    public static func fetch(
        _ request: FetchRequest, progress: @Sendable (FetchProgress) -> Void = { _ in }
    ) async throws(SiteConfigError) -> FetchResult {
        let config = request.site.config
        let folder = request.site.reportsDirectory
        let base: String
        if let sourceURL = request.sourceURL {
            base = try SiteConfig.normalizedSourceURL(sourceURL, file: "--from", line: 0)
        } else if let sourceURL = config.sourceURL {
            base = sourceURL
        } else {
            let file = (request.site.directory as NSString).appendingPathComponent(SiteConfig.fileName)
            throw SiteConfigError(
                file: file, line: 0, message: "no 'source_url' to fetch from: set it in the config or give --from URL")
        }
        let weeks = try weekRange(request, folder: folder)
        var warnings: [Diagnostic] = []
        let statePath = (folder as NSString).appendingPathComponent(FetchState.fileName)
        var state: FetchState
        do {
            state = try FetchState.load(folder: folder)
        } catch {
            warnings.append(.warning(statePath, 0, "cannot read the fetch state, starting afresh: \(error)"))
            state = FetchState()
        }
        let initialState = state
        if !weeks.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw SiteConfigError(
                    file: folder, line: 0, message: "cannot create the reports folder: \(error.localizedDescription)")
            }
        }
        let client = CurlClient(options: request.client)
        var results: [FetchedWeek] = []
        for (index, week) in weeks.enumerated() where !Task.isCancelled {
            let name = ReportFileName(listName: config.list, week: week).fileName
            let url = "\(base)/\(name)"
            progress(.started(week: week, url: url, index: index + 1, total: weeks.count))
            let path = (folder as NSString).appendingPathComponent(name)
            let outcome = await fetchWeek(
                week, url: url, path: path, name: name, list: config.list, client: client, state: &state)
            let result = FetchedWeek(week: week, url: url, path: path, outcome: outcome)
            results.append(result)
            progress(.finished(result, index: index + 1, total: weeks.count))
        }
        if state != initialState {
            do {
                try state.save(folder: folder)
            } catch {
                warnings.append(.warning(statePath, 0, "cannot save the fetch state: \(error)"))
            }
        }
        return FetchResult(weeks: results, warnings: warnings)
    }

    /// `since...until`, each defaulted as documented; empty when the newest report is already this week's.
    static func weekRange(_ request: FetchRequest, folder: String) throws(SiteConfigError) -> [ISOWeek] {
        let until = request.until ?? ISOWeek(containing: request.today)
        let since: ISOWeek
        if let given = request.since {
            since = given
            guard since <= until else {
                throw SiteConfigError(file: "--since", line: 0, message: "\(since) is after the last week, \(until)")
            }
        } else if let newest = newestReport(in: folder, list: request.site.config.list) {
            since = newest.adding(weeks: 1)
        } else {
            throw SiteConfigError(
                file: folder, line: 0,
                message:
                    "no \(request.site.config.list) reports here yet: give --since YYYY-Www, the first week to fetch")
        }
        var weeks: [ISOWeek] = []
        var week = since
        while week <= until {
            guard weeks.count < maxWeeks else {
                throw SiteConfigError(
                    file: "--since", line: 0,
                    message: "\(since) to \(until) is more than \(maxWeeks) weeks; fetch a shorter range")
            }
            weeks.append(week)
            week = week.adding(weeks: 1)
        }
        return weeks
    }

    /// The latest week with a report of `list` in `folder`, nil when there is none (or no folder).
    static func newestReport(in folder: String, list: String) -> ISOWeek? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.compactMap { name -> ISOWeek? in
            guard case .success(let fileName) = ReportFileName.parse(name), fileName.listName == list else {
                return nil
            }
            return fileName.week
        }.max()
    }

    private static func fetchWeek(
        _ week: ISOWeek, url: String, path: String, name: String, list: String, client: CurlClient,
        state: inout FetchState
    ) async -> FetchedWeek.Outcome {
        let existing = FileManager.default.contents(atPath: path)
        // Without the file, "not modified" would leave nothing: ask unconditionally.
        let headers = existing == nil ? [] : state.conditionalHeaders(for: name, url: url)
        let response: CurlClient.Response
        switch await client.get(url, headers: headers) {
        case .failure(let failure): return .failed(failure.description)
        case .success(let success): response = success
        }
        let retried = response.attempts > 1 ? " (after \(response.attempts) attempts)" : ""
        switch response.status {
        case 304 where existing != nil && !headers.isEmpty:
            return .unchanged
        case 404:
            return .notPublished
        case 200:
            break
        default:
            return .failed("HTTP \(response.status)\(retried)")
        }
        if let problem = unreadableReason(response.body, source: ReportSource(path: url, week: week, listName: list)) {
            return .failed("unreadable: \(problem)")
        }
        state.record(response, for: name, url: url)
        if existing == response.body { return .unchanged }
        do {
            try AtomicFile.write(response.body, to: path)
        } catch {
            return .failed(error.description)
        }
        return existing == nil ? .new : .updated
    }

    /// Why a download is not a report worth storing, or nil when it is one: read like a report file.
    static func unreadableReason(_ body: Data, source: ReportSource) -> String? {
        let parsed = ArchiveLoader.parseReport(body, source: source)
        if let error = parsed.diagnostics.first(where: { $0.severity == .error }) {
            let more =
                parsed.diagnostics.errorCount > 1 ? " (and \(parsed.diagnostics.errorCount - 1) more errors)" : ""
            return (error.line > 0 ? "line \(error.line): " : "") + error.message + more
        }
        return parsed.report == nil ? "no report in the download" : nil
    }
}

extension CivilDate {
    /// Today's date in UTC.
    public static func today(now: Date = Date()) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}
