import Foundation

extension Benchmark {
    /// `--against PATH --instructions`: counts the instructions each program runs to add the
    /// archive's last week (valgrind's callgrind), in the same state as `compare` times it: a
    /// count is the same from one run to the next whatever else the machine does, where a time
    /// on a shared VM varies by a tenth and more, so a change of one or two per cent shows. It
    /// counts work, not waiting: neither the cores' overlap nor the kernel's time.
    static func compareInstructions(weeks: Int, listdigest: String, against other: String, in root: String) throws {
        for tool in ["/usr/bin/valgrind", "/usr/bin/strip"] where !FileManager.default.isExecutableFile(atPath: tool) {
            fail("\(tool) is missing: apt-get install valgrind binutils (or run bash .ci/benchmark)")
        }
        let archive = try comparedArchive(weeks: weeks, against: other, in: root)
        let reports = root + "/site/reports"
        let lastWeeks = LastWeeks(of: archive)
        var counts: [(name: String, path: String, instructions: Int)] = []
        for (index, (name, path)) in [("this build", listdigest), ("against", other)].enumerated() {
            // A copy without debug information: valgrind cannot read what Swift writes there.
            let copy = root + "/program-\(index)"
            let stripped = try TimedCommand.run(["/usr/bin/strip", "--strip-debug", "-o", copy, path])
            guard stripped.status == 0 else {
                fail("cannot strip \(path): \(String(decoding: stripped.errors, as: UTF8.self))")
            }
            let build = comparedBuild(copy, output: index, in: root)
            // Then the site is brought to where a build a week finds it, the week added, and that
            // build counted. Huge pages are asked for through glibc's tunable: a program of an
            // earlier round ran itself again to ask, which under valgrind would start valgrind itself.
            try buildTwiceWithoutLastWeek(build, of: archive, in: root)
            try prepareToAddLastWeek(of: lastWeeks, to: reports, build: build, revision: 1)
            let run = try TimedCommand.run(
                [
                    "/usr/bin/env", "GLIBC_TUNABLES=glibc.malloc.hugetlb=1", "/usr/bin/valgrind", "--tool=callgrind",
                    "--callgrind-out-file=/dev/null",
                ] + build, discardingOutput: true)
            let report = String(decoding: run.errors, as: UTF8.self)
            guard run.status == 0, let instructions = Self.collected(report) else {
                fail("callgrind of \(path) failed:\n\(report.suffix(2000))")
            }
            counts.append((name, path, instructions))
        }
        print("\n\(weeks) weeks, one week added, instructions counted by callgrind")
        print(pad("program", 12) + pad("instructions", 16) + "path")
        for count in counts {
            print(
                pad(count.name, 12) + pad(String(format: "%.3f G", Double(count.instructions) / 1e9), 16) + count.path)
        }
        print("this build ÷ against: \(format3(Double(counts[0].instructions) / Double(counts[1].instructions)))")
    }

    /// The total callgrind reports (`==123== Collected : 2596843832`).
    static func collected(_ report: String) -> Int? {
        report.split(separator: "\n").lazy.compactMap { line -> Int? in
            guard let range = line.range(of: "Collected : ") else { return nil }
            return Int(line[range.upperBound...].trimmingWhitespace)
        }.first
    }
}
