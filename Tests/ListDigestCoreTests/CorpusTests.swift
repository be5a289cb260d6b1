import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

@Suite(.enabled(if: Corpus.isPresent, "the corpus folder ../shared/corpus/kvm-ai-robot is absent"))
struct CorpusTests {
    @Test func everyWeekReadsWithoutErrorsAndMatchesItsDeclaredFigures() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        #expect(archive.reports.count == 40)
        #expect(archive.diagnostics.errorCount == 0, "\(archive.diagnostics.filter { $0.severity == .error })")
        for report in archive.reports {
            #expect(report.threads.count == report.declaredThreads, "\(report.week)")
            for thread in report.threads {
                #expect(thread.messages.count == thread.declaredEmails, "\(report.week) \(thread.subjectLine)")
                #expect(!thread.summaryMarkdown.isEmpty, "\(report.week) \(thread.subjectLine)")
                #expect(thread.startedAt != nil, "\(report.week) \(thread.subjectLine)")
                // Messages are never dated after the report's week, and history goes back less than two years.
                for message in thread.messages {
                    #expect(message.sentAt.date <= report.week.sunday.adding(days: 7))
                    #expect(message.sentAt.date >= report.week.monday.adding(days: -730))
                }
            }
        }
    }

    @Test func week32HoldsWhatTheFileSays() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        let report = try #require(archive.reports.first { $0.week.id == "2025-W32" })
        #expect(report.declaredEmails == 310 && report.listedMessageCount == 310)
        #expect(report.categories.map(\.name) == ["PATCH", "RFC"])
        let first = try #require(report.threads.first)
        #expect(first.subject.title == "KVM: x86: Add support for mediated vPMUs")
        #expect(first.messages.count == 48)
        #expect(
            first.messages[8].subjectLine
                == "[PATCH v5 08/44] perf: core/x86: Register a new vector for handling mediated guest PMIs")
    }

    @Test func week1ResolvesDecemberMessagesTo2024() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        let report = try #require(archive.reports.first { $0.week.id == "2025-W01" })
        let years = Set(report.threads.flatMap { $0.messages.map(\.sentAt.date.year) })
        #expect(years == [2024, 2025])
    }
}

@Suite(.enabled(if: Corpus.isPresent, "the corpus folder ../shared/corpus/kvm-ai-robot is absent"))
struct CorpusLinkingTests {
    static func index() async throws -> ArchiveIndex {
        ArchiveIndex(reports: try await ArchiveLoader.load(folder: Corpus.folder).reports)
    }

    func versions(_ index: ArchiveIndex, titled title: String) -> [[String]] {
        index.series.series.filter { $0.title == title }.map { $0.versions.map(\.label) }
    }

    @Test func longRunningSeriesLinkTheirConsecutiveVersions() async throws {
        let index = try await Self.index()
        let cca = versions(index, titled: "arm64: Support for Arm CCA in KVM")
        #expect(cca == [["v7", "v8", "v9", "v10"]])
        let tracefs = versions(index, titled: "Tracefs support for pKVM").first { $0.contains("v4") }
        #expect(tracefs.map { $0.contains(["v4", "v5", "v6"]) } == true)
        let tracefsChain = try #require(tracefs)
        let v4 = try #require(tracefsChain.firstIndex(of: "v4"))
        #expect(Array(tracefsChain[v4...v4 + 2]) == ["v4", "v5", "v6"])
    }

    @Test func everyUnchangedTitleLinksItsConsecutiveVersions() async throws {
        // Group the report threads by identity-tagged title and poster; wherever one poster
        // sent versions n and n+1 of an unchanged title, both must be in one series.
        let index = try await Self.index()
        var seriesOfVersion: [String: Set<String>] = [:]
        for (reportIndex, report) in index.reports.enumerated() {
            for (threadIndex, thread) in report.threads.enumerated()
            where !thread.subject.isRFC && (thread.subject.part ?? 0) == 0 {
                guard let location = index.location(report: reportIndex, thread: threadIndex),
                    let author = index.series.series[location.series].versions[location.version].author
                else { continue }
                let key = "\(SeriesKey(thread.subject))|\(author)|\(thread.subject.version)"
                seriesOfVersion[key, default: []].insert(index.series.series[location.series].id)
            }
        }
        var checked = 0
        for (key, series) in seriesOfVersion {
            let parts = key.split(separator: "|")
            guard let version = Int(parts.last!),
                let next = seriesOfVersion[parts.dropLast().joined(separator: "|") + "|\(version + 1)"]
            else { continue }
            checked += 1
            #expect(
                !series.isDisjoint(with: next), "\(key) and its next version are in different series: \(series) \(next)"
            )
        }
        #expect(checked > 50)
    }

    /// Who sent each message is found once while linking; pages read it by position, and it is
    /// whoever the people index says the sender is.
    @Test func everyMessageKnowsWhoSentIt() async throws {
        let index = try await Self.index()
        for (reportIndex, report) in index.reports.enumerated() {
            for (threadIndex, thread) in report.threads.enumerated() {
                let ref = ThreadRef(report: reportIndex, thread: threadIndex)
                for (position, message) in thread.messages.enumerated() {
                    #expect(
                        index.senders.person(of: ref, message: position)
                            == index.people.personIndex(of: message.sender))
                }
            }
        }
        for series in index.series.series {
            #expect(series.senders.count == series.messages.count)
            #expect(series.senders == series.messages.map { index.people.personIndex(of: index.message($0).sender) })
        }
        #expect(index.series.series.contains { Set($0.senders).count > 2 })
    }

    @Test func perLarsenIsOnePersonUnderHisRealAddress() async throws {
        let index = try await Self.index()
        let larsens = index.people.people.filter { $0.name == "Per Larsen" }
        #expect(larsens.count == 1)
        #expect(larsens.first?.addresses.contains("perlarsen@google.com") == true)
        #expect(larsens.first?.addresses.contains { $0.hasPrefix("devnull+") } == false)
        #expect(index.people.people.filter { $0.name == "Oliver Upton" }.count == 1)
    }

    /// What a page shows of a series, with people by id (their numbers shift as people are added).
    private struct SeriesShape: Equatable {
        let title: String
        let versions: [String]
        let threads: [[ThreadRef]]
        let author: String?
        let participants: [String]
        let messages: Int

        init(_ series: Series, in index: ArchiveIndex) {
            title = series.title
            versions = series.versions.map(\.label)
            threads = series.versions.map(\.threads)
            author = series.author.map { index.people.people[$0].id }
            participants = series.participants.map { index.people.people[$0].id }
            messages = series.messages.count
        }
    }

    /// Each of the corpus's last weeks added in turn, as a list's site grows: no series or person
    /// URL goes away, and a series none of whose threads is in the new week stays as it was.
    /// Links pasted into chat and mail must keep working, and an incremental linker could only
    /// relink what a new week touches if this holds.
    @Test func addingAWeekMovesNoURLAndChangesOnlyTheSeriesItTouches() async throws {
        let reports = try await ArchiveLoader.load(folder: Corpus.folder).reports
        var previous = ArchiveIndex(reports: Array(reports[..<30]))
        var untouchedChecked = 0
        for count in 31...reports.count {
            let index = ArchiveIndex(reports: Array(reports[..<count]))
            let shapes = Dictionary(
                uniqueKeysWithValues: index.series.series.map { ($0.id, SeriesShape($0, in: index)) })
            let newWeek = count - 1
            for series in previous.series.series {
                let week = reports[newWeek].week.id
                guard let now = shapes[series.id] else {
                    Issue.record("\(week) removed the series \(series.id)")
                    continue
                }
                let touched = index.series.series.first { $0.id == series.id }!.versions.contains {
                    $0.threads.contains { $0.report == newWeek }
                }
                guard !touched else { continue }
                untouchedChecked += 1
                #expect(now == SeriesShape(series, in: previous), "\(week) changed \(series.id)")
            }
            let people = Set(index.people.people.map(\.id))
            #expect(previous.people.people.allSatisfy { people.contains($0.id) }, "\(reports[newWeek].week.id)")
            previous = index
        }
        #expect(untouchedChecked > 2_500)
    }

    @Test func botsAreMarkedAndEveryIDIsUnique() async throws {
        let index = try await Self.index()
        #expect(index.people.people.first { $0.addresses.contains("lkp@intel.com") }?.isBot == true)
        #expect(index.people.people.filter { $0.name == "syzbot" }.count == 1)
        #expect(Set(index.people.people.map(\.id)).count == index.people.people.count)
        #expect(Set(index.series.series.map(\.id)).count == index.series.series.count)
        // Every thread of every week belongs to exactly one series.
        let threads = index.reports.reduce(0) { $0 + $1.threads.count }
        #expect(index.series.series.reduce(0) { $0 + $1.versions.reduce(0) { $0 + $1.threads.count } } == threads)
    }
}
