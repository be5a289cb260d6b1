/// Where a report's text came from: the file name is the only place the week is stated.
public struct ReportSource: Sendable, Hashable {
    public let path: String
    public let week: ISOWeek
    /// The list name in the file name (`kvmarm`).
    public let listName: String

    public init(path: String, week: ISOWeek, listName: String) {
        self.path = path
        self.week = week
        self.listName = listName
    }
}

/// The result of reading one report: the report (nil when nothing usable was
/// found) and every problem found, in line order.
public struct ParsedReport: Sendable {
    public let report: WeeklyReport?
    public let diagnostics: [Diagnostic]
}

/// Reads the text of one weekly report. Pure: no file access, never traps.
public enum ReportParser {
    public static func parse(text: String, source: ReportSource) -> ParsedReport {
        var parser = ReportParserState(source: source)
        var text = Substring(text)
        if text.first == "\u{FEFF}" { text = text.dropFirst() }
        // Lines end at "\n" or "\r\n" (a lone "\r" is text). Split over bytes: a line break is
        // always a character boundary, and walking characters was most of the reading time.
        // Contiguous, byte offsets are indices at no cost.
        text.makeContiguousUTF8()
        let bytes = text.utf8
        let base = bytes.startIndex
        func line(from start: Int, to end: Int) -> Substring {
            text[bytes.index(base, offsetBy: start)..<bytes.index(base, offsetBy: end)]
        }
        let ends =
            bytes.withContiguousStorageIfAvailable { buffer in
                buffer.indices.filter { buffer[$0] == UInt8(ascii: "\n") }
            } ?? bytes.enumerated().filter { $0.element == UInt8(ascii: "\n") }.map(\.offset)
        var start = 0
        for (lineIndex, newline) in ends.enumerated() {
            let end =
                newline > start && bytes[bytes.index(base, offsetBy: newline - 1)] == UInt8(ascii: "\r")
                ? newline - 1 : newline
            parser.consume(line(from: start, to: end), number: lineIndex + 1)
            start = newline + 1
        }
        parser.consume(line(from: start, to: bytes.count), number: ends.count + 1)
        return parser.finish()
    }
}

/// The reader's state while it walks the lines of one report.
struct ReportParserState {
    private enum Region {
        case header, distribution, section, threadTitle, threadBody, summary, messages
    }

    private let source: ReportSource
    private var diagnostics: [Diagnostic] = []
    private var region = Region.header
    private var sawAnyStructure = false

    private var listName: String?
    private var generatedAt: LocalDateTime?
    private var period: String?
    private var declaredEmails: Int?
    private var declaredThreads: Int?
    private var declaredLargeThreads: Int?
    private var categories: [CategoryCount] = []
    private var threads: [ReportThread] = []
    private var skippedThreads = 0

    private var section: SectionDraft?
    private var thread: ThreadDraft?
    /// Each sender line parsed once: a report names the same few dozen people over and over,
    /// and their messages then share the texts of one `Sender`.
    private var senders: [String: Sender] = [:]

    init(source: ReportSource) {
        self.source = source
    }

    mutating func consume(_ line: Substring, number: Int) {
        // Bytes that may start a control character (C0, DEL, C1 as 0xC2 0x80–0x9F); most lines have none.
        guard line.containsByte(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else {
            consumeClean(line, number: number)
            return
        }
        if line.utf8.contains(0) {
            problem(.error, number, "line holds a NUL byte")
            return
        }
        // Control characters cannot be shown, and XML (the feed, SVG) cannot even hold them.
        if line.unicodeScalars.contains(where: Self.isControl) {
            problem(.warning, number, "control characters removed")
            var cleaned = String.UnicodeScalarView()
            cleaned.append(contentsOf: line.unicodeScalars.filter { !Self.isControl($0) })
            consumeClean(Substring(String(cleaned)), number: number)
            return
        }
        consumeClean(line, number: number)
    }

    /// `## 📌 PATCH`: characters compared only for lines that start so.
    private static func isSectionHeading(_ line: Substring) -> Bool {
        line.hasASCIIPrefix("## ") && line.hasPrefix("## 📌")
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
    }

    private mutating func consumeClean(_ line: Substring, number: Int) {
        // Lines that always end what came before, except inside a summary,
        // where the model's Markdown may use headings of its own.
        if region != .summary || Self.isSectionHeading(line) || line.hasASCIIPrefix("### Thread ") {
            if let heading = ReportLines.threadHeading(line) {
                finishThread()
                startThread(heading, line: number)
                return
            }
            if region != .header || Self.isSectionHeading(line), line.hasASCIIPrefix("## "),
                let category = ReportLines.categoryHeading(line), !line.hasPrefix("## 📊")
            {
                finishThread()
                finishSection()
                section = SectionDraft(name: category, line: number)
                region = .section
                sawAnyStructure = true
                return
            }
        }
        switch region {
        case .header, .distribution: consumeHeader(line, number: number)
        case .section: consumeSection(line, number: number)
        case .threadTitle, .threadBody: consumeThreadBody(line, number: number)
        case .summary: consumeSummary(line, number: number)
        case .messages: consumeMessage(line, number: number)
        }
    }

    // MARK: Header

    private mutating func consumeHeader(_ line: Substring, number: Int) {
        if line.isBlank || ReportLines.isRule(line) { return }
        if listName == nil, let title = ReportLines.title(line) {
            listName = title
            return
        }
        if line.hasASCIIPrefix("## ") { return }  // "## 📊 总体统计"
        if line.hasASCIIPrefix("### ") {
            if line.includes("分类") || line.lowercased().includes("categor") { region = .distribution }
            return
        }
        guard let (key, value) = ReportLines.keyValue(line) else {
            problem(.warning, number, "unrecognised line in the report header is ignored")
            return
        }
        sawAnyStructure = true
        let numbers = ReportLines.integers(in: value)
        if region == .distribution {
            guard numbers.count >= 2 else {
                problem(.warning, number, "category line '\(key)' should read 'N threads (M 邮件)'")
                return
            }
            categories.append(
                CategoryCount(name: key, declaredThreads: numbers[0], declaredEmails: numbers[1], line: number))
            return
        }
        switch key {
        case _ where key.includes("生成时间"):
            generatedAt = Self.parseGeneratedAt(value)
            if generatedAt == nil { problem(.warning, number, "generation time '\(value)' is not YYYY-MM-DD HH:MM:SS") }
        case _ where key.includes("分析周期"): period = value
        case _ where key.includes("总邮件数"): declaredEmails = numbers.first
        case _ where key.includes("大型"): declaredLargeThreads = numbers.first
        case _ where key.lowercased().includes("thread") && key.includes("总"): declaredThreads = numbers.first
        default: problem(.warning, number, "unknown header field '\(key)' is ignored")
        }
    }

    private static func parseGeneratedAt(_ text: String) -> LocalDateTime? {
        let numbers = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" || $0 == "T" }).map { Int($0) }
        guard numbers.count == 6, !numbers.contains(nil),
            let date = CivilDate(year: numbers[0]!, month: numbers[1]!, day: numbers[2]!)
        else { return nil }
        return LocalDateTime(date: date, hour: numbers[3]!, minute: numbers[4]!, second: numbers[5]!)
    }

    // MARK: Sections and threads

    private mutating func consumeSection(_ line: Substring, number: Int) {
        if line.isBlank || ReportLines.isRule(line) { return }
        if let count = ReportLines.sectionCount(line), section?.declaredThreads == nil {
            section?.declaredThreads = count
            return
        }
        problem(.warning, number, "unexpected line between threads is ignored")
    }

    private mutating func startThread(_ heading: (number: Int, title: String), line: Int) {
        sawAnyStructure = true
        if section == nil {
            problem(.warning, line, "thread before any category heading is filed under 'Other'")
            section = SectionDraft(name: "Other", line: line)
        }
        thread = ThreadDraft(number: heading.number, category: section!.name, subjectLine: heading.title, line: line)
        section?.threadsSeen += 1
        region = .threadTitle
    }

    private mutating func consumeThreadBody(_ line: Substring, number: Int) {
        if region == .threadTitle, let more = ReportLines.continuation(line) {
            thread?.subjectLine += " " + more
            return
        }
        region = .threadBody
        if line.isBlank { return }
        if ReportLines.isSummaryHeading(line) {
            region = .summary
            thread?.sawSummary = true
            return
        }
        if ReportLines.isMessageListHeading(line) {
            region = .messages
            thread?.sawMessageList = true
            return
        }
        if let fields = ReportLines.keyValue(line), ["邮件数", "参与者", "开始时间"].contains(where: fields.key.includes) {
            readThreadStats(line, number: number)
            return
        }
        if ReportLines.isRule(line) {
            finishThread()
            return
        }
        threadProblem(number, "unexpected line before the summary: '\(line.prefix(60))'")
    }

    /// `**📧 邮件数**: 48 | **👥 参与者**: 2 | **📅 开始时间**: Wed,  6 Aug 2025 12:56:22 -0700`
    private mutating func readThreadStats(_ line: Substring, number: Int) {
        for field in line.split(atASCII: "|") {
            guard let (key, value) = ReportLines.keyValue(field.trimmingWhitespace[...]) else { continue }
            if key.includes("邮件数") {
                thread?.declaredEmails = ReportLines.integers(in: value).first
            } else if key.includes("参与者") {
                thread?.declaredParticipants = ReportLines.integers(in: value).first
            } else if key.includes("开始时间") {
                thread?.startedAt = MailDate.parse(value)
                if thread?.startedAt == nil {
                    problem(.warning, number, "thread start time '\(value)' is not an RFC 2822 date")
                }
            }
        }
        if thread?.declaredEmails == nil { threadProblem(number, "thread statistics give no 邮件数 (email count)") }
    }

    private mutating func consumeSummary(_ line: Substring, number: Int) {
        if ReportLines.isMessageListHeading(line) {
            region = .messages
            thread?.sawMessageList = true
            return
        }
        thread?.summaryLines.append(line)
    }

    /// `Sender(parsing:)`, kept for the next line naming the same sender.
    private mutating func parseSender(_ text: String) -> Sender? {
        let sender = Sender(parsing: text)
        senders[text] = sender
        return sender
    }

    private mutating func consumeMessage(_ line: Substring, number: Int) {
        if line.isBlank { return }
        if ReportLines.isRule(line) {
            finishThread()
            return
        }
        if let entry = ReportLines.messageEntry(line) {
            closePendingMessage()
            guard let date = resolveDate(month: entry.month, day: entry.day) else {
                threadProblem(number, "message date \(pad(entry.month, 2))-\(pad(entry.day, 2)) does not exist")
                return
            }
            guard let time = LocalDateTime(date: date, hour: entry.hour, minute: entry.minute) else {
                threadProblem(number, "message time \(pad(entry.hour, 2)):\(pad(entry.minute, 2)) is not a time of day")
                return
            }
            thread?.pending = PendingMessage(sentAt: time, subjectLine: entry.subject, line: number)
            return
        }
        if ReportLines.looksLikeMessageEntry(line) {
            closePendingMessage()
            threadProblem(number, "message entry should start 'N. **[MM-DD HH:MM]**'")
            return
        }
        if let senderText = ReportLines.senderText(line) {
            guard let pending = thread?.pending else {
                problem(.warning, number, "sender line without a message is ignored")
                return
            }
            guard let sender = senders[senderText] ?? parseSender(senderText) else {
                threadProblem(number, "sender '\(senderText)' has no e-mail address")
                thread?.pending = nil
                return
            }
            thread?.messages.append(
                Message(sentAt: pending.sentAt, subjectLine: pending.subjectLine, sender: sender, line: pending.line))
            thread?.pending = nil
            return
        }
        if let more = ReportLines.continuation(line), thread?.pending != nil {
            thread?.pending?.subjectLine += " " + more
            return
        }
        problem(.warning, number, "unexpected line in the message list is ignored")
    }

    private mutating func closePendingMessage() {
        if let pending = thread?.pending {
            threadProblem(pending.line, "message has no 发件人 (sender) line")
            thread?.pending = nil
        }
    }

    /// Message times carry no year: take the latest year that does not put the
    /// message after the report's week (with a week of slack for late lists).
    private func resolveDate(month: Int, day: Int) -> CivilDate? {
        let limit = source.week.sunday.adding(days: 7)
        for year in [limit.year, limit.year - 1] {
            if let date = CivilDate(year: year, month: month, day: day), date <= limit { return date }
        }
        return CivilDate(year: limit.year - 1, month: month, day: day)
            ?? CivilDate(year: limit.year - 2, month: month, day: day)
    }

    private mutating func finishThread() {
        guard var draft = thread else { return }
        thread = nil
        region = .section
        if let pending = draft.pending {
            draft.errors.append(.error(source.path, pending.line, "message has no 发件人 (sender) line"))
        }
        if draft.errors.isEmpty {
            if draft.declaredEmails == nil {
                draft.errors.append(.error(source.path, draft.line, "thread has no statistics line (**📧 邮件数**: N | …)"))
            }
            if !draft.sawMessageList {
                draft.errors.append(.error(source.path, draft.line, "thread has no message list (#### 📝 邮件列表)"))
            }
        }
        guard draft.errors.isEmpty, let declaredEmails = draft.declaredEmails else {
            diagnostics += draft.errors.map {
                Diagnostic(
                    $0.severity, file: $0.file, line: $0.line,
                    $0.message + " (thread '\(draft.subjectLine.prefix(60))' skipped)")
            }
            skippedThreads += 1
            return
        }
        if !draft.sawSummary {
            problem(.warning, draft.line, "thread has no AI summary (#### 🤖 AI 总结)")
        }
        if declaredEmails != draft.messages.count {
            problem(.warning, draft.line, "thread declares \(declaredEmails) emails but lists \(draft.messages.count)")
        }
        section?.listedEmails += draft.messages.count
        threads.append(
            ReportThread(
                number: draft.number, category: draft.category, subjectLine: draft.subjectLine,
                declaredEmails: declaredEmails, declaredParticipants: draft.declaredParticipants,
                startedAt: draft.startedAt, summaryMarkdown: Self.trimBlankLines(draft.summaryLines),
                messages: draft.messages, line: draft.line))
    }

    private static func trimBlankLines(_ lines: [Substring]) -> String {
        var slice = lines[...]
        while let first = slice.first, first.isBlank { slice = slice.dropFirst() }
        while let last = slice.last, last.isBlank || ReportLines.isRule(last) {
            slice = slice.dropLast()
        }
        return slice.joined(separator: "\n")
    }

    private mutating func finishSection() {
        guard let draft = section else { return }
        section = nil
        sections.append(draft)
        if let declared = draft.declaredThreads, declared != draft.threadsSeen {
            problem(
                .warning, draft.line,
                "section '\(draft.name)' declares \(declared) threads but holds \(draft.threadsSeen)")
        }
    }

    private var sections: [SectionDraft] = []

    mutating func finish() -> ParsedReport {
        finishThread()
        finishSection()
        guard sawAnyStructure else {
            problem(.error, 1, "not a weekly report: no statistics, categories or threads found")
            return ParsedReport(report: nil, diagnostics: diagnostics)
        }
        if listName == nil {
            problem(.warning, 1, "report has no '# LIST …' title; list name taken from the file name")
        }
        checkDeclaredFigures()
        let report = WeeklyReport(
            week: source.week, listName: listName ?? source.listName, path: source.path,
            generatedAt: generatedAt, period: period, declaredEmails: declaredEmails,
            declaredThreads: declaredThreads, declaredLargeThreads: declaredLargeThreads,
            categories: categories, threads: threads)
        return ParsedReport(report: report, diagnostics: diagnostics.sorted { $0.line < $1.line })
    }

    /// Declared totals are the file's claims: compare them with what it lists.
    /// Figures that involve a skipped thread are not checked (its error says enough).
    private mutating func checkDeclaredFigures() {
        let threadsSeen = threads.count + skippedThreads
        if let declared = declaredThreads, declared != threadsSeen {
            problem(.warning, 0, "report declares \(declared) threads but holds \(threadsSeen)")
        }
        guard skippedThreads == 0 else { return }
        let listed = threads.reduce(0) { $0 + $1.messages.count }
        if let declared = declaredEmails, declared != listed {
            problem(.warning, 0, "report declares \(declared) emails but lists \(listed)")
        }
        if let declared = declaredLargeThreads {
            let large = threads.count { $0.messages.count > 20 }
            if declared != large {
                problem(.warning, 0, "report declares \(declared) large threads (>20) but has \(large)")
            }
        }
        for category in categories {
            let matching = sections.filter { $0.name == category.name }
            let held = matching.reduce(0) { $0 + $1.threadsSeen }
            let emails = matching.reduce(0) { $0 + $1.listedEmails }
            if held != category.declaredThreads {
                problem(
                    .warning, category.line,
                    "category '\(category.name)' declares \(category.declaredThreads) threads but the report holds \(held)"
                )
            } else if emails != category.declaredEmails {
                problem(
                    .warning, category.line,
                    "category '\(category.name)' declares \(category.declaredEmails) emails but lists \(emails)")
            }
        }
        for section in sections where !categories.isEmpty && !categories.contains(where: { $0.name == section.name }) {
            problem(.warning, section.line, "category '\(section.name)' is missing from the category distribution")
        }
    }

    private mutating func problem(_ severity: Diagnostic.Severity, _ line: Int, _ message: String) {
        diagnostics.append(Diagnostic(severity, file: source.path, line: line, message))
    }

    /// An error inside a thread: the thread will be skipped when it ends.
    private mutating func threadProblem(_ line: Int, _ message: String) {
        if thread == nil {
            problem(.error, line, message)
        } else {
            thread?.errors.append(.error(source.path, line, message))
        }
    }
}

private struct SectionDraft {
    let name: String
    let line: Int
    var declaredThreads: Int?
    var threadsSeen = 0
    var listedEmails = 0
}

private struct PendingMessage {
    let sentAt: LocalDateTime
    var subjectLine: String
    let line: Int
}

private struct ThreadDraft {
    let number: Int
    let category: String
    var subjectLine: String
    let line: Int
    var declaredEmails: Int?
    var declaredParticipants: Int?
    var startedAt: ZonedDateTime?
    var sawSummary = false
    var sawMessageList = false
    /// Slices of the report's text: the summary is made one string when the thread ends.
    var summaryLines: [Substring] = []
    var messages: [Message] = []
    var pending: PendingMessage?
    var errors: [Diagnostic] = []
}
