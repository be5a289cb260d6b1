import ArgumentParser
import ListDigestSite

struct SiteLocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder, holding config.toml.", valueName: "dir"))
    var site = "Site"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The reports folder (default: the config's 'reports', relative to the site).", valueName: "dir"))
    var reports: String?

    /// Reads the site config; a broken config is a one-line error and exit status 1.
    func loadSite() throws -> SiteLocation {
        do {
            return try SiteLocation.load(directory: site, reportsOverride: reports)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }
}
