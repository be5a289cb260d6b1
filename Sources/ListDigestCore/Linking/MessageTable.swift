/// Every message the reports list, looked up once before linking: its subject parsed (each
/// distinct subject line once, on every core), which distinct message it is (one listed in
/// several weeks is one message) and who sent it. The same subjects, messages and senders come
/// up again and again while linking and counting; with this table they are compared as small
/// numbers instead of hashed as strings each time.
struct MessageTable: Sendable {
    /// A distinct subject line, parsed; `keyID` numbers its series key among all keys.
    struct SubjectEntry: Sendable {
        let subject: Subject
        let key: SeriesKey
        let keyID: Int
    }

    /// By listed message, in report, thread and message order.
    private let subjectOf: [Int32]
    private let identityOf: [Int32]
    /// -1 for a sender who is nobody (cannot happen for a sender of the archive).
    private let personOf: [Int32]
    /// `start[report][thread]`: where the thread's messages begin.
    private let start: [[Int]]
    private let subjects: [SubjectEntry]
    private let keyIDs: [SeriesKey: Int]
    /// How many distinct messages the reports list.
    let distinctMessages: Int

    init(reports: [WeeklyReport], people: PeopleIndex) {
        // Subject lines are numbered while messages and senders are looked up on the other core;
        // then the distinct lines are parsed (the costly part) on every core. Not inside
        // `Parallel.both`: a parallel loop nested in another runs on one core.
        let (numbered, messagePart) = Parallel.both(
            { Self.numberSubjectLines(of: reports) }, { Self.messages(of: reports, people: people) })
        let lines = numbered.lines
        let parsed = Parallel.map(lines.count) { index in
            let subject = Subject(parsing: lines[index])
            return (subject: subject, key: SeriesKey(subject))
        }
        var keyIDs: [SeriesKey: Int] = [:]
        subjects = parsed.map { entry in
            let id = keyIDs[entry.key] ?? keyIDs.count
            keyIDs[entry.key] = id
            return SubjectEntry(subject: entry.subject, key: entry.key, keyID: id)
        }
        self.keyIDs = keyIDs
        subjectOf = numbered.subjectOf
        identityOf = messagePart.identityOf
        personOf = messagePart.personOf
        distinctMessages = messagePart.distinct
        var start: [[Int]] = []
        var position = 0
        for report in reports {
            start.append(
                report.threads.map { thread in
                    defer { position += thread.messages.count }
                    return position
                })
        }
        self.start = start
    }

    /// Every listed message's subject line, numbered among the distinct lines.
    private static func numberSubjectLines(of reports: [WeeklyReport]) -> (subjectOf: [Int32], lines: [String]) {
        var lineIndex: [String: Int32] = [:]
        var lines: [String] = []
        var subjectOf: [Int32] = []
        subjectOf.reserveCapacity(listedMessages(reports))
        for report in reports {
            for thread in report.threads {
                for message in thread.messages {
                    if let known = lineIndex[message.subjectLine] {
                        subjectOf.append(known)
                    } else {
                        lineIndex[message.subjectLine] = Int32(lines.count)
                        subjectOf.append(Int32(lines.count))
                        lines.append(message.subjectLine)
                    }
                }
            }
        }
        return (subjectOf, lines)
    }

    /// Every listed message's number among the distinct messages, and its sender's person.
    private static func messages(
        of reports: [WeeklyReport], people: PeopleIndex
    ) -> (identityOf: [Int32], personOf: [Int32], distinct: Int) {
        let listed = listedMessages(reports)
        var identityIndex: [MessageIdentity: Int32] = [:]
        identityIndex.reserveCapacity(listed)
        var identityOf: [Int32] = []
        identityOf.reserveCapacity(listed)
        var personOf: [Int32] = []
        personOf.reserveCapacity(listed)
        for report in reports {
            for thread in report.threads {
                for message in thread.messages {
                    let identity = message.identity
                    if let known = identityIndex[identity] {
                        identityOf.append(known)
                    } else {
                        let next = Int32(identityIndex.count)
                        identityIndex[identity] = next
                        identityOf.append(next)
                    }
                    personOf.append(people.personIndex(of: message.sender).map(Int32.init) ?? -1)
                }
            }
        }
        return (identityOf, personOf, identityIndex.count)
    }

    private static func listedMessages(_ reports: [WeeklyReport]) -> Int {
        reports.reduce(0) { total, report in report.threads.reduce(total) { $0 + $1.messages.count } }
    }

    /// The position of a thread's first message; its others follow.
    func firstPosition(of ref: ThreadRef) -> Int { start[ref.report][ref.thread] }

    func subject(at position: Int) -> SubjectEntry { subjects[Int(subjectOf[position])] }
    /// The distinct message: 0 ..< `distinctMessages`, numbered in the order first listed.
    func identity(at position: Int) -> Int { Int(identityOf[position]) }
    func person(at position: Int) -> Int? { personOf[position] < 0 ? nil : Int(personOf[position]) }
    /// The number of `key`, when some message's subject has that key.
    func keyID(_ key: SeriesKey) -> Int? { keyIDs[key] }
}
