import ListDigestCore

/// Builds weekly reports in memory for linking tests: real-looking threads without report text.
public enum ArchiveBuilder {
    /// A thread as a report lists it: its subject, who posted it when, and the replies.
    public struct ThreadSpec: Sendable {
        public let subject: String
        public let from: String
        public let at: String
        public let replies: [(from: String, at: String)]
        public let category: String
        public let coverListed: Bool

        /// `at` is `YYYY-MM-DD HH:MM`; `from` is `Name <address>`.
        public init(
            _ subject: String, from: String, at: String, replies: [(from: String, at: String)] = [],
            category: String = "PATCH", coverListed: Bool = true
        ) {
            self.subject = subject
            self.from = from
            self.at = at
            self.replies = replies
            self.category = category
            self.coverListed = coverListed
        }
    }

    public static func reports(_ weeks: [(week: String, threads: [ThreadSpec])]) -> [WeeklyReport] {
        weeks.map { week, threads in
            WeeklyReport(
                week: ISOWeek(id: week)!, listName: "KVMARM", path: "kvmarm_\(week).md", generatedAt: nil, period: nil,
                declaredEmails: nil, declaredThreads: threads.count, declaredLargeThreads: nil, categories: [],
                threads: threads.enumerated().map { index, spec in thread(spec, number: index + 1) })
        }
    }

    static func thread(_ spec: ThreadSpec, number: Int) -> ReportThread {
        var messages: [Message] = []
        if spec.coverListed {
            messages.append(
                Message(sentAt: time(spec.at), subjectLine: spec.subject, sender: Sender(parsing: spec.from)!, line: 1))
        }
        for (index, reply) in spec.replies.enumerated() {
            messages.append(
                Message(
                    sentAt: time(reply.at), subjectLine: "Re: " + spec.subject, sender: Sender(parsing: reply.from)!,
                    line: index + 2))
        }
        return ReportThread(
            number: number, category: spec.category, subjectLine: spec.subject, declaredEmails: messages.count,
            declaredParticipants: nil, startedAt: nil, summaryMarkdown: "Summary of \(spec.subject).",
            messages: messages,
            line: number * 10)
    }

    public static func time(_ text: String) -> LocalDateTime {
        let numbers = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        return LocalDateTime(
            date: CivilDate(year: numbers[0], month: numbers[1], day: numbers[2])!, hour: numbers[3], minute: numbers[4]
        )!
    }
}
