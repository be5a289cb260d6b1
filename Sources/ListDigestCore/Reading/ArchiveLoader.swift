import Foundation

/// Every report of a folder, read and sorted by week.
public struct Archive: Sendable {
    /// One report per week, oldest first.
    public let reports: [WeeklyReport]
    public let diagnostics: [Diagnostic]
    /// Every report file read, in file name order, with the hash of its bytes.
    public let files: [ParsedFile]

    public init(reports: [WeeklyReport], diagnostics: [Diagnostic], files: [ParsedFile] = []) {
        self.reports = reports
        self.diagnostics = diagnostics
        self.files = files
    }

    /// By report, in order: a stable hash of what it was parsed from: its file's bytes and the
    /// week and list name its file name gives; not its folder, so that a checkout moved or made
    /// elsewhere still finds what an earlier build kept of it. What page keys (`PageKeys`) and
    /// the kept message table (`KeptMessageTable`) know a report by. Empty when a report has no
    /// file read.
    public var reportDigests: [UInt64] {
        var digestOfPath: [String: UInt64] = [:]
        for file in files where file.parsed.report != nil { digestOfPath[file.path] = file.digest }
        var result: [UInt64] = []
        result.reserveCapacity(reports.count)
        for report in reports {
            guard let digest = digestOfPath[report.path] else { return [] }
            var hasher = StableHasher()
            hasher.combine(digest)
            hasher.combine(report.week.year)
            hasher.combine(report.week.week)
            hasher.combine(report.listName)
            result.append(hasher.value)
        }
        return result
    }

    public var threadCount: Int { reports.reduce(0) { $0 + $1.threads.count } }
    public var listedMessageCount: Int { reports.reduce(0) { $0 + $1.listedMessageCount } }
}

public enum ArchiveLoaderError: Error, CustomStringConvertible {
    case missingFolder(String)
    case unreadableFolder(String, String)

    public var description: String {
        switch self {
        case .missingFolder(let path): "\(path): error: reports folder does not exist"
        case .unreadableFolder(let path, let reason): "\(path): error: cannot list the reports folder: \(reason)"
        }
    }
}

public enum ArchiveLoader {
    /// Reads every `*.md` report of `folder`, taking from `cache` the reports whose bytes it
    /// parsed before. `digests`: the hash of files' bytes by path, when the caller has just read
    /// them: a file whose parse the cache holds is then not read again. Problems in files are
    /// diagnostics; only a missing or unlistable folder throws.
    public static func load(
        folder: String, cache: ParsedReportCache = .empty, digests: [String: UInt64] = [:]
    ) async throws(ArchiveLoaderError) -> Archive {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ArchiveLoaderError.missingFolder(folder)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw ArchiveLoaderError.unreadableFolder(folder, String(describing: error))
        }
        var diagnostics: [Diagnostic] = []
        var sources: [ReportSource] = []
        var firstPathOfWeek: [ISOWeek: String] = [:]
        for name in names where name.hasSuffix(".md") {
            let path = (folder as NSString).appendingPathComponent(name)
            switch ReportFileName.parse(name) {
            case .failure(let problem):
                let severity: Diagnostic.Severity = problem == .notAReportName ? .warning : .error
                diagnostics.append(Diagnostic(severity, file: path, line: 0, "\(problem); file ignored"))
            case .success(let fileName):
                if let other = firstPathOfWeek[fileName.week] {
                    diagnostics.append(
                        .error(path, 0, "second report for week \(fileName.week) (first: \(other)); file ignored"))
                    continue
                }
                firstPathOfWeek[fileName.week] = path
                sources.append(ReportSource(path: path, week: fileName.week, listName: fileName.listName))
            }
        }
        let results = await withTaskGroup(of: (Int, ParsedReport, ParsedFile?).self) { group in
            for (index, source) in sources.enumerated() {
                group.addTask {
                    let (report, file) = read(source, cache: cache, digest: digests[source.path])
                    return (index, report, file)
                }
            }
            var results = [(ParsedReport, ParsedFile?)?](repeating: nil, count: sources.count)
            for await (index, report, file) in group { results[index] = (report, file) }
            return results.compactMap { $0 }
        }
        for (report, _) in results { diagnostics += report.diagnostics }
        let reports = results.compactMap(\.0.report).sorted { $0.week < $1.week }
        return Archive(reports: reports, diagnostics: diagnostics, files: results.compactMap(\.1))
    }

    /// Reads and parses one file; unreadable bytes become diagnostics, never a crash. The
    /// parsed report (from `cache` when it parsed the same bytes, found by the `known` hash of
    /// them without reading the file when the caller has one) and the file as read (nil when
    /// unreadable).
    private static func read(
        _ source: ReportSource, cache: ParsedReportCache, digest known: UInt64?
    ) -> (report: ParsedReport, file: ParsedFile?) {
        func fromCache(_ digest: UInt64) -> (report: ParsedReport, file: ParsedFile?)? {
            cache.parsed(path: source.path, digest: digest).map { ($0.parsed, $0) }
        }
        if let known, let cached = fromCache(known) { return cached }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: source.path))
        } catch {
            return (
                ParsedReport(
                    report: nil,
                    diagnostics: [.error(source.path, 0, "cannot read file: \(error.localizedDescription)")]),
                nil
            )
        }
        var hasher = StableHasher()
        data.withUnsafeBytes { hasher.combine(raw: $0) }
        let digest = hasher.value
        if let cached = fromCache(digest) { return cached }
        let parsed = parseReport(data, source: source)
        return (parsed, ParsedFile(path: source.path, digest: digest, parsed: parsed))
    }

    /// Reads the bytes of a report as a report file is read: invalid UTF-8 is replaced and
    /// named by line. Used for files and for downloads alike.
    public static func parseReport(_ data: Data, source: ReportSource) -> ParsedReport {
        let decoded = TextDecoding.decodeUTF8(data)
        let result = ReportParser.parse(text: decoded.text, source: source)
        guard let line = decoded.firstInvalidLine else { return result }
        return ParsedReport(
            report: result.report,
            diagnostics: [.warning(source.path, line, "invalid UTF-8 replaced with U+FFFD")] + result.diagnostics)
    }
}

enum TextDecoding {
    /// Decodes UTF-8, replacing invalid bytes, and says on which line the first one was.
    static func decodeUTF8(_ data: Data) -> (text: String, firstInvalidLine: Int?) {
        if let text = String(data: data, encoding: .utf8) { return (text, nil) }
        var line = 1
        var firstInvalidLine: Int?
        var decoder = UTF8()
        var iterator = data.makeIterator()
        var scalars = String.UnicodeScalarView()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                scalars.append(scalar)
            case .emptyInput: break loop
            case .error:
                if firstInvalidLine == nil { firstInvalidLine = line }
                scalars.append("\u{FFFD}")
            }
        }
        return (String(scalars), firstInvalidLine)
    }
}
