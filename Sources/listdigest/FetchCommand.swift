import ArgumentParser
import Foundation
import ListDigestCommandLine

struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: FetchOptions.abstract, discussion: FetchOptions.discussion)

    @OptionGroup var options: FetchOptions

    /// listdigest-fetch takes this process's place, with the same options.
    func run() throws {
        let program = try FetchProgram.locate()
        let error = FetchProgram.replaceProcess(with: program, arguments: options.arguments)
        Terminal.error("cannot run \(program): \(error)")
        throw ExitCode(1)
    }
}

/// listdigest-fetch: `fetch` and `build --fetch` run it. Only it loads libcurl and the thirty
/// libraries libcurl needs: loaded by every start of this program, they took half of it (a no-op
/// build took a quarter longer), though only fetching uses them. So git runs its HTTP transport,
/// git-remote-https, as a program of its own. It is built beside this one and installed with it.
enum FetchProgram {
    static let name = "listdigest-fetch"

    /// The program beside this one (links to this one followed).
    static func locate() throws -> String {
        let executable = Bundle.main.executableURL?.resolvingSymlinksInPath()
        let folder = executable?.deletingLastPathComponent().path ?? "."
        let program = folder + "/" + name
        guard FileManager.default.isExecutableFile(atPath: program) else {
            Terminal.error(
                "\(name) is missing beside \(executable?.path ?? "listdigest") (looked for \(program)): it is "
                    + "installed beside listdigest; from a checkout, `swift build` builds both "
                    + "(`swift run` only the one it runs)")
            throw ExitCode(1)
        }
        return program
    }

    /// Runs `program` with `arguments` in this process's place; returns only on failure, with
    /// the reason.
    static func replaceProcess(with program: String, arguments: [String]) -> String {
        let argv = ([program] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        execv(program, argv + [nil])
        return String(cString: strerror(errno))
    }

    /// `build --fetch`: fetches into the site at `location` and waits; whether every week was
    /// fetched. The build goes on either way (a missing program is named on standard error).
    static func fetch(_ location: SiteLocationOptions) async -> Bool {
        guard let program = try? locate() else { return false }
        return await run(program, arguments: location.arguments)
    }

    /// Runs `program` with `arguments` and waits for it, without holding a thread of the
    /// concurrency pool meanwhile: whether it succeeded.
    private static func run(_ program: String, arguments: [String]) async -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        return await withCheckedContinuation { finished in
            process.terminationHandler = { process in
                finished.resume(returning: process.terminationReason == .exit && process.terminationStatus == 0)
            }
            do {
                try process.run()
            } catch {
                // Never started, so never ends: the handler is not called.
                Terminal.error("cannot run \(program): \(error.localizedDescription)")
                finished.resume(returning: false)
            }
        }
    }
}
