// libFuzzer entry point for the report reader, built by .ci/fuzz together with the
// ListDigestCore sources as one module (so it can reach internal API).
//
// Any input must read without trapping; every diagnostic names the file and a line
// that exists; whatever was read can be linked into series and people and comes back
// whole from the parsed-report cache's encoding; and any bytes decode as a cache entry or fail.
import Foundation

private let source = ReportSource(path: "fuzz.md", week: ISOWeek(year: 2025, week: 1)!, listName: "kvmarm")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReportReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let decoded = TextDecoding.decodeUTF8(data)
    let result = ReportParser.parse(text: decoded.text, source: source)
    let lineCount = decoded.text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        .count
    for diagnostic in result.diagnostics {
        precondition(diagnostic.file == "fuzz.md", "diagnostic without the file: \(diagnostic)")
        precondition(
            diagnostic.line >= 0 && diagnostic.line <= lineCount, "diagnostic names no real line: \(diagnostic)")
    }
    for line in decoded.text.split(separator: "\n").prefix(64) {
        let text = String(line)
        let subject = Subject(parsing: text)
        precondition(subject.version >= 0)
        _ = Sender(parsing: text)
        _ = MailDate.parse(text)
        _ = Slug.make(text)
    }
    if let report = result.report {
        let index = ArchiveIndex(reports: [report])
        for series in index.series.series {
            precondition(!series.id.isEmpty && series.id.allSatisfy { $0.isASCII && $0 != "/" && $0 != "." })
        }
    }
    // What was read comes back whole from the cache's encoding; and any bytes at all, read as
    // a cache entry, give a report or an error, never a trap.
    var writer = ByteWriter()
    ParsedReportCodec.encode(result, into: &writer)
    var reader = ByteReader(writer.bytes)
    let cached = try? ParsedReportCodec.decode(from: &reader)
    precondition(cached?.report == result.report && cached?.diagnostics == result.diagnostics && reader.isAtEnd)
    var hostile = ByteReader([UInt8](data))
    _ = try? ParsedReportCodec.decode(from: &hostile)
    return 0
}
