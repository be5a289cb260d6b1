import ArgumentParser
import Foundation
import ListDigestCommandLine
import ListDigestCore
import ListDigestSite
import Synchronization

struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from the reports (the default command).",
        discussion: """
            The new site is written beside the output folder and swapped in only when complete, \
            so a failed build leaves the previous site as it was. The site it replaces is kept \
            beside it as .<output>.previous, which the next build brings up to date.
            """
    )

    @OptionGroup var location: SiteLocationOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the site.", valueName: "dir"))
    var output = "public"

    @Option(
        name: .long,
        help: ArgumentHelp("The URL the site is published under (default: the config's 'base_url').", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Fail without writing when a report has errors.")
    var strict = false

    @Flag(name: .long, help: "Ignore every cache and rebuild from scratch.")
    var clean = false

    @Flag(name: .long, help: "Print how long each step of the build took.")
    var timings = false

    @Flag(
        name: .long,
        help: "Fetch new reports first, as 'fetch' does by default; build even if that fails, then exit with status 1.")
    var fetch = false

    func run() async throws {
        let site = try location.loadSite()
        let fetched = fetch ? await FetchProgram.fetch(location) : true
        let started = Date()
        let result: BuildResult
        do {
            result = try await SiteBuilder.build(
                BuildRequest(site: site, outputDirectory: output, baseURL: baseURL, strict: strict, clean: clean),
                progress: { event in
                    switch event {
                    case .reading(let folder): Terminal.status("reading \(folder)")
                    case .rendering(let done, let total): Terminal.status("rendering [\(done)/\(total)]")
                    case .writing(let files): Terminal.status("writing \(plural(files, "file"))")
                    case .waitingForLock:
                        Terminal.clearStatus()
                        Terminal.error("waiting for another build to finish writing \(output)")
                    }
                })
        } catch let error as SiteBuildError {
            Terminal.clearStatus()
            Terminal.error(error.description)
            throw ExitCode(1)
        } catch let error as SiteConfigError {
            Terminal.clearStatus()
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        // The process exits after this command: its memory goes back whole, not message by message.
        keptUntilExit.withLock { $0.append(result.model) }
        Terminal.clearStatus()
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        if result.upToDate {
            print(
                "up to date: nothing changed since the last build of \(result.outputDirectory) (checked in \(seconds)s)"
            )
        } else {
            Terminal.printDiagnostics(result.diagnostics)
            print(
                "built \(plural(result.weeks, "week")), \(plural(result.threads, "thread")): "
                    + "\(plural(result.pages, "page")) (\(formatCount(result.pages - result.pagesReused)) written, "
                    + "\(formatCount(result.pagesReused)) unchanged), \(plural(result.files, "file")) in "
                    + "\(result.outputDirectory) (\(plural(result.diagnostics.warningCount, "warning")), "
                    + "\(plural(result.diagnostics.errorCount, "error"))) in \(seconds)s"
            )
        }
        if timings {
            for step in result.phases.steps {
                print(
                    "  " + step.name.padding(toLength: 24, withPad: " ", startingAt: 0)
                        + String(format: "%8.1f ms", step.seconds * 1000) + Self.coresBusy(step))
            }
            print("  " + Self.inputsRead(result))
            if !result.upToDate { print("  " + Self.takenOver(result)) }
            print(
                "  memory: " + (AllocatorTuning.hugePages ? "heaps on transparent huge pages" : "heaps on 4 KB pages")
                    + ", \(plural(AllocatorTuning.pageFaults, "page fault"))")
        }
        if !fetched { throw ExitCode(1) }
    }
}

extension BuildCommand {
    /// `, 1.4 cores busy`: the step's CPU time over its time on the clock; nothing for a step
    /// too short to tell.
    static func coresBusy(_ step: (name: String, seconds: Double, cpuSeconds: Double)) -> String {
        guard step.seconds >= 0.001 else { return "" }
        return String(format: ", %.1f cores busy", step.cpuSeconds / step.seconds)
    }

    /// How many input files were read to tell whether they changed: few when the digests kept
    /// beside the output were kept between runs.
    static func inputsRead(_ result: BuildResult) -> String {
        let (read, files) = result.inputFilesRead
        return "inputs: \(formatCount(read)) of \(plural(files, "file")) read, "
            + "the others stamped as when an earlier build read them"
    }

    /// What the build took over from the one before (its caches and the site in place): what
    /// shows whether they were kept between runs, as on a CI runner that caches them.
    static func takenOver(_ result: BuildResult) -> String {
        "taken over: \(formatCount(result.pagesReused)) of \(plural(result.pages, "page")), "
            + "the summaries of \(formatCount(result.threads - result.summariesRendered)) of "
            + "\(plural(result.threads, "thread")), \(plural(result.dataEntriesCopied, "data file entry", "data file entries")); "
            + "message table \(result.messageTableExtended ? "extended" : "numbered afresh"); "
            + (result.previousFoldersRead.map {
                "written into the site before: \(formatCount($0.read)) of \(plural($0.of, "folder")) read"
            } ?? "written into an empty folder")
    }
}

/// What the command leaves for the process's exit to free (see `BuildResult.model`).
private let keptUntilExit = Mutex<[(any Sendable)?]>([])
