/// The headline figures of one week, counted from what the report lists.
public struct WeekFigures: Sendable, Hashable {
    public let threads: Int
    /// Messages listed in this week's report, history included.
    public let listedMessages: Int
    /// Listed messages whose date falls inside the week.
    public let messagesSentInWeek: Int
    /// Distinct sender addresses (case-insensitive).
    public let participants: Int
    /// Threads with more than 20 listed messages.
    public let largeThreads: Int
    /// Threads per category, in the order categories first appear.
    public let categories: [CategoryFigure]

    public init(_ report: WeeklyReport) {
        threads = report.threads.count
        listedMessages = report.listedMessageCount
        var addresses = Set<String>()
        var sentInWeek = 0
        let monday = report.week.monday
        let sunday = report.week.sunday
        // By index: copying a thread or a message out of the report retains every text in it.
        for thread in report.threads.indices {
            for index in report.threads[thread].messages.indices {
                addresses.insert(report.threads[thread].messages[index].sender.lowercasedAddress)
                let sent = report.threads[thread].messages[index].sentAt.date
                if sent >= monday && sent <= sunday { sentInWeek += 1 }
            }
        }
        messagesSentInWeek = sentInWeek
        participants = addresses.count
        largeThreads = report.threads.count { $0.messages.count > 20 }
        var order: [String] = []
        var counts: [String: (threads: Int, messages: Int)] = [:]
        for thread in report.threads {
            if counts[thread.category] == nil { order.append(thread.category) }
            counts[thread.category, default: (0, 0)].threads += 1
            counts[thread.category, default: (0, 0)].messages += thread.messages.count
        }
        categories = order.map {
            CategoryFigure(name: $0, threads: counts[$0]!.threads, messages: counts[$0]!.messages)
        }
    }
}

public struct CategoryFigure: Sendable, Hashable {
    public let name: String
    public let threads: Int
    /// Listed messages.
    public let messages: Int
}

/// Figures over the whole archive, where a message listed in several weeks counts once.
public struct ArchiveFigures: Sendable {
    public let weeks: Int
    public let threads: Int
    public let distinctMessages: Int
    public let participants: Int

    public init(_ index: ArchiveIndex) {
        weeks = index.reports.count
        threads = index.reports.reduce(0) { $0 + $1.threads.count }
        distinctMessages = index.distinctMessages
        // Counted once already, while linking numbered every address.
        participants = index.distinctAddresses
    }
}

extension WeekFigures {
    /// As kept with a report's parse (`RenderedReport`).
    init(
        threads: Int, listedMessages: Int, messagesSentInWeek: Int, participants: Int, largeThreads: Int,
        categories: [CategoryFigure]
    ) {
        self.threads = threads
        self.listedMessages = listedMessages
        self.messagesSentInWeek = messagesSentInWeek
        self.participants = participants
        self.largeThreads = largeThreads
        self.categories = categories
    }
}
