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
