import ArgumentParser
import Foundation
import ListDigestCommandLine
import ListDigestCore
import ListDigestFetch
import ListDigestSite

/// `listdigest fetch` runs this program, which alone loads libcurl (see `FetchProgram`).
@main
struct FetchTool: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listdigest-fetch",
        abstract: FetchOptions.abstract + " (What 'listdigest fetch' runs.)",
        discussion: FetchOptions.discussion,
        version: ListDigestVersion.current
    )

    @OptionGroup var options: FetchOptions

    func run() async throws {
        let site = try options.location.loadSite()
        let request = FetchRequest(
            site: site, sourceURL: options.from, since: options.since.flatMap(ISOWeek.init(id:)),
            until: options.until.flatMap(ISOWeek.init(id:)))
        if !(await Self.fetch(request)) { throw ExitCode(1) }
    }

    /// Fetches, showing a line per week on a terminal, and always the failures and a summary line.
    /// Returns false when the fetch could not start or any week failed.
    static func fetch(_ request: FetchRequest) async -> Bool {
        let result: FetchResult
        do {
            result = try await ReportFetcher.fetch(
                request,
                progress: { event in
                    switch event {
                    case .started(let week, _, let index, let total):
                        Terminal.status("fetching \(week) [\(index)/\(total)]")
                    case .finished(let week, _, _):
                        Terminal.clearStatus()
                        if case .failed(let reason) = week.outcome {
                            Terminal.error(Diagnostic.error(week.url, 0, reason).description)
                        } else if Terminal.isInteractive {
                            Terminal.error("\(week.week) \(week.outcome.label)")
                        }
                    }
                })
        } catch {
            Terminal.clearStatus()
            Terminal.error(error.description)
            return false
        }
        Terminal.printDiagnostics(result.warnings)
        print(result.summary)
        return result.failures.isEmpty
    }
}

extension FetchedWeek.Outcome {
    fileprivate var label: String {
        switch self {
        case .new: "new"
        case .updated: "updated"
        case .unchanged: "unchanged"
        case .notPublished: "not published"
        case .failed(let reason): "failed: \(reason)"
        }
    }
}
