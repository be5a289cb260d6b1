import Foundation
import ListDigestTestSupport
import Testing

/// The previous site survives failed, killed and concurrent builds.
@Suite(.serialized) struct OutputSafetyTests {
    /// A site folder whose reports are the corpus weeks (or fixtures when the corpus is absent).
    func makeSite(weeks: Int) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            "Site/config.toml",
            """
            title = "Test"
            list = "kvmarm"
            templates = "\(ProjectPaths.templates)"
            static = "\(ProjectPaths.exampleSite)/static"
            """)
        if Corpus.isPresent {
            let names = try FileManager.default.contentsOfDirectory(atPath: Corpus.folder).filter {
                $0.hasSuffix(".md")
            }.sorted()
            for name in names.prefix(weeks) {
                try folder.write(
                    "Site/reports/\(name)", try Data(contentsOf: URL(fileURLWithPath: Corpus.folder + "/" + name)))
            }
        } else {
            for week in 1...weeks {
                let id = "2025-W\(week < 10 ? "0" : "")\(week)"
                try folder.write(
                    "Site/reports/kvmarm_2025_week\(week < 10 ? "0" : "")\(week).md",
                    ReportFixtures.report(threads: [ReportFixtures.thread()], week: id))
            }
        }
        return folder
    }

    /// Every file of a folder with its contents, for comparing whole sites.
    func snapshot(_ path: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                result[relative] = try Data(contentsOf: URL(fileURLWithPath: path + "/" + relative))
            }
        }
        return result
    }

    @Test func aKilledBuildLeavesThePreviousSiteWhole() async throws {
        let folder = try makeSite(weeks: 12)
        defer { folder.remove() }
        #expect(try await Run.listdigest(["build"], in: folder.path).status == 0)
        let before = try snapshot(folder.path + "/public")
        // The complete next site, built elsewhere, to recognise it if a build got through.
        try FileManager.default.removeItem(
            atPath: folder.path + "/Site/reports/"
                + (try FileManager.default.contentsOfDirectory(atPath: folder.path + "/Site/reports").sorted().last!))
        #expect(try await Run.listdigest(["build", "--output", "next"], in: folder.path).status == 0)
        let after = try snapshot(folder.path + "/next")
        #expect(before != after)
        for delay in [0.02, 0.1, 0.2, 0.35, 0.5, 0.8] {
            let process = try Run.start(["build"], in: folder.path)
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            kill(process.processIdentifier, SIGKILL)
            await Run.wait(process)
            let now = try snapshot(folder.path + "/public")
            #expect(
                now == before || now == after, "after a kill at \(delay)s the site is neither the old nor the new one")
        }
        #expect(try await Run.listdigest(["build"], in: folder.path).status == 0)
        #expect(try snapshot(folder.path + "/public") == after)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.contains(".building-") || $0.contains(".old-")
        }
        #expect(leftovers.isEmpty, "a later build cleans what a killed one left: \(leftovers)")
    }

    @Test func concurrentBuildsTakeTurns() async throws {
        let folder = try makeSite(weeks: 8)
        defer { folder.remove() }
        let processes = try (0..<3).map { _ in try Run.start(["build"], in: folder.path) }
        for process in processes { await Run.wait(process) }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try await Run.listdigest(["build", "--output", "reference"], in: folder.path).status == 0)
        #expect(try snapshot(folder.path + "/public") == snapshot(folder.path + "/reference"))
    }

    @Test func anOutputThatCannotBeWrittenIsOneLine() async throws {
        let folder = try makeSite(weeks: 1)
        defer { folder.remove() }
        try folder.write("blocker", "a file where a folder should be")
        let run = try await Run.listdigest(["build", "--output", "blocker/public"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1)
        #expect(run.stderr.contains(": error: cannot create the output's folder: "))
    }

    @Test(.enabled(if: getuid() == 0, "needs root to mount a small file system"))
    func aFullDiskIsOneLineAndKeepsTheOldSite() async throws {
        let folder = try makeSite(weeks: 1)
        defer { folder.remove() }
        let disk = folder.path + "/disk"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        guard shell("mount -t tmpfs -o size=1m tmpfs '\(disk)'") == 0 else {
            Issue.record("could not mount a tmpfs although running as root")
            return
        }
        defer { _ = shell("umount '\(disk)'") }
        #expect(try await Run.listdigest(["build", "--output", "disk/public"], in: folder.path).status == 0)
        let before = try snapshot(disk + "/public")
        // A much bigger archive cannot fit beside the old site on 1 MiB.
        for week in 2...40 {
            let id = "2025-W\(week < 10 ? "0" : "")\(week)"
            let threads = (1...8).map { n in
                ReportFixtures.thread(title: "[PATCH v\(n) 0/4] KVM: arm64: Change number \(week * 10 + n)")
            }
            try folder.write(
                "Site/reports/kvmarm_2025_week\(week < 10 ? "0" : "")\(week).md",
                ReportFixtures.report(threads: threads, week: id))
        }
        let run = try await Run.listdigest(["build", "--output", "disk/public"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(run.stderr.contains("No space left on device"))
        #expect(try snapshot(disk + "/public") == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: disk).filter { $0.hasPrefix(".public.building") }
                .isEmpty)
    }

    private func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>/dev/null"]
        try? process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
