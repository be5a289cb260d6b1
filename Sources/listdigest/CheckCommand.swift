import ArgumentParser
import ListDigestCommandLine
import ListDigestCore
import ListDigestSite

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read the report archive and print every problem found.",
        discussion: "Exits with status 1 when any report has an error."
    )

    @OptionGroup var location: SiteLocationOptions

    func run() async throws {
        let site = try location.loadSite()
        let archive: Archive
        do {
            archive = try await ArchiveLoader.load(folder: site.reportsDirectory)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        Terminal.printDiagnostics(archive.diagnostics)
        let diagnostics = archive.diagnostics
        print(
            "\(plural(archive.reports.count, "week")), \(plural(archive.threadCount, "thread")), "
                + "\(plural(archive.listedMessageCount, "message")), \(plural(diagnostics.warningCount, "warning")), "
                + "\(plural(diagnostics.errorCount, "error"))")
        if diagnostics.errorCount > 0 { throw ExitCode(1) }
    }
}
