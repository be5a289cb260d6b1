import ArgumentParser
import ListDigestSite

package struct SiteLocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder, holding config.toml.", valueName: "dir"))
    package var site = "Site"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The reports folder (default: the config's 'reports', relative to the site).", valueName: "dir"))
    package var reports: String?

    /// Reads the site config; a broken config is a one-line error and exit status 1.
    package func loadSite() throws -> SiteLocation {
        do {
            return try SiteLocation.load(directory: site, reportsOverride: reports)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }

    package init() {}

    /// The same options, as a command line gives them.
    package var arguments: [String] {
        ["--site", site] + (reports.map { ["--reports", $0] } ?? [])
    }
}
