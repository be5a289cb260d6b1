import ArgumentParser
import ListDigestSite

@main
struct ListDigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listdigest",
        abstract: "Turns an archive of weekly mailing-list reports into a static website.",
        version: ListDigestVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, FetchCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
