import Foundation
import ListDigestCore
import ListDigestSite

/// `swift run -c release listdigest-benchmark [--weeks N] [--scaling] [--in DIR] [--generate DIR]`, from the repository root
/// (or `bash .ci/benchmark`): times full, no-op and one-week-added builds of a synthetic archive
/// against one pass of Debian's `cmark` over the same files, and reports peak memory. With
/// `--pages [--passes K]`, times instead making every page's view and rendering every page on
/// one core (`PageTimings`), against swift-mustache rendering the same views. With `--model
/// [--passes K]`, times the steps over the whole archive that every build runs (`ModelTimings`).
/// With `--against PATH [--turns N]`, times adding one week with this build's program and the
/// one at PATH, taking turns (`compare`); with `--against PATH --instructions`, counts the
/// instructions each runs for it instead (`compareInstructions`).
@main
struct Benchmark {
    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func value(_ flag: String) -> String? {
            guard let index = arguments.firstIndex(of: flag), index + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(index...(index + 1)) }
            return arguments[index + 1]
        }
        let pages = arguments.contains("--pages")
        let model = arguments.contains("--model")
        let weeks = Int(value("--weeks") ?? "") ?? (pages ? 104 : 520)
        let passes = Int(value("--passes") ?? "") ?? 10
        let scaling = arguments.contains("--scaling")
        let against = value("--against")
        let instructions = arguments.contains("--instructions")
        let turns = max(1, Int(value("--turns") ?? "") ?? 12)
        let workFolder = value("--in") ?? FileManager.default.temporaryDirectory.path
        if let folder = value("--generate") {
            try SyntheticArchive(weeks: weeks).write(into: folder)
            print("wrote \(weeks) weekly reports to \(folder)")
            return
        }
        if pages || model {
            let root = workFolder + "/listdigest-\(pages ? "pages" : "model")-\(weeks)-\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: root) }
            let request = try syntheticSite(weeks: weeks, in: root)
            return try await pages
                ? timePages(request, weeks: weeks, passes: passes) : timeModel(request, passes: passes)
        }
        let listdigest = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("listdigest").path
        guard FileManager.default.isExecutableFile(atPath: listdigest) else {
            fail("build the listdigest executable first (swift build -c release); not found at \(listdigest)")
        }
        for tool in ["/usr/bin/time", "/usr/bin/cmark"] where !FileManager.default.isExecutableFile(atPath: tool) {
            fail("\(tool) is missing: apt-get install time cmark (or run bash .ci/benchmark)")
        }
        print(
            "ListDigest benchmark, \(ProcessInfo.processInfo.activeProcessorCount) cores, "
                + "archive and site in \(workFolder) (\(fileSystem(of: workFolder)))")
        if fileSystem(of: workFolder) == "tmpfs", let held = bytesHeld(in: workFolder), held > 2 << 30 {
            // Seen on this project's VM: with 6 to 18 GB of old sites in /dev/shm, an added week
            // took half as long again.
            print(
                "note: \(workFolder)'s file system already holds \(held >> 30) GB; on a full tmpfs "
                    + "writing a site costs more, so the figures may be high (README: Performance)")
        }
        if let against {
            let root = workFolder + "/listdigest-turns-\(weeks)-\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: root) }
            let other = URL(fileURLWithPath: against).standardizedFileURL.path
            if instructions {
                return try compareInstructions(weeks: weeks, listdigest: listdigest, against: other, in: root)
            }
            return try compare(weeks: weeks, listdigest: listdigest, against: other, turns: turns, in: root)
        }
        let sizes = scaling ? [52, 260, weeks] : [weeks]
        var fullTimes: [(Int, Double)] = []
        // Every size's files are deleted at the end, not before the next size is timed (see `run`).
        var roots: [String] = []
        defer { for root in roots { try? FileManager.default.removeItem(atPath: root) } }
        for size in sizes {
            let root = workFolder + "/listdigest-bench-\(size)-\(getpid())"
            roots.append(root)
            let result = try run(weeks: size, listdigest: listdigest, in: root)
            fullTimes.append((size, result))
        }
        if scaling {
            print("\nscaling (full build seconds per 100 weeks; flat means linear):")
            for (size, seconds) in fullTimes {
                print("  \(size) weeks: \(format(seconds))s, \(format(seconds / Double(size) * 100))s per 100 weeks")
            }
        }
    }

    /// One archive size: cmark baseline, full build, no-op rebuild, one week added (which, as every
    /// rebuild after the first, brings `.public.previous` up to date). Five rounds of a cmark pass,
    /// a full build and a week added; the median of each is shown, and the full build's and the
    /// added week's ratios are the medians of each round's. Returns the full build time.
    static func run(weeks: Int, listdigest: String, in root: String) throws -> Double {
        let reports = root + "/site/reports"
        let archive = SyntheticArchive(weeks: weeks)
        try writeSite(archive, weeks: 0..<(weeks - 1), into: root + "/site")
        let files = try FileManager.default.contentsOfDirectory(atPath: reports).filter { $0.hasSuffix(".md") }.sorted()
            .map { reports + "/" + $0 }
        let bytes = files.reduce(0) {
            $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0)
        }

        // Each full build writes a folder of its own: replacing the last one's would delete thousands
        // of files just before writing as many, and ext4 is slow to make inodes for a minute after
        // many were deleted. The no-op and the added weeks rebuild a site of their own, built twice
        // first so that it has a site before it (`.public-rebuilt.previous`) as every later rebuild does.
        func build(_ output: String) -> [String] {
            [listdigest, "build", "--site", root + "/site", "--output", root + "/public-\(output)"]
        }
        let rebuilt = build("rebuilt")
        try buildTwiceWithoutLastWeek(rebuilt, of: archive, in: root)
        let noop = try measure(rebuilt)
        // A cmark pass, a full build and a week added take turns, five times, and each ratio is the
        // median of each round's (the full build's to the cmark pass just before it, the added
        // week's to the full build just before it): this VM's speed drifts by a third and more
        // from one minute to the next, and neighbours drift together. Before each added week the
        // site is brought to where a build a week finds it (`prepareToAddLastWeek`, untimed).
        var rounds: [(cmark: Sample, full: Sample, added: Sample)] = []
        let lastWeeks = LastWeeks(of: archive)
        for run in 1...5 {
            try removeLastWeeks(1, of: archive, from: reports)
            let cmark = try measure(["/usr/bin/cmark"] + files, discardingOutput: true)
            let full = try measure(build("\(run)") + ["--clean", "--timings"])
            let added = try timeAddingLastWeek(
                of: lastWeeks, to: reports, build: rebuilt, flags: ["--timings"], revision: run)
            rounds.append((cmark, full, added))
        }
        let cmark = median(rounds.map(\.cmark))
        let full = median(rounds.map(\.full))
        let added = median(rounds.map(\.added))
        let ratios = rounds.map { $0.full.seconds / $0.cmark.seconds }
        let fullRatio = ratios.sorted()[rounds.count / 2]
        let addedRatios = rounds.map { $0.added.seconds / $0.full.seconds }
        let addedRatio = addedRatios.sorted()[rounds.count / 2]

        print(
            "\n\(weeks) weeks: \(files.count) reports (\(format(Double(bytes) / 1_048_576)) MB), then 1 added; release build"
        )
        print(
            pad("step", 26) + pad("seconds", 9) + pad("× cmark", 9) + pad("× full", 8) + pad("CPU s", 7) + "peak RSS")
        for (name, sample) in [
            ("cmark over all reports", cmark), ("full build (--clean)", full), ("no-op rebuild", noop),
            ("rebuild, one week added", added),
        ] {
            print(
                pad(name, 26) + pad(format(sample.seconds), 9)
                    + pad(format(name.hasPrefix("full") ? fullRatio : sample.seconds / cmark.seconds), 9)
                    + pad(format(name.hasPrefix("rebuild, one") ? addedRatio : sample.seconds / full.seconds), 8)
                    + pad(format(sample.cpuSeconds), 7)
                    + "\(sample.peakKB / 1024) MB")
        }
        print("full build ÷ the cmark pass before it, run by run: " + ratios.map(format).joined(separator: ", "))
        print(
            "one week added, and ÷ the full build before it, run by run: "
                + zip(rounds, addedRatios).map { "\(format($0.added.seconds)) s (\(format($1 * 100))%)" }
                .joined(separator: ", "))
        // The fastest of each is the least disturbed by the VM's neighbours: the nearest to each
        // program's own cost.
        let fastestCmark = rounds.map(\.cmark.seconds).min()!
        let fastestFull = rounds.map(\.full.seconds).min()!
        print(
            "fastest of five: full build \(format(fastestFull)) s ÷ cmark \(format(fastestCmark)) s = "
                + "\(format(fastestFull / fastestCmark))×")
        print(
            "targets: full ≤ 2× cmark (\(format(fullRatio))×), no-op ≤ 10% of full "
                + "(\(format(noop.seconds / full.seconds * 100))%), one week ≤ 15% "
                + "(\(format(addedRatio * 100))%), "
                + "peak RSS ≤ 400 MB (\(max(full.peakKB, noop.peakKB, added.peakKB) / 1024) MB)")
        let fullSteps = steps(full.output)
        let addedSteps = Dictionary(steps(added.output), uniquingKeysWith: { first, _ in first })
        if !fullSteps.isEmpty {
            print("where the time goes (build --timings):")
            print("  " + pad("step (ms)", 26) + pad("full", 9) + "one week added")
            for (name, seconds) in fullSteps {
                print(
                    "  " + pad(name, 26) + pad(milliseconds(seconds), 9) + (addedSteps[name].map(milliseconds) ?? "-"))
            }
        }
        return full.seconds
    }

    /// The archive's `weeks` as a site folder: its reports and a config using the repository's
    /// templates and static files.
    static func writeSite(_ archive: SyntheticArchive, weeks: Range<Int>, into site: String) throws {
        try archive.write(into: site + "/reports", range: weeks)
        let repository = FileManager.default.currentDirectoryPath
        try """
        title = "Benchmark"
        list = "kvmarm"
        templates = "\(repository)/Templates"
        static = "\(repository)/Site/static"
        """.write(toFile: site + "/config.toml", atomically: true, encoding: .utf8)
    }

    /// A synthetic archive of `weeks` weeks as a site under `root`, and a clean build of it into
    /// `root/public`: what `--pages` and `--model` time.
    static func syntheticSite(weeks: Int, in root: String) throws -> BuildRequest {
        try writeSite(SyntheticArchive(weeks: weeks), weeks: 0..<weeks, into: root + "/site")
        return BuildRequest(
            site: try SiteLocation.load(directory: root + "/site"), outputDirectory: root + "/public", clean: true)
    }

    /// `--pages`: builds the archive's site once, then times making every page's view and
    /// rendering every page on one core, each the best of `passes` passes, against one pass of
    /// swift-mustache rendering the same views.
    static func timePages(_ request: BuildRequest, weeks: Int, passes: Int) async throws {
        let timings = try await PageTimings.measure(request, passes: passes)
        print("\(weeks) weeks, \(timings.pages) pages, one core, best of \(passes) passes (swift-mustache: one)")
        print(pad("step", 34) + pad("ms", 9) + pad("µs a page", 11) + "× the renderer")
        let rendering = timings.rendering.seconds
        for (name, step) in [
            ("views", timings.views), ("rendering", timings.rendering),
            ("swift-mustache rendering", timings.reference),
        ] {
            print(
                pad(name, 34) + pad(format(step.seconds * 1000), 9)
                    + pad(format(step.seconds / Double(timings.pages) * 1e6), 11) + format(step.seconds / rendering))
        }
        print("by template (ms): views, rendering")
        for template in timings.rendering.byTemplate.keys.sorted(by: {
            timings.rendering.byTemplate[$0]! > timings.rendering.byTemplate[$1]!
        }) {
            print(
                "  " + pad(template, 32) + pad(format((timings.views.byTemplate[template] ?? 0) * 1000), 9)
                    + format(timings.rendering.byTemplate[template]! * 1000))
        }
    }

    /// `--model`: builds the archive's site once, then times the steps over the whole archive
    /// that every build runs, each the best of `passes` passes.
    static func timeModel(_ request: BuildRequest, passes: Int) async throws {
        let timings = try await ModelTimings.measure(request, passes: passes)
        print(
            "\(timings.weeks) weeks, \(timings.listedMessages) listed messages, "
                + "\(ProcessInfo.processInfo.activeProcessorCount) cores, best of \(passes) passes")
        print(pad("step", 26) + "ms")
        for step in timings.steps { print(pad(step.name, 26) + format(step.seconds * 1000)) }
    }

    /// Times `build` adding the archive's last week to `reports` (see `prepareToAddLastWeek`).
    static func timeAddingLastWeek(
        of weeks: LastWeeks, to reports: String, build: [String], flags: [String] = [], revision: Int
    ) throws -> Sample {
        try prepareToAddLastWeek(of: weeks, to: reports, build: build, revision: revision)
        return try measure(build + flags)
    }

    /// An archive's last two weeks' reports, generated once: every added week writes them again,
    /// and generating them walks every week before them.
    struct LastWeeks {
        let archive: SyntheticArchive
        /// The week before the last, and the last.
        let reports: [String]

        init(of archive: SyntheticArchive) {
            self.archive = archive
            reports = archive.reports((archive.weeks - 2)..<archive.weeks)
        }
    }

    /// Brings the site `build` writes to where a build a week finds it when a new week comes,
    /// untimed, and adds the week: the last two weeks are taken away and the site rebuilt
    /// without them (the site before: what the next build writes into), then the week before
    /// the last comes back and the site is rebuilt with it (the site in place). The last week
    /// comes back as `revision` of its report (see `SyntheticArchive.write`), one number for
    /// each time it is added: re-added as the same file, the report's parse and summaries were
    /// still in the parse cache from the time before, which no new week's are.
    static func prepareToAddLastWeek(of weeks: LastWeeks, to reports: String, build: [String], revision: Int) throws {
        let archive = weeks.archive
        try removeLastWeeks(2, of: archive, from: reports)
        _ = try measure(build)
        try archive.write(weeks.reports[0], ofWeek: archive.weeks - 2, into: reports)
        _ = try measure(build)
        try archive.write(weeks.reports[1], ofWeek: archive.weeks - 1, into: reports, revision: revision)
    }

    /// Takes the archive's last `count` weeks out of `reports`, those there.
    static func removeLastWeeks(_ count: Int, of archive: SyntheticArchive, from reports: String) throws {
        for week in (archive.weeks - count)..<archive.weeks {
            let path = reports + "/" + archive.fileName(ofWeek: week)
            if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        }
    }

    /// The run with the median wall time.
    static func median(_ samples: [Sample]) -> Sample {
        samples.sorted { $0.seconds < $1.seconds }[samples.count / 2]
    }

    struct Sample {
        let seconds: Double
        /// What the command printed.
        let output: String
        /// User plus system time, on all cores.
        let cpuSeconds: Double
        let peakKB: Int
    }

    /// Runs a command under `/usr/bin/time -v`: wall time (taken here, from start to exit, see
    /// `TimedCommand`) and peak resident memory and CPU time (from `time`). cmark's 28 MB of
    /// HTML go to /dev/null, the cost of rendering alone: read through a pipe here, they made
    /// its runs up to half as long again.
    static func measure(_ command: [String], discardingOutput: Bool = false) throws -> Sample {
        let run = try TimedCommand.run(["/usr/bin/time", "-v"] + command, discardingOutput: discardingOutput)
        let report = String(decoding: run.errors, as: UTF8.self)
        guard run.status == 0 else {
            fail("\(command.prefix(2).joined(separator: " ")) failed:\n\(report.suffix(2000))")
        }
        func field(_ name: String) -> String? {
            guard let line = report.split(separator: "\n").first(where: { $0.contains(name) }),
                let value = line.split(separator: ":").last
            else { return nil }
            return String(value).trimmingWhitespace
        }
        let peak = field("Maximum resident set size").flatMap { Int($0) } ?? 0
        let cpu = ["User time (seconds)", "System time (seconds)"].compactMap { field($0).flatMap { Double($0) } }
        return Sample(
            seconds: run.seconds, output: String(decoding: run.output, as: UTF8.self), cpuSeconds: cpu.reduce(0, +),
            peakKB: peak)
    }

    /// The steps `build --timings` printed (`  read reports   20.9 ms, 1.8 cores busy`), in
    /// order, in seconds on the clock.
    static func steps(_ output: String) -> [(String, Double)] {
        output.split(separator: "\n").compactMap { fullLine in
            let line = fullLine.prefix { $0 != "," }
            guard line.hasPrefix("  "), line.hasSuffix(" ms"), let gap = line.range(of: "  ", options: .backwards)
            else { return nil }
            let name = line[..<gap.lowerBound].trimmingWhitespace
            return Double(line[gap.upperBound...].dropLast(3).trimmingWhitespace).map { (name, $0 / 1000) }
        }
    }

    /// How many bytes the file system holding `path` has in use; nil when it cannot be asked.
    static func bytesHeld(in path: String) -> Int? {
        var status = statvfs()
        guard statvfs(path, &status) == 0 else { return nil }
        return Int(status.f_blocks - status.f_bfree) * Int(status.f_frsize)
    }

    /// The type of the file system holding `path` (`ext4`, `tmpfs`), from /proc/mounts.
    static func fileSystem(of path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let mounts = (try? String(contentsOfFile: "/proc/mounts", encoding: .utf8)) ?? ""
        var best: (mountPoint: String, type: String)?
        for line in mounts.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            guard fields.count > 2 else { continue }
            let mountPoint = fields[1]
            let inside = resolved == mountPoint || resolved.hasPrefix(mountPoint == "/" ? "/" : mountPoint + "/")
            if inside, mountPoint.count >= (best?.mountPoint.count ?? 0) { best = (mountPoint, fields[2]) }
        }
        return best?.type ?? "unknown file system"
    }

    static func format(_ value: Double) -> String { String(format: "%.2f", value) }

    static func milliseconds(_ seconds: Double) -> String { String(format: "%.1f", seconds * 1000) }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("listdigest-benchmark: \(message)\n".utf8))
        exit(1)
    }
}
