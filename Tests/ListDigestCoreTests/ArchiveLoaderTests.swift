import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

@Suite struct ReportFileNameTests {
    @Test func readsListYearAndWeek() throws {
        let name = try ReportFileName.parse("kvmarm_2025_week32.md").get()
        #expect(name.listName == "kvmarm")
        #expect(name.week.id == "2025-W32")
        #expect(name.fileName == "kvmarm_2025_week32.md")
        #expect(try ReportFileName.parse("linux_arm_kernel_2026_week53.md").get().listName == "linux_arm_kernel")
        #expect(try ReportFileName.parse("kvmarm_2025_week7.md").get().fileName == "kvmarm_2025_week07.md")
    }

    @Test func rejectsOtherNamesAndImpossibleWeeks() {
        #expect(ReportFileName.parse("README.md") == .failure(.notAReportName))
        #expect(ReportFileName.parse("kvmarm_2025_week32.txt") == .failure(.notAReportName))
        #expect(ReportFileName.parse("_2025_week32.md") == .failure(.notAReportName))
        #expect(ReportFileName.parse("kvmarm_25_week32.md") == .failure(.notAReportName))
        #expect(ReportFileName.parse("kvmarm_2025_week53.md") == .failure(.noSuchWeek(year: 2025, week: 53)))
        #expect(ReportFileName.parse("kvmarm_2025_week00.md") == .failure(.noSuchWeek(year: 2025, week: 0)))
    }
}

@Suite struct ArchiveLoaderTests {
    /// A report is known by its bytes and what its file name says (week, list name), not by its
    /// folder: a checkout moved or made elsewhere keeps its page keys and its kept message table.
    @Test func reportDigestsFollowTheBytesAndFileNameNotTheFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let week33 = ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W33")
        for place in ["here", "there"] {
            try folder.write("\(place)/kvmarm_2025_week32.md", ReportFixtures.complete)
            try folder.write("\(place)/kvmarm_2025_week33.md", week33)
        }
        let here = try await ArchiveLoader.load(folder: folder.path + "/here").reportDigests
        let there = try await ArchiveLoader.load(folder: folder.path + "/there").reportDigests
        #expect(here.count == 2 && here == there && here[0] != here[1])
        // The same bytes under another week's name, or changed by a byte: another report.
        try FileManager.default.moveItem(
            atPath: folder.path + "/there/kvmarm_2025_week33.md", toPath: folder.path + "/there/kvmarm_2025_week34.md")
        let renamed = try await ArchiveLoader.load(folder: folder.path + "/there").reportDigests
        #expect(renamed[0] == here[0] && renamed[1] != here[1])
        try folder.write("there/kvmarm_2025_week34.md", week33 + "\n")
        #expect(try await ArchiveLoader.load(folder: folder.path + "/there").reportDigests[1] != renamed[1])
        // A report given without its file has no digest: none is given.
        #expect(
            Archive(reports: try await ArchiveLoader.load(folder: folder.path + "/here").reports, diagnostics: [])
                .reportDigests.isEmpty)
    }

    @Test func loadsSortsAndNamesEveryProblemWithItsFile() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("kvmarm_2025_week32.md", ReportFixtures.complete)
        try folder.write(
            "kvmarm_2025_week01.md", ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W01"))
        try folder.write("kvmarm_2025_week1.md", ReportFixtures.complete)
        try folder.write("kvmarm_2025_week53.md", ReportFixtures.complete)
        try folder.write("README.md", "# notes")
        try folder.write("notes.txt", "not markdown, not looked at")
        let archive = try await ArchiveLoader.load(folder: folder.path)
        #expect(archive.reports.map(\.week.id) == ["2025-W01", "2025-W32"])
        let messages = archive.diagnostics.map(\.description)
        #expect(
            messages.contains {
                $0.hasSuffix(
                    "kvmarm_2025_week1.md: error: second report for week 2025-W01 (first: \(folder.path)/kvmarm_2025_week01.md); file ignored"
                )
            })
        #expect(
            messages.contains {
                $0.hasSuffix("kvmarm_2025_week53.md: error: ISO year 2025 has no week 53; file ignored")
            })
        #expect(
            messages.contains {
                $0.hasSuffix("README.md: warning: file name is not <list>_<year>_week<WW>.md; file ignored")
            })
        #expect(archive.diagnostics.count == 3)
    }

    @Test func invalidUTF8IsReplacedAndItsLineNamed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var bytes = Data(ReportFixtures.complete.utf8)
        let position = bytes.firstRange(of: Data("最近".utf8))!.lowerBound
        bytes[position] = 0xFF
        try folder.write("kvmarm_2025_week32.md", bytes)
        let archive = try await ArchiveLoader.load(folder: folder.path)
        #expect(archive.reports.first?.threads.count == 3)
        let warning = try #require(archive.diagnostics.first)
        #expect(warning.severity == .warning && warning.line == 5 && warning.message.contains("invalid UTF-8"))
    }

    @Test func missingFolderThrows() async {
        await #expect(throws: ArchiveLoaderError.self) {
            try await ArchiveLoader.load(folder: "/nonexistent/listdigest/reports")
        }
    }
}
