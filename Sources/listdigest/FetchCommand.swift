import ArgumentParser
import Foundation
import ListDigestCore
import ListDigestSite

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download the reports published since the newest one in the reports folder.",
        discussion: """
            Downloads <from>/<list>_<year>_week<WW>.md for every ISO week from --since to --until. \
            A week not published yet (404) is skipped; a report is stored only when downloaded whole and readable. \
            Exits with status 1 when any week failed.
            """
    )

    @OptionGroup var location: SiteLocationOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The URL the reports are published under (default: the config's 'source_url').", valueName: "url"))
    var from: String?

    @Option(
        name: .long,
        help: ArgumentHelp("First week to fetch (default: the week after the newest report).", valueName: "YYYY-Www"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Last week to fetch (default: the current week).", valueName: "YYYY-Www"))
    var until: String?

    func validate() throws {
        for (option, value) in [("--since", since), ("--until", until)] {
            if let value, ISOWeek(id: value) == nil {
                throw ValidationError("\(option) '\(value)' is not an ISO week such as 2025-W32")
            }
        }
    }

    func run() async throws {
        let site = try location.loadSite()
        let request = FetchRequest(
            site: site, sourceURL: from, since: since.flatMap(ISOWeek.init(id:)),
            until: until.flatMap(ISOWeek.init(id:)))
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
