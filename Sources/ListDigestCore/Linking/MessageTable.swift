import Synchronization

/// Every message the reports list, looked up once before linking: its subject parsed (each
/// distinct subject line once, on every core), which distinct message it is (one listed in
/// several weeks is one message) and who sent it. The same subjects, messages and senders come
/// up again and again while linking and counting; with this table they are compared as small
/// numbers instead of hashed as strings each time.
struct MessageTable: Sendable {
    /// What linking reads of a distinct subject line: its key's number among all keys, and the
    /// parts of its subject that tell a cover letter or a part from a reply.
    struct LineFacts: Sendable, Equatable {
        let keyID: Int
        let isReply: Bool
        let isRFC: Bool
        let version: Int
        let part: Int?
        let total: Int?
    }

    /// A distinct line as the cache kept it (its key numbered already), or as parsed now.
    private enum ParsedLine: Sendable {
        case kept(LineFacts, keyHash: UInt64)
        case parsed(Subject, SeriesKey, keyHash: UInt64)
    }

    /// By listed message, in report, thread and message order.
    let subjectOf: [Int32]
    let senderOf: [Int32]
    let identityOf: [Int32]
    /// -1 for a sender who is nobody (cannot happen for a sender of the archive).
    let personOf: [Int32]
    /// By distinct sender: its person.
    let personOfSender: [Int32]
    /// `start[report][thread]`: where the thread's messages begin.
    let start: [[Int]]
    /// By distinct line.
    let lines: [LineFacts]
    let keys: SeriesKeyNumbering
    /// The distinct lines and senders, by number, and each sender's lower-cased address's
    /// number: what a kept table's hashes are made from (`keptContents`).
    let lineTexts: [String]
    let distinctSenders: [Sender]
    let addressOf: [Int32]
    /// The kept table this one extended: its hashes stand for the values it numbered.
    let extended: KeptMessageTable.Contents?
    /// How many distinct messages the reports list.
    let distinctMessages: Int
    /// How many distinct sender addresses (lower-cased) the reports list.
    let distinctAddresses: Int

    /// Who is who, from the senders the table numbered.
    let people: PeopleIndex
    /// The lines parsed that `parsedSubjects` did not hold, for the next build.
    let subjectsToKeep: ParsedSubjectCache.Update

    /// Every field; `people` is made from `senders` and `seen`.
    init(
        subjectOf: [Int32], senderOf: [Int32], identityOf: [Int32], addressOf: [Int32], lines: [LineFacts],
        keys: SeriesKeyNumbering, lineTexts: [String], senders: [Sender], seen: [PeopleIndex.Seen],
        distinctMessages: Int, distinctAddresses: Int, reports: [WeeklyReport], mailmap: Mailmap,
        subjectsToKeep: ParsedSubjectCache.Update, extended: KeptMessageTable.Contents?
    ) {
        let (people, personOfSender) = PeopleIndex.indexing(senders: senders, seen: seen, mailmap: mailmap)
        self.init(
            subjectOf: subjectOf, senderOf: senderOf, identityOf: identityOf, addressOf: addressOf, lines: lines,
            keys: keys, lineTexts: lineTexts, senders: senders, people: people, personOfSender: personOfSender,
            distinctMessages: distinctMessages, distinctAddresses: distinctAddresses, reports: reports,
            subjectsToKeep: subjectsToKeep, extended: extended)
    }

    private init(
        subjectOf: [Int32], senderOf: [Int32], identityOf: [Int32], addressOf: [Int32], lines: [LineFacts],
        keys: SeriesKeyNumbering, lineTexts: [String], senders: [Sender], people: PeopleIndex,
        personOfSender: [Int32], distinctMessages: Int, distinctAddresses: Int, reports: [WeeklyReport],
        subjectsToKeep: ParsedSubjectCache.Update, extended: KeptMessageTable.Contents?
    ) {
        self.subjectOf = subjectOf
        self.senderOf = senderOf
        self.identityOf = identityOf
        self.addressOf = addressOf
        personOf = senderOf.map { personOfSender[Int($0)] }
        self.personOfSender = personOfSender
        self.lines = lines
        self.keys = keys
        self.lineTexts = lineTexts
        distinctSenders = senders
        self.distinctMessages = distinctMessages
        self.distinctAddresses = distinctAddresses
        self.people = people
        self.subjectsToKeep = subjectsToKeep
        self.extended = extended
        start = Self.threadStarts(reports)
    }

    /// `start[report][thread]`: where each thread's messages begin among the listed messages.
    private static func threadStarts(_ reports: [WeeklyReport]) -> [[Int]] {
        var start: [[Int]] = []
        start.reserveCapacity(reports.count)
        var position = 0
        for report in reports {
            start.append(
                report.threads.map { thread in
                    defer { position += thread.messages.count }
                    return position
                })
        }
        return start
    }

    /// `parsedSubjects`: lines an earlier build parsed and numbered, taken instead of parsing
    /// them again when every line it keeps is at its place. `kept`: the table an earlier build
    /// made, extended when `reports` begin with its reports (`digests`: each report's).
    init(
        reports: [WeeklyReport], mailmap: Mailmap, parsedSubjects: ParsedSubjectCache = .empty,
        kept: KeptMessageTable = .empty, digests: [UInt64] = []
    ) {
        if let extended = Self.extending(
            kept, reports: reports, digests: digests, mailmap: mailmap, parsedSubjects: parsedSubjects)
        {
            self = extended
            if KeptMessageTable.verifying {
                Self(reports: reports, mailmap: mailmap, parsedSubjects: parsedSubjects).verify(extended)
            }
            return
        }
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
                if let (facts, keyHash) = parsedSubjects.facts(at: index, line: lines[index]) {
                    return ParsedLine.kept(facts, keyHash: keyHash)
                }
                if index < parsedSubjects.count { reparsed.add(1, ordering: .relaxed) }
                return Self.parse(lines[index])
            },
            alongside: {
                PeopleIndex.indexing(senders: numberedSenders.senders, seen: numberedSenders.seen, mailmap: mailmap)
            },
            and: {
                Self.identities(
                    of: reports, subjectOf: numbered.subjectOf, senderOf: numberedSenders.senderOf,
                    addressOf: numberedSenders.addressOf)
            })
        // The cache's key numbers hold only when every line it keeps is at its place; a file to
        // be written whole needs every line's parse.
        var parsed = consume parsedLines
        var whole = reparsed.load(ordering: .relaxed) > 0 || !parsedSubjects.isAppendable
        if whole && parsedSubjects.count > 0 { Self.parseKept(&parsed, lines: lines, cache: parsedSubjects) }
        var numberedKeys = Self.numberKeys(parsed, cache: parsedSubjects)
        if numberedKeys == nil {
            whole = true
            Self.parseKept(&parsed, lines: lines, cache: parsedSubjects)
            numberedKeys = Self.numberKeys(parsed, cache: parsedSubjects)
        }
        let (facts, keys) = numberedKeys!
        let subjectsToKeep = parsedSubjects.update(lines: lines.count, whole: whole) { index in
            guard case .parsed(let subject, let key, let keyHash) = parsed[index] else {
                preconditionFailure("a line kept is written again only as parsed")
            }
            return .init(line: lines[index], subject: subject, key: key, keyID: facts[index].keyID, keyHash: keyHash)
        }
        self.init(
            subjectOf: numbered.subjectOf, senderOf: numberedSenders.senderOf, identityOf: identities.identityOf,
            addressOf: numberedSenders.addressOf, lines: facts, keys: keys, lineTexts: lines,
            senders: numberedSenders.senders, people: people, personOfSender: personOfSender,
            distinctMessages: identities.distinct, distinctAddresses: numberedSenders.addresses, reports: reports,
            subjectsToKeep: subjectsToKeep, extended: nil)
    }

    private static func parse(_ line: String) -> ParsedLine {
        let (subject, key, keyHash) = parsing(line)
        return .parsed(subject, key, keyHash: keyHash)
    }

    /// What parsing a subject line gives linking: the subject, its series key and the key's stable hash.
    static func parsing(_ line: String) -> (subject: Subject, key: SeriesKey, keyHash: UInt64) {
        let subject = Subject(parsing: line)
        let key = SeriesKey(subject)
        return (subject, key, key.stableHash)
    }

    /// Every kept line parsed in full, read back from the cache (or parsed, should it fail), on every core.
    private static func parseKept(_ parsed: inout [ParsedLine], lines: [String], cache: ParsedSubjectCache) {
        parsed = Parallel.map(parsed.count) { [parsed] index in
            guard case .kept = parsed[index] else { return parsed[index] }
            guard let (subject, key) = cache.parsed(at: index, line: lines[index]) else { return parse(lines[index]) }
            return .parsed(subject, key, keyHash: key.stableHash)
        }
    }

    /// Every distinct line's facts with its key numbered, in the order of the lines; nil when a
    /// kept line's number does not follow (the cache cannot be taken as it is).
    private static func numberKeys(
        _ parsed: [ParsedLine], cache: ParsedSubjectCache
    ) -> (facts: [LineFacts], keys: SeriesKeyNumbering)? {
        var keys = SeriesKeyNumbering(capacity: parsed.count, cache: cache)
        var facts: [LineFacts] = []
        facts.reserveCapacity(parsed.count)
        for index in parsed.indices {
            switch parsed[index] {
            case .kept(let kept, let keyHash):
                guard keys.addKept(number: kept.keyID, hash: keyHash, line: index) else { return nil }
                facts.append(kept)
            case .parsed(let subject, let key, let keyHash):
                facts.append(LineFacts(subject, keyID: keys.number(key, hash: keyHash)))
            }
        }
        return (facts, keys)
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
    struct IdentityKey: Hashable {
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

    static func listedMessages(_ reports: some Collection<WeeklyReport>) -> Int {
        reports.reduce(0) { total, report in report.threads.reduce(total) { $0 + $1.messages.count } }
    }

    /// The position of a thread's first message; its others follow.
    func firstPosition(of ref: ThreadRef) -> Int { start[ref.report][ref.thread] }

    func line(at position: Int) -> LineFacts { lines[Int(subjectOf[position])] }
    /// The text of the distinct line the message at `position` was numbered as: its subject line,
    /// or one Unicode takes as the same, seen first.
    func lineText(at position: Int) -> String { lineTexts[Int(subjectOf[position])] }
    func keyID(at position: Int) -> Int { lines[Int(subjectOf[position])].keyID }
    /// The distinct message: 0 ..< `distinctMessages`, numbered in the order first listed.
    func identity(at position: Int) -> Int { Int(identityOf[position]) }
    func person(at position: Int) -> Int? { personOf[position] < 0 ? nil : Int(personOf[position]) }
    /// The number of the distinct sender of the message at `position`.
    func sender(at position: Int) -> Int { Int(senderOf[position]) }
    /// The person of the distinct sender numbered `sender`.
    func person(ofSender sender: Int) -> Int? { personOfSender[sender] < 0 ? nil : Int(personOfSender[sender]) }
    /// Who sent each listed message, kept after linking.
    var senders: ListedSenders { ListedSenders(personOf: personOf, start: start) }

    /// The number of `key`, when some message's subject has that key.
    func keyID(_ key: SeriesKey) -> Int? { keys.existing(key, hash: key.stableHash) }

    /// The key numbered `number` (`keyID(at:)`); nil should the parsed-subject cache fail to give it back.
    func key(number: Int) -> SeriesKey? { keys.key(number) }
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

extension MessageTable.LineFacts {
    /// Declared here, the memberwise initialiser (what the parsed-subject cache reads) stays.
    init(_ subject: Subject, keyID: Int) {
        self.init(
            keyID: keyID, isReply: subject.isReply, isRFC: subject.isRFC, version: subject.version,
            part: subject.part, total: subject.total)
    }
}
