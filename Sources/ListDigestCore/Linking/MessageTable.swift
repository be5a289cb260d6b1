import Synchronization

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
        /// Set once every line is parsed, in the order of the lines.
        fileprivate(set) var keyID = 0
        /// `key`'s hash, worked out on the core that parsed it.
        fileprivate let keyHash: Int
    }

    /// By listed message, in report, thread and message order.
    private let subjectOf: [Int32]
    private let identityOf: [Int32]
    /// -1 for a sender who is nobody (cannot happen for a sender of the archive).
    private let personOf: [Int32]
    /// `start[report][thread]`: where the thread's messages begin.
    private let start: [[Int]]
    private let subjects: [SubjectEntry]
    private let keys: Numbering<HashedKey>
    /// How many distinct messages the reports list.
    let distinctMessages: Int
    /// How many distinct sender addresses (lower-cased) the reports list.
    let distinctAddresses: Int

    /// Who is who, from the senders the table numbered.
    let people: PeopleIndex
    /// The lines parsed that `parsedSubjects` did not hold, for the next build.
    let subjectsToKeep: ParsedSubjectCache.Update

    /// `parsedSubjects`: lines an earlier build parsed, taken instead of parsing them again.
    init(reports: [WeeklyReport], mailmap: Mailmap, parsedSubjects: ParsedSubjectCache = .empty) {
        // Subject lines and senders are numbered side by side. Then the distinct lines are parsed
        // (the costly part) on every core, and their keys hashed, while people are made from the
        // senders and messages are told apart by those numbers, which hash quicker than the texts.
        let (numbered, numberedSenders) = Parallel.both(
            { Self.numberSubjectLines(of: reports) }, { Self.numberSenders(of: reports) })
        let lines = numbered.lines
        // Lines parsed again although an earlier build's parse had their place.
        let reparsed = Atomic(0)
        // Who is who and which messages are the same are worked out each on a core of its own,
        // and subjects parsed on both cores around them.
        let (parsedLines, (people, personOfSender), identities) = Parallel.map(
            lines.count,
            { index in
                if let (subject, key) = parsedSubjects.parsed(at: index, line: lines[index]) {
                    return SubjectEntry(subject: subject, key: key, keyHash: key.hashValue)
                }
                if index < parsedSubjects.count { reparsed.add(1, ordering: .relaxed) }
                let subject = Subject(parsing: lines[index])
                let key = SeriesKey(subject)
                return SubjectEntry(subject: subject, key: key, keyHash: key.hashValue)
            },
            alongside: {
                let people = PeopleIndex(
                    seen: Dictionary(uniqueKeysWithValues: zip(numberedSenders.senders, numberedSenders.seen)),
                    mailmap: mailmap)
                return (people, numberedSenders.senders.map { people.personIndex(of: $0).map(Int32.init) ?? -1 })
            },
            and: {
                Self.identities(
                    of: reports, subjectOf: numbered.subjectOf, senderOf: numberedSenders.senderOf,
                    addressOf: numberedSenders.addressOf)
            })
        self.people = people
        // Numbered in place: a copy of the parsed lines would retain every text in them again.
        var parsed = consume parsedLines
        var keys = Numbering<HashedKey>(capacity: parsed.count, keepingValues: false)
        for index in parsed.indices {
            parsed[index].keyID = Int(keys.number(HashedKey(parsed[index].key, hash: parsed[index].keyHash)).number)
        }
        subjectsToKeep = parsedSubjects.update(lines: lines, reparsed: reparsed.load(ordering: .relaxed)) {
            (parsed[$0].subject, parsed[$0].key)
        }
        subjects = parsed
        self.keys = keys
        subjectOf = numbered.subjectOf
        identityOf = identities.identityOf
        personOf = numberedSenders.senderOf.map { personOfSender[Int($0)] }
        distinctMessages = identities.distinct
        distinctAddresses = numberedSenders.addresses
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
        let listed = listedMessages(reports)
        // Room for every line: growing the table rehashed every line it held, several times.
        var lines = Numbering<String>(capacity: listed)
        var subjectOf: [Int32] = []
        subjectOf.reserveCapacity(listed)
        // By index: copying a thread or a message out of the reports retains every text in it.
        for report in reports.indices {
            for thread in reports[report].threads.indices {
                for index in reports[report].threads[thread].messages.indices {
                    subjectOf.append(lines.number(reports[report].threads[thread].messages[index].subjectLine).number)
                }
            }
        }
        return (subjectOf, lines.values)
    }

    /// Every listed message's sender, numbered among the distinct senders; with, by number, each
    /// distinct sender, when it was first seen and how often, and the number of its lower-cased
    /// address; and how many addresses there are.
    private static func numberSenders(
        of reports: [WeeklyReport]
    ) -> (senderOf: [Int32], senders: [Sender], seen: [PeopleIndex.Seen], addressOf: [Int32], addresses: Int) {
        var senders = Numbering<Sender>()
        var addresses = Numbering<String>(keepingValues: false)
        var senderOf: [Int32] = []
        senderOf.reserveCapacity(listedMessages(reports))
        var seen: [PeopleIndex.Seen] = []
        var addressOf: [Int32] = []
        // By index: copying a thread or a message out of the reports retains every text in it.
        for report in reports.indices {
            for thread in reports[report].threads.indices {
                for index in reports[report].threads[thread].messages.indices {
                    let sender = reports[report].threads[thread].messages[index].sender
                    let sentAt = reports[report].threads[thread].messages[index].sentAt
                    let (number, isNew) = senders.number(sender)
                    senderOf.append(number)
                    guard isNew else {
                        seen[Int(number)].add(sentAt)
                        continue
                    }
                    seen.append(PeopleIndex.Seen(first: sentAt))
                    addressOf.append(addresses.number(sender.lowercasedAddress).number)
                }
            }
        }
        return (senderOf, senders.values, seen, addressOf, addresses.count)
    }

    /// A message's identity (`Message.identity`) with its subject line and address as numbered.
    private struct IdentityKey: Hashable {
        let sentAt: LocalDateTime
        let subject: Int32
        let address: Int32

        /// Two words instead of three fields: there is one key per listed message.
        func hash(into hasher: inout Hasher) {
            hasher.combine(sentAt)
            hasher.combine(UInt64(UInt32(bitPattern: subject)) << 32 | UInt64(UInt32(bitPattern: address)))
        }
    }

    /// Every listed message's number among the distinct messages; `addressOf` is by sender.
    private static func identities(
        of reports: [WeeklyReport], subjectOf: [Int32], senderOf: [Int32], addressOf: [Int32]
    ) -> (identityOf: [Int32], distinct: Int) {
        var identities = Numbering<IdentityKey>(capacity: subjectOf.count, keepingValues: false)
        var identityOf: [Int32] = []
        identityOf.reserveCapacity(subjectOf.count)
        var position = 0
        for report in reports.indices {
            for thread in reports[report].threads.indices {
                for index in reports[report].threads[thread].messages.indices {
                    let identity = IdentityKey(
                        sentAt: reports[report].threads[thread].messages[index].sentAt,
                        subject: subjectOf[position], address: addressOf[Int(senderOf[position])])
                    identityOf.append(identities.number(identity).number)
                    position += 1
                }
            }
        }
        return (identityOf, identities.count)
    }

    private static func listedMessages(_ reports: [WeeklyReport]) -> Int {
        reports.reduce(0) { total, report in report.threads.reduce(total) { $0 + $1.messages.count } }
    }

    /// The position of a thread's first message; its others follow.
    func firstPosition(of ref: ThreadRef) -> Int { start[ref.report][ref.thread] }

    func subject(at position: Int) -> SubjectEntry { subjects[Int(subjectOf[position])] }
    /// `subject(at:).keyID`, without a copy of the parsed subject.
    func keyID(at position: Int) -> Int { subjects[Int(subjectOf[position])].keyID }
    /// The distinct message: 0 ..< `distinctMessages`, numbered in the order first listed.
    func identity(at position: Int) -> Int { Int(identityOf[position]) }
    func person(at position: Int) -> Int? { personOf[position] < 0 ? nil : Int(personOf[position]) }
    /// Who sent each listed message, kept after linking.
    var senders: ListedSenders { ListedSenders(personOf: personOf, start: start) }

    /// The number of `key`, when some message's subject has that key.
    func keyID(_ key: SeriesKey) -> Int? { keys.existing(HashedKey(key)).map(Int.init) }

    /// A series key hashed once, on the core that parsed it: numbering them on one core then
    /// costs no hashing of their texts.
    struct HashedKey: Hashable {
        let key: SeriesKey
        let hash: Int

        init(_ key: SeriesKey, hash: Int? = nil) {
            self.key = key
            self.hash = hash ?? key.hashValue
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }

        static func == (lhs: HashedKey, rhs: HashedKey) -> Bool { lhs.hash == rhs.hash && lhs.key == rhs.key }
    }
}

/// Who sent each message the reports list, as linked: found once while linking, read by position
/// instead of hashing the sender again wherever a message is shown.
public struct ListedSenders: Sendable {
    /// By listed message, in report, thread and message order; -1 for a sender who is nobody.
    fileprivate let personOf: [Int32]
    /// `start[report][thread]`: where the thread's messages begin.
    fileprivate let start: [[Int]]

    /// The index in `PeopleIndex.people` of who sent a report's message.
    public func person(of ref: ThreadRef, message: Int) -> Int? {
        let person = personOf[start[ref.report][ref.thread] + message]
        return person < 0 ? nil : Int(person)
    }
}
