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

    /// The allocator is tuned before anything else runs: a thread's heap is sized by the settings
    /// in force when the thread first allocates, and a command runs on a thread that starts
    /// before its `run`. Tuned there, that thread's heap grew a page at a time, one system call
    /// each: thousands in a build.
    static func main() async {
        AllocatorTuning.keepFreedMemory()
        AllocatorTuning.askForHugePages()
        await main(nil)
    }
}
