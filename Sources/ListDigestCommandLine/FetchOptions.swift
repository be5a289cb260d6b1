import ArgumentParser
import ListDigestCore

/// What `listdigest fetch` reads from the command line, and listdigest-fetch, which does the
/// fetching, reads again.
package struct FetchOptions: ParsableArguments {
    @OptionGroup package var location: SiteLocationOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The URL the reports are published under (default: the config's 'source_url').", valueName: "url"))
    package var from: String?

    @Option(
        name: .long,
        help: ArgumentHelp("First week to fetch (default: the week after the newest report).", valueName: "YYYY-Www"))
    package var since: String?

    @Option(name: .long, help: ArgumentHelp("Last week to fetch (default: the current week).", valueName: "YYYY-Www"))
    package var until: String?

    package init() {}

    package func validate() throws {
        for (option, value) in [("--since", since), ("--until", until)] {
            if let value, ISOWeek(id: value) == nil {
                throw ValidationError("\(option) '\(value)' is not an ISO week such as 2025-W32")
            }
        }
    }

    /// The same options, as a command line gives them.
    package var arguments: [String] {
        location.arguments
            + [("--from", from), ("--since", since), ("--until", until)].flatMap { option, value in
                value.map { [option, $0] } ?? []
            }
    }

    /// How `fetch` describes itself, in both programs.
    package static let abstract = "Download the reports published since the newest one in the reports folder."
    package static let discussion = """
        Downloads <from>/<list>_<year>_week<WW>.md for every ISO week from --since to --until. \
        A week not published yet (404) is skipped; a report is stored only when downloaded whole and readable. \
        Exits with status 1 when any week failed.
        """
}
