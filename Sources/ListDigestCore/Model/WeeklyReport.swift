/// One weekly report file, as read.
public struct WeeklyReport: Sendable, Hashable {
    public let week: ISOWeek
    /// The list name as the report's title spells it (`KVMARM`).
    public let listName: String
    /// Where the report was read from, for diagnostics.
    public let path: String
    /// Local time of generation, no zone (`**生成时间**`); nil when absent.
    public let generatedAt: LocalDateTime?
    /// Free text such as `最近 7 天` (`**分析周期**`).
    public let period: String?
    public let declaredEmails: Int?
    public let declaredThreads: Int?
    public let declaredLargeThreads: Int?
    public let categories: [CategoryCount]
    /// Threads in report order, across all categories.
    public let threads: [ReportThread]

    public init(
        week: ISOWeek, listName: String, path: String, generatedAt: LocalDateTime?, period: String?,
        declaredEmails: Int?, declaredThreads: Int?, declaredLargeThreads: Int?,
        categories: [CategoryCount], threads: [ReportThread]
    ) {
        self.week = week
        self.listName = listName
        self.path = path
        self.generatedAt = generatedAt
        self.period = period
        self.declaredEmails = declaredEmails
        self.declaredThreads = declaredThreads
        self.declaredLargeThreads = declaredLargeThreads
        self.categories = categories
        self.threads = threads
    }

    /// Messages listed in this report (a message may be listed again in other weeks).
    public var listedMessageCount: Int { threads.reduce(0) { $0 + $1.messages.count } }
}

/// A line of the category distribution: `- **PATCH**: 28 threads (225 邮件)`.
public struct CategoryCount: Sendable, Hashable {
    public let name: String
    public let declaredThreads: Int
    public let declaredEmails: Int
    public let line: Int

    public init(name: String, declaredThreads: Int, declaredEmails: Int, line: Int) {
        self.name = name
        self.declaredThreads = declaredThreads
        self.declaredEmails = declaredEmails
        self.line = line
    }
}

/// One thread of a weekly report.
public struct ReportThread: Sendable, Hashable {
    /// The number the report gives it within its category (`### Thread 3:`).
    public let number: Int
    public let category: String
    /// The full subject line, wrapped lines joined.
    public let subjectLine: String
    public let subject: Subject
    public let declaredEmails: Int
    public let declaredParticipants: Int?
    public let startedAt: ZonedDateTime?
    /// The AI summary as CommonMark source. Read from the parse cache, it is made into a string
    /// only when asked for (see `StoredText`).
    public var summaryMarkdown: String { summary.text }
    private let summary: StoredText
    public let messages: [Message]
    /// Line of the `### Thread` header.
    public let line: Int

    public init(
        number: Int, category: String, subjectLine: String, declaredEmails: Int, declaredParticipants: Int?,
        startedAt: ZonedDateTime?, summaryMarkdown: String, messages: [Message], line: Int
    ) {
        self.init(
            number: number, category: category, subjectLine: subjectLine, subject: Subject(parsing: subjectLine),
            declaredEmails: declaredEmails, declaredParticipants: declaredParticipants, startedAt: startedAt,
            summary: StoredText(summaryMarkdown), messages: messages, line: line)
    }

    /// `subject`: `subjectLine` parsed (kept with the parse, see `ParsedReportCodec`).
    init(
        number: Int, category: String, subjectLine: String, subject: Subject, declaredEmails: Int,
        declaredParticipants: Int?, startedAt: ZonedDateTime?, summary: StoredText, messages: [Message], line: Int
    ) {
        self.number = number
        self.category = category
        self.subjectLine = subjectLine
        self.subject = subject
        self.declaredEmails = declaredEmails
        self.declaredParticipants = declaredParticipants
        self.startedAt = startedAt
        self.summary = summary
        self.messages = messages
        self.line = line
    }
}

/// One entry of a thread's message list.
public struct Message: Sendable, Hashable {
    /// Sender's local time; the report gives no zone.
    public let sentAt: LocalDateTime
    public let subjectLine: String
    public let sender: Sender
    public let line: Int

    public init(sentAt: LocalDateTime, subjectLine: String, sender: Sender, line: Int) {
        self.sentAt = sentAt
        self.subjectLine = subjectLine
        self.sender = sender
        self.line = line
    }

    /// Identity of a message across weekly reports: the same message listed
    /// again in a later week has the same time, subject and sender.
    public var identity: MessageIdentity {
        MessageIdentity(sentAt: sentAt, subjectLine: subjectLine, address: sender.lowercasedAddress)
    }
}

public struct MessageIdentity: Hashable, Sendable {
    public let sentAt: LocalDateTime
    public let subjectLine: String
    public let address: String
}
