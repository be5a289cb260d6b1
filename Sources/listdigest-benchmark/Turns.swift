import Foundation

extension Benchmark {
    /// `--against PATH [--turns N]`: adds the archive's last week with this build's program and
    /// with the one at `other`, taking turns `turns` times. Whole builds vary by a tenth from
    /// one minute to the next on a shared VM, more than most single changes save; two programs
    /// taking turns drift together. Each turn first brings each program's site, untimed, to
    /// where a build a week finds it (`prepareToAddLastWeek`), so the folder written into is the
    /// site before, as in use: copying a site instead gives every folder a new change time, and
    /// its folders are all read again. Each program writes its own output: the other's pages
    /// all have other keys.
    static func compare(weeks: Int, listdigest: String, against other: String, turns: Int, in root: String) throws {
        let archive = try comparedArchive(weeks: weeks, against: other, in: root)
        let reports = root + "/site/reports"
        let programs = [(name: "this build", path: listdigest), (name: "against", path: other)]
        func build(_ program: Int) -> [String] { comparedBuild(programs[program].path, output: program, in: root) }
        for program in programs.indices { try buildTwiceWithoutLastWeek(build(program), of: archive, in: root) }
        let lastWeeks = LastWeeks(of: archive)
        var samples = [[Sample]](repeating: [], count: programs.count)
        for turn in 1...turns {
            for program in programs.indices {
                samples[program].append(
                    try timeAddingLastWeek(of: lastWeeks, to: reports, build: build(program), revision: turn))
            }
        }
        print(
            "\n\(weeks) weeks, one week added, \(turns) turns, \(ProcessInfo.processInfo.activeProcessorCount) cores")
        print(pad("program", 12) + pad("median s", 10) + pad("fastest s", 11) + pad("median CPU s", 14) + "path")
        for program in programs.indices {
            let walls = samples[program].map(\.seconds).sorted()
            let cpus = samples[program].map(\.cpuSeconds).sorted()
            print(
                pad(programs[program].name, 12) + pad(format3(walls[walls.count / 2]), 10) + pad(format3(walls[0]), 11)
                    + pad(format3(cpus[cpus.count / 2]), 14) + programs[program].path)
        }
        // Each turn's ratio, this build's time over the other's taken just before or after it.
        let ratios = zip(samples[0], samples[1]).map { $0.seconds / $1.seconds }.sorted()
        print(
            "this build ÷ against, turn by turn: median \(format3(ratios[ratios.count / 2])) "
                + "(from \(format3(ratios[0])) to \(format3(ratios[ratios.count - 1])))")
    }

    /// What `compare` and `compareInstructions` start from: the program at `other` checked,
    /// and the archive of `weeks` weeks written into `root/site` without its last week.
    static func comparedArchive(weeks: Int, against other: String, in root: String) throws -> SyntheticArchive {
        guard FileManager.default.isExecutableFile(atPath: other) else { fail("no program to compare at \(other)") }
        let archive = SyntheticArchive(weeks: weeks)
        try writeSite(archive, weeks: 0..<(weeks - 1), into: root + "/site")
        return archive
    }

    /// The build command of `program`, writing the site under `root` into an output of its own
    /// (numbered `output`): the other program's pages all have other keys.
    static func comparedBuild(_ program: String, output: Int, in root: String) -> [String] {
        [program, "build", "--site", root + "/site", "--output", root + "/public-\(output)"]
    }

    /// The site built twice without the archive's last week, from scratch, so that it has a site
    /// before it, as every later rebuild has.
    static func buildTwiceWithoutLastWeek(_ build: [String], of archive: SyntheticArchive, in root: String) throws {
        try removeLastWeeks(1, of: archive, from: root + "/site/reports")
        for _ in 1...2 { _ = try measure(build + ["--clean"]) }
    }

    static func format3(_ value: Double) -> String { String(format: "%.3f", value) }
}
