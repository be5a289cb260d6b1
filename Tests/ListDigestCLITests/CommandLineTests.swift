import Foundation
import ListDigestTestSupport
import Testing

/// Runs the built `listdigest` binary as a user would.
struct Run {
    let status: Int32
    let stdout: String
    let stderr: String

    /// Runs the binary to its end on a thread of its own, so that waiting for it never
    /// takes one of the few threads the concurrent tests share.
    /// `environment`: added to the test's own.
    /// `executable`: another copy of the binary.
    static func listdigest(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], executable: URL? = nil
    ) async throws -> Run {
        try await onOwnThread {
            try blockingRun(arguments, in: directory, environment: environment, executable: executable)
        }
    }

    static func blockingRun(
        _ arguments: [String], in directory: String, environment: [String: String] = [:], executable: URL? = nil
    ) throws -> Run {
        let process = Process()
        process.executableURL = try executable ?? binary()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts the binary without waiting, output discarded.
    static func start(_ arguments: [String], in directory: String) throws -> Process {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits for a started process without blocking the shared test threads.
    static func wait(_ process: Process) async {
        _ = try? await onOwnThread { process.waitUntilExit() }
    }

    /// `swift build` puts the executable (or `name`, another of the package's) beside the test bundle.
    static func binary(_ name: String = "listdigest") throws -> URL {
        var folder = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }
}

@Suite struct CommandLineTests {
    func makeSite(_ reports: [String: String], config: String? = nil) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            "Site/config.toml",
            config ?? """
                title = "Test"
                list = "kvmarm"
                templates = "\(ProjectPaths.templates)"
                static = "\(ProjectPaths.exampleSite)/static"
                """)
        for (name, text) in reports { try folder.write("Site/reports/\(name)", text) }
        return folder
    }

    @Test func checkPrintsDiagnosticsAndASummaryAndFailsOnErrors() async throws {
        let bad = ReportFixtures.report(threads: [
            ReportFixtures.thread(), ReportFixtures.thread(title: "[PATCH] broken", stats: nil),
        ])
        let folder = try makeSite(["kvmarm_2025_week32.md": ReportFixtures.complete, "kvmarm_2025_week33.md": bad])
        defer { folder.remove() }
        let run = try await Run.listdigest(["check"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stdout == "2 weeks, 4 threads, 7 messages, 0 warnings, 1 error\n")
        #expect(run.stderr.contains("Site/reports/kvmarm_2025_week33.md:"))
        #expect(run.stderr.contains(": error: thread has no statistics line"))
    }

    @Test func checkSucceedsOnACleanArchive() async throws {
        let folder = try makeSite(["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { folder.remove() }
        let run = try await Run.listdigest(["check", "--site", "Site"], in: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout == "1 week, 3 threads, 6 messages, 0 warnings, 0 errors\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func buildIsTheDefaultCommandAndIsQuietOffATerminal() async throws {
        let folder = try makeSite(["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { folder.remove() }
        let run = try await Run.listdigest(["--base-url", "https://example.org/sub/path"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdout.hasPrefix("built 1 week, 3 threads: "))
        let page = try String(contentsOfFile: folder.path + "/public/weeks/2025-W32/index.html", encoding: .utf8)
        #expect(page.contains("href=\"https://example.org/sub/path/weeks/2025-W32/\""))
    }

    @Test func brokenConfigIsOneLineAndExitOne() async throws {
        let folder = try makeSite([:], config: "list = \"kvmarm\"\ntitle = \"unterminated\n")
        defer { folder.remove() }
        let run = try await Run.listdigest(["build"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Site/config.toml:2: error: "))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    @Test func missingReportsFolderIsOneLineAndExitOne() async throws {
        let folder = try makeSite([:])
        defer { folder.remove() }
        for command in ["build", "check"] {
            let run = try await Run.listdigest([command, "--reports", "nowhere"], in: folder.path)
            #expect(run.status == 1)
            #expect(run.stderr == "nowhere: error: reports folder does not exist\n")
        }
    }
}

/// Runs blocking work on a new thread and resumes when it is done.
func onOwnThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

@Suite struct RebuildTests {
    @Test func aRebuildWithNothingChangedIsUpToDateAndCleanForcesOne() async throws {
        let folder = try CommandLineTests().makeSite(["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { folder.remove() }
        #expect(try await Run.listdigest(["build"], in: folder.path).stdout.hasPrefix("built 1 week, "))
        let again = try await Run.listdigest(["build"], in: folder.path)
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("up to date: nothing changed since the last build of public"))
        let clean = try await Run.listdigest(["build", "--clean"], in: folder.path)
        #expect(clean.stdout.hasPrefix("built 1 week, 3 threads: "))
        #expect(clean.stdout.contains(" written, 0 unchanged)"))
        try folder.write(
            "Site/reports/kvmarm_2025_week33.md",
            ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W33"))
        let added = try await Run.listdigest(["build"], in: folder.path)
        #expect(added.stdout.hasPrefix("built 2 weeks, 4 threads: "))
        #expect(!added.stdout.contains(" 0 unchanged)"), "pages the new week does not touch are taken over")
    }

    @Test func timingsNameEveryStepOfTheBuild() async throws {
        let folder = try CommandLineTests().makeSite(["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { folder.remove() }
        let run = try await Run.listdigest(["build", "--timings"], in: folder.path)
        var lines = run.stdout.split(separator: "\n").dropFirst()
        #expect(lines.popLast()?.hasPrefix("  memory: heaps on ") == true)
        // Then what was taken over: nothing, the first time.
        let last = lines.popLast()
        let first = try #require(last)
        #expect(first.hasPrefix("  taken over: 0 of ") && first.contains(", the summaries of 0 of "), "\(first)")
        #expect(
            first.hasSuffix(", 0 data file entries; message table numbered afresh; written into an empty folder"),
            "\(first)")
        // Before it, how many input files were read: every one, the first time.
        let popped = lines.popLast()
        let inputs = try #require(popped)
        let counts = inputs.split(separator: " ").compactMap { Int($0) }
        #expect(
            inputs.hasPrefix("  inputs: ")
                && inputs.hasSuffix(" read, the others stamped as when an earlier build read them")
                && counts.count == 2 && counts[0] == counts[1] && counts[0] > 1,
            "\(inputs)")
        let steps = lines.map {
            $0.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").first ?? ""
        }
        #expect(
            steps == [
                "hash inputs", "read reports", "link series and people", "render summaries", "open output",
                "aggregate figures",
                "key pages",
                "render pages and data",
                "write files", "sync to disk", "swap in",
            ])
        // Each in milliseconds, a step long enough to tell followed by how many cores it kept busy.
        for line in lines {
            let parts = line.split(separator: ", ")
            #expect(parts[0].hasSuffix(" ms") && Double(parts[0].dropLast(3).split(separator: " ").last ?? "") != nil)
            #expect(
                parts.count == 1
                    || (parts.count == 2 && parts[1].hasSuffix(" cores busy")
                        && Double(parts[1].split(separator: " ")[0]) != nil),
                "\(line)")
        }
        // A week added: the other week's pages, summaries and data entries, and the message table.
        try folder.write(
            "Site/reports/kvmarm_2025_week33.md",
            ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W33"))
        let added = try await Run.listdigest(["build", "--timings"], in: folder.path)
        let takenOver = try #require(added.stdout.split(separator: "\n").dropLast().last)
        #expect(takenOver.hasPrefix("  taken over: ") && !takenOver.hasPrefix("  taken over: 0 of"), "\(takenOver)")
        let threadsBefore = run.stdout.split(separator: " ")[3]
        #expect(takenOver.contains("the summaries of \(threadsBefore) of "), "\(takenOver)")
        #expect(takenOver.hasSuffix("; message table extended; written into an empty folder"), "\(takenOver)")
        // Another week: written into the first build's site, read from its manifest (here all of
        // its few folders, written in the same instant as the manifest).
        try folder.write(
            "Site/reports/kvmarm_2025_week34.md",
            ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W34"))
        let third = try await Run.listdigest(["build", "--timings"], in: folder.path)
        let writtenInto = try #require(third.stdout.split(separator: "\n").dropLast().last)
        #expect(writtenInto.contains("; written into the site before: "), "\(writtenInto)")
        #expect(writtenInto.hasSuffix(" folders read"), "\(writtenInto)")
    }
}

/// Where the system gives transparent huge pages only to memory that asks, the heaps the build's
/// threads take ask for them (`AllocatorTuning.askForHugePages`), and the build's memory is on
/// them: it touches its memory in a fraction of the page faults. `build --timings` ends with both.
@Suite struct HugePagesTests {
    static var systemGivesThemOnRequest: Bool {
        let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)
        return mode?.contains("[madvise]") == true
    }

    /// The memory line's heaps and page faults.
    static func memory(_ output: String) throws -> (heaps: String, faults: Int) {
        let line = try #require(output.split(separator: "\n").last { $0.hasPrefix("  memory: ") })
        let parts = try #require(line.wholeMatch(of: #/  memory: heaps on (.+), ([\d,]+) page faults?/#))
        return (String(parts.1), try #require(Int(parts.2.replacing(",", with: ""))))
    }

    @Test(.enabled(if: systemGivesThemOnRequest))
    func aBuildsMemoryIsOnHugePagesUnlessTheTunableSaysOtherwise() async throws {
        let folder = try OutputSafetyTests().makeSite(weeks: 40)
        defer { folder.remove() }
        // Whatever the test runner's environment holds, the program is started without the tunable.
        let asked = try await Run.listdigest(
            ["build", "--timings", "--clean"], in: folder.path, environment: ["GLIBC_TUNABLES": ""])
        #expect(asked.status == 0)
        let onHugePages = try Self.memory(asked.stdout)
        #expect(onHugePages.heaps == "transparent huge pages")
        // Other tunables do not change that.
        let kept = try await Run.listdigest(
            ["build", "--timings", "--clean"], in: folder.path,
            environment: ["GLIBC_TUNABLES": "glibc.malloc.check=0"])
        #expect(try Self.memory(kept.stdout).heaps == "transparent huge pages")
        // Set to 0 by whoever starts it: left as it is, so the same build takes many more faults.
        let declined = try await Run.listdigest(
            ["build", "--timings", "--clean"], in: folder.path,
            environment: ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"])
        #expect(declined.status == 0)
        let onSmallPages = try Self.memory(declined.stdout)
        #expect(onSmallPages.heaps == "4 KB pages")
        // The corpus takes about 2,500 faults against 6,000 (about 2,000 of either are the program's
        // own pages, mapped from its file).
        #expect(onHugePages.faults * 3 < onSmallPages.faults * 2, "\(onHugePages.faults) vs \(onSmallPages.faults)")
    }
}
