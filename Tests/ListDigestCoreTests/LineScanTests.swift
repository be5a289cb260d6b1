import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

/// The byte scans the reader uses on every line give what the character-level checks give.
@Suite struct LineScanTests {
    static let awkwardLines: [Substring] = [
        "", " ", "\t \u{0B}\u{0C}\r", "\r\n", "a", " a ", "\u{3000}", "\u{3000}x", "\u{00A0}", " \u{301}",
        " \u{301}---", "\u{600}a", "\u{600} ", "---", " --- ", "\u{3000}---\u{3000}", "--- x", "-\u{301}--",
        "- 发件人: A <a@b.c>", "   - 发件人：A <a@b.c>", "\u{3000}- 发件人: A <a@b.c>", "x - 发件人: A <a@b.c>",
        "中文", " 中文 ", "\u{2028}", "\u{85}", "- 发件人:\u{301}A <a@b.c>", "- 发件人\u{301}: A <a@b.c>",
        "- 发件人：： A <a@b.c> ", "  - 发件人: \u{3000}A <a@b.c>", "- 发件人:\r\nA", "\t- 发件人 A", "- 发件人",
        "- 发件人:", "-\u{301} 发件人: A", "12. **[08-06 12:56]** s", "1. **[08-06 12:56]**\u{301}s",
        "1. **[08-06 12:56]**中", "1. **[8-06 12:56]** s", "1\u{301}. **[08-06 12:56]** s", "1. **[08-06 12:56]**",
        "1. **[08-06 12:5x]** s", "01. **[12-31 23:59]**  s  ",
    ]

    static func lines() throws -> [Substring] {
        var lines = awkwardLines
        if Corpus.isPresent {
            for name in try FileManager.default.contentsOfDirectory(atPath: Corpus.folder) where name.hasSuffix(".md") {
                let text = try String(contentsOfFile: Corpus.folder + "/" + name, encoding: .utf8)
                lines += text.split(separator: "\n", omittingEmptySubsequences: false)
            }
        }
        return lines
    }

    @Test func byteScansAgreeWithCharacters() throws {
        let lines = try Self.lines()
        #expect(lines.count > 1000 || !Corpus.isPresent)
        for line in lines {
            #expect(line.isBlank == line.trimmingWhitespace.isEmpty, "\(Array(line.unicodeScalars))")
            #expect(ReportLines.isRule(line) == (line.trimmingWhitespace == "---"), "\(Array(line.unicodeScalars))")
            let trimmed = line.trimmingWhitespace
            let sender: String? =
                trimmed.hasPrefix("- ") && trimmed.dropFirst(2).hasPrefix("发件人")
                ? String(trimmed.dropFirst(2).dropFirst(3).drop { $0 == ":" || $0 == "：" || $0.isWhitespace }) : nil
            #expect(ReportLines.senderText(line) == sender, "\(Array(line.unicodeScalars))")
            #expect(line.isASCII == line.unicodeScalars.allSatisfy(\.isASCII))
            if let fixed = ReportLines.fixedEntry(line) {
                let read = ReportLines.entryByCharacters(line)
                #expect(
                    read.map { [$0.month, $0.day, $0.hour, $0.minute] } == [
                        fixed.month, fixed.day, fixed.hour, fixed.minute,
                    ]
                        && read?.subject == fixed.subject, "\(Array(line.unicodeScalars))")
            }
        }
        #expect(ReportLines.senderText("   - 发件人：A <a@b.c>") == "A <a@b.c>")
        #expect(Substring(" \u{3000}\t").isBlank && !Substring("\u{600}a").isBlank)
    }

    /// Prefixes, markers and separators found over bytes are those found over characters, at every start
    /// of every line, marks and prepended characters around them included.
    @Test func asciiPrefixesAndRangesAgreeWithCharacters() throws {
        var lines = try Self.lines()
        lines += [
            "##\u{301} x", "## \u{301}x", "**\u{301}a**", "\u{600}**a**", "a**\u{301}**", "a\u{600}**b**",
            "\r\n**", "**\r\n", "- \u{301}发件人", "### Thread 1\u{20E3}: x", "**键**：值", "**📧 邮件数**: 7",
            "1. **[08-06 12:56]**\u{301} s", "1. **[08-06 12:56]\u{600}** s", "**a**\u{1F3FB}", "**", "*", "",
            "a |\u{301} b | c", "a \u{600}| b", "|a||b|", "| 中 |", "|",
        ]
        let prefixes = ["# ", "- ", "**", "## ", "### ", "#### ", "### Thread ", ". **[", ". **"]
        var disagreements: [String] = []
        for line in lines {
            for start in line.indices.prefix(6) + [line.endIndex] {
                let rest = line[start...]
                for prefix in prefixes where rest.hasASCIIPrefix(prefix) != rest.hasPrefix(prefix) {
                    disagreements.append("prefix \(prefix) of \(Array(rest.unicodeScalars))")
                }
                for needle in ["**", "]**"] where rest.firstRange(ofASCII: needle) != rest.firstRange(of: needle) {
                    disagreements.append("\(needle) in \(Array(rest.unicodeScalars))")
                }
                if rest.split(atASCII: "|") != rest.split(separator: "|") {
                    disagreements.append("| in \(Array(rest.unicodeScalars))")
                }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
