import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

/// Damaged copies of real reports: the reader never traps and always names the file and line.
@Suite(.enabled(if: Corpus.isPresent, "the corpus folder ../shared/corpus/kvm-ai-robot is absent"))
struct ReaderMutationTests {
    static let names = ["kvmarm_2025_week01.md", "kvmarm_2025_week32.md", "kvmarm_2025_week38.md"]

    func original(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: Corpus.folder + "/" + name))
    }

    func read(_ data: Data, as name: String) -> ParsedReport {
        let file = try! ReportFileName.parse(name).get()
        let source = ReportSource(path: name, week: file.week, listName: file.listName)
        let result = ArchiveLoader.parseReport(data, source: source)
        let decoded = TextDecoding.decodeUTF8(data)
        let lines = decoded.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .count
        for diagnostic in result.diagnostics {
            #expect(diagnostic.file == name)
            #expect((0...lines).contains(diagnostic.line), "\(diagnostic)")
        }
        return result
    }

    @Test(arguments: names)
    func truncationAtManyOffsets(_ name: String) throws {
        let data = try original(name)
        let complete = read(data, as: name)
        for end in stride(from: 0, to: data.count, by: max(1, data.count / 150)) {
            let result = read(data.prefix(end), as: name)
            #expect((result.report?.threads.count ?? 0) <= (complete.report?.threads.count ?? 0))
        }
    }

    @Test(arguments: names)
    func lineEndingsAndByteOrderMarkChangeNothing(_ name: String) throws {
        let text = String(decoding: try original(name), as: UTF8.self)
        let plain = read(Data(text.utf8), as: name)
        let crlf = read(Data(("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")).utf8), as: name)
        #expect(crlf.diagnostics.map(\.description) == plain.diagnostics.map(\.description))
        #expect(crlf.report?.threads.map(\.subjectLine) == plain.report?.threads.map(\.subjectLine))
        #expect(crlf.report?.threads.map(\.summaryMarkdown) == plain.report?.threads.map(\.summaryMarkdown))
    }

    @Test(arguments: names)
    func invalidUTF8AndNULBytesAreNamedByLine(_ name: String) throws {
        var data = try original(name)
        let positions = stride(from: 97, to: data.count, by: data.count / 20).map { $0 }
        for position in positions { data[position] = 0xFF }
        let damaged = read(data, as: name)
        #expect(damaged.diagnostics.contains { $0.message.contains("invalid UTF-8") && $0.line > 0 })
        var withNUL = try original(name)
        withNUL.insert(0, at: withNUL.count / 2)
        let nul = read(withNUL, as: name)
        #expect(nul.diagnostics.contains { $0.message.contains("NUL") && $0.line > 0 })
    }

    @Test func aOneMegabyteLineIsReadOrReported() throws {
        let name = "kvmarm_2025_week32.md"
        let text = String(decoding: try original(name), as: UTF8.self)
        let huge = String(repeating: "x", count: 1 << 20)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.insert(huge, at: 40)
        lines.insert("### Thread 99: [PATCH] " + huge, at: lines.count / 2)
        let result = read(Data(lines.joined(separator: "\n").utf8), as: name)
        #expect(result.report != nil)
        #expect(!result.diagnostics.isEmpty)
    }

    @Test func emptyAndWhitespaceFilesAreOneError() {
        for data in [Data(), Data("\n\n\n".utf8), Data([0xEF, 0xBB, 0xBF])] {
            let result = read(data, as: "kvmarm_2025_week32.md")
            #expect(result.report == nil)
            #expect(result.diagnostics.map(\.severity) == [.error])
        }
    }
}
