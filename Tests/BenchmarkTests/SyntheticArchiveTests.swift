import Foundation
import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import listdigest_benchmark

/// The benchmark's figures are only as good as its archive: it must read as real reports do,
/// come out the same every time, and have people as the corpus has them (README: Performance).
@Suite struct SyntheticArchiveTests {
    static let weeks = 104

    /// Two years of reports, read back.
    static func generated() async throws -> (archive: Archive, folder: TemporaryFolder) {
        let folder = try TemporaryFolder()
        try SyntheticArchive(weeks: weeks).write(into: folder.path)
        return (try await ArchiveLoader.load(folder: folder.path), folder)
    }

    @Test func reportsReadWithoutProblemsAndMatchTheirDeclaredFigures() async throws {
        let (archive, folder) = try await Self.generated()
        defer { folder.remove() }
        #expect(archive.reports.count == Self.weeks)
        #expect(archive.diagnostics.isEmpty, "\(archive.diagnostics.prefix(3))")
        for report in archive.reports {
            #expect(report.threads.count == report.declaredThreads)
            #expect(report.listedMessageCount == report.declaredEmails)
            for thread in report.threads {
                #expect(thread.messages.count == thread.declaredEmails)
                #expect(Set(thread.messages.map(\.sender.lowercasedAddress)).count == thread.declaredParticipants)
            }
        }
    }

    @Test func theSameArchiveEveryTime() throws {
        let first = try TemporaryFolder()
        let second = try TemporaryFolder()
        defer {
            first.remove()
            second.remove()
        }
        try SyntheticArchive(weeks: 30).write(into: first.path)
        try SyntheticArchive(weeks: 30).write(into: second.path)
        // Only the weeks asked for, each as it is in the whole archive.
        try SyntheticArchive(weeks: 30).write(into: second.path + "/tail", range: 25..<30)
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names.count == 30)
        for name in names {
            let bytes = FileManager.default.contents(atPath: first.path + "/" + name)
            #expect(bytes == FileManager.default.contents(atPath: second.path + "/" + name), "\(name)")
        }
        let tail = try FileManager.default.contentsOfDirectory(atPath: second.path + "/tail").sorted()
        #expect(tail == Array(names.suffix(5)))
        for name in tail {
            #expect(
                FileManager.default.contents(atPath: second.path + "/tail/" + name)
                    == FileManager.default.contents(atPath: first.path + "/" + name))
        }
    }

    /// A week added again is another revision of its report: other bytes (no cache has read
    /// them), the same threads and messages, generated later in the same hour.
    @Test func aRevisionIsTheSameWeekGeneratedLater() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let archive = SyntheticArchive(weeks: 12)
        try archive.write(into: folder.path + "/0", range: 11..<12)
        try archive.write(into: folder.path + "/1", range: 11..<12, revision: 1)
        try archive.write(into: folder.path + "/75", range: 11..<12, revision: 75)
        let name = archive.fileName(ofWeek: 11)
        let files = ["0", "1", "75"].map { FileManager.default.contents(atPath: folder.path + "/\($0)/" + name) }
        #expect(Set(files).count == 3)
        var reports: [Archive] = []
        for revision in ["0", "1", "75"] {
            reports.append(try await ArchiveLoader.load(folder: folder.path + "/" + revision))
        }
        let original = try #require(reports[0].reports.first)
        for (position, seconds) in [(1, 1), (2, 75)] {
            #expect(reports[position].diagnostics.isEmpty)
            let report = try #require(reports[position].reports.first)
            #expect(report.threads == original.threads)
            #expect(report.generatedAt?.date == original.generatedAt?.date)
            #expect(report.generatedAt?.hour == 23)
            #expect(report.generatedAt?.minute == seconds / 60)
            #expect(report.generatedAt?.second == seconds % 60)
        }
        #expect(original.generatedAt?.minute == 0 && original.generatedAt?.second == 0)
    }

    /// The corpus gains about five people a week, has about 30 senders a week and 2.3 people
    /// in a thread; the archive stays near that as it grows.
    @Test func peopleAreAsTheCorpusHasThem() async throws {
        let (archive, folder) = try await Self.generated()
        defer { folder.remove() }
        var everyone = Set<String>()
        var newcomers: [Int] = []
        var senders: [Int] = []
        var participants = 0
        var threads = 0
        for report in archive.reports {
            let addresses = report.threads.flatMap { $0.messages.map(\.sender.lowercasedAddress) }
            let before = everyone.count
            everyone.formUnion(addresses)
            newcomers.append(everyone.count - before)
            senders.append(Set(addresses).count)
            for thread in report.threads {
                participants += Set(thread.messages.map(\.sender.lowercasedAddress)).count
                threads += 1
            }
        }
        let laterYear = Self.weeks / 2..<Self.weeks
        let newcomersPerWeek = Double(newcomers[laterYear].reduce(0, +)) / Double(laterYear.count)
        let sendersPerWeek = Double(senders[laterYear].reduce(0, +)) / Double(laterYear.count)
        #expect((4...6).contains(newcomersPerWeek), "\(newcomersPerWeek) newcomers a week")
        #expect((25...50).contains(sendersPerWeek), "\(sendersPerWeek) senders a week")
        #expect((2...3.5).contains(Double(participants) / Double(threads)))
        // Names are unique, so the people index merges only the maintainer who also sends the
        // weekly pull request from another address.
        #expect(PeopleIndex(reports: archive.reports).people.count == everyone.count - 1)
    }
}
