/// A message table made from the one an earlier build kept (`KeptMessageTable`) and the reports
/// added after its reports; and what the next build is to keep of a table.
extension MessageTable {
    /// The stable hashes a kept table finds its values by.
    enum StableKey {
        static func text(_ text: String) -> UInt64 {
            var hasher = StableHasher()
            hasher.combine(text)
            return hasher.value
        }

        static func sender(_ sender: Sender) -> UInt64 {
            var hasher = StableHasher()
            hasher.combine(sender.name)
            hasher.combine(sender.address)
            return hasher.value
        }

        static func identity(_ key: IdentityKey) -> UInt64 {
            var hasher = StableHasher()
            hasher.combine(key.sentAt.packedValue)
            hasher.combine(Int(key.subject))
            hasher.combine(Int(key.address))
            return hasher.value
        }
    }

    /// The table `kept` extended with the messages of the reports after its own, when `reports`
    /// begin with them (`digests`: each report's) and `parsedSubjects` is the cache written with
    /// it; nil otherwise, or when a value cannot be told apart by its hash. Its numbers are the
    /// ones numbering every message again would give: they are given in the order first
    /// listed, so the kept reports' messages keep theirs.
    static func extending(
        _ kept: KeptMessageTable, reports: [WeeklyReport], digests: [UInt64], mailmap: Mailmap,
        parsedSubjects: ParsedSubjectCache
    ) -> MessageTable? {
        guard let old = kept.contents, let keyNumbers = kept.keyNumbers, digests.count == reports.count,
            old.reports.count <= reports.count, digests.prefix(old.reports.count).elementsEqual(old.reports),
            parsedSubjects.count >= old.facts.count, parsedSubjects.isAppendable,
            parsedSubjects.size == old.subjectCacheSize,
            listedMessages(reports[..<old.reports.count]) == old.subjectOf.count,
            var values = KeptValues(old, reports: reports[..<old.reports.count])
        else { return nil }
        // The new reports' messages, by index: copying a thread or a message out of the reports
        // retains every text in it.
        var added: [(report: Int, thread: Int, index: Int)] = []
        for report in old.reports.count..<reports.count {
            for thread in reports[report].threads.indices {
                for index in reports[report].threads[thread].messages.indices { added.append((report, thread, index)) }
            }
        }
        func message(_ at: (report: Int, thread: Int, index: Int)) -> Message {
            reports[at.report].threads[at.thread].messages[at.index]
        }
        let lineHashes = added.map { StableKey.text(message($0).subjectLine) }
        let senderHashes = added.map { StableKey.sender(message($0).sender) }
        let addressHashes = added.map { StableKey.text(message($0).sender.lowercasedAddress) }
        var lines = Renumbering<String>(looking: lineHashes, among: old.lineHashes)
        var senders = Renumbering<Sender>(looking: senderHashes, among: old.senderHashes)
        var addresses = Renumbering<String>(looking: addressHashes, among: old.addressHashes)
        // Each list grown once, to what the added messages can bring at most: grown by
        // doubling, the kept table's lists of a hundred thousand numbers were each copied into
        // one twice their size, megabytes of fresh memory for one week's messages.
        var subjectOf = old.subjectOf
        var senderOf = old.senderOf
        subjectOf.reserveCapacity(old.subjectOf.count + added.count)
        senderOf.reserveCapacity(old.senderOf.count + added.count)
        values.reserve(added.count)
        for (position, at) in added.enumerated() {
            let text = reports[at.report].threads[at.thread].messages[at.index].subjectLine
            let sender = reports[at.report].threads[at.thread].messages[at.index].sender
            let sentAt = reports[at.report].threads[at.thread].messages[at.index].sentAt
            guard
                let line = lines.number(text, hash: lineHashes[position], isKept: { values.lineTexts[$0] == text }),
                let person = senders.number(
                    sender, hash: senderHashes[position], isKept: { values.senders[$0] == sender })
            else { return nil }
            if line.isNew { values.lineTexts.append(text) }
            if person.isNew {
                let address = sender.lowercasedAddress
                guard
                    let number = addresses.number(
                        address, hash: addressHashes[position],
                        isKept: { values.senders[Int(values.firstSenderOfAddress[$0])].lowercasedAddress == address })
                else { return nil }
                if number.isNew { values.firstSenderOfAddress.append(person.number) }
                values.senders.append(sender)
                values.seen.append(PeopleIndex.Seen(first: sentAt))
                values.addressOf.append(number.number)
            } else {
                values.seen[Int(person.number)].add(sentAt)
            }
            subjectOf.append(line.number)
            senderOf.append(person.number)
        }
        // Messages are told apart by their numbered line and address, known only now.
        let keys = added.indices.map { position in
            IdentityKey(
                sentAt: message(added[position]).sentAt, subject: subjectOf[old.subjectOf.count + position],
                address: values.addressOf[Int(senderOf[old.senderOf.count + position])])
        }
        let identityHashes = keys.map(StableKey.identity)
        var identities = Renumbering<IdentityKey>(looking: identityHashes, among: old.identityHashes)
        var identityOf = old.identityOf
        identityOf.reserveCapacity(old.identityOf.count + keys.count)
        for (position, key) in keys.enumerated() {
            guard
                let identity = identities.number(
                    key, hash: identityHashes[position], isKept: { values.identities[$0] == key })
            else { return nil }
            identityOf.append(identity.number)
        }
        guard let firstLines = firstLines(ofKeys: old.keyHashes.count, in: old.facts) else { return nil }
        // Only the new lines are parsed; their keys are numbered after the kept ones. A line the
        // subject cache holds already (kept by a build with more reports) must be the same line,
        // with the same key number: the next table stands on the cache as it is.
        var keyNumbering = SeriesKeyNumbering(
            hashes: old.keyHashes, numberOfHash: keyNumbers, firstLines: firstLines, cache: parsedSubjects)
        var facts = old.facts
        facts.reserveCapacity(values.lineTexts.count)
        var entries: [ParsedSubjectCache.Update.Entry] = []
        for (index, line) in values.lineTexts.enumerated().dropFirst(old.facts.count) {
            let (subject, key, keyHash) = parsing(line)
            let keyID = keyNumbering.number(key, hash: keyHash)
            let lineFacts = LineFacts(subject, keyID: keyID)
            if index < parsedSubjects.count {
                guard parsedSubjects.facts(at: index, line: line)?.facts == lineFacts else { return nil }
            }
            facts.append(lineFacts)
            entries.append(.init(line: line, subject: subject, key: key, keyID: keyID, keyHash: keyHash))
        }
        return MessageTable(
            subjectOf: subjectOf, senderOf: senderOf, identityOf: identityOf, addressOf: values.addressOf,
            lines: facts, keys: keyNumbering, lineTexts: values.lineTexts, senders: values.senders, seen: values.seen,
            distinctMessages: identities.count, distinctAddresses: addresses.count, reports: reports, mailmap: mailmap,
            subjectsToKeep: parsedSubjects.update(lines: facts.count, whole: false) { entries[$0 - old.facts.count] },
            extended: old)
    }

    /// The values a kept table numbered, read back from its reports in the order it numbered
    /// them (the order first listed), with each sender's first time and messages.
    private struct KeptValues {
        var lineTexts: [String] = []
        var senders: [Sender] = []
        var seen: [PeopleIndex.Seen] = []
        var addressOf: [Int32]
        /// By address: the first sender with it.
        var firstSenderOfAddress: [Int32] = []
        /// By distinct message: what it is told apart by.
        var identities: [IdentityKey] = []

        /// Room for `more` values of each kind, as many as the added messages can bring.
        mutating func reserve(_ more: Int) {
            lineTexts.reserveCapacity(lineTexts.count + more)
            senders.reserveCapacity(senders.count + more)
            seen.reserveCapacity(seen.count + more)
            addressOf.reserveCapacity(addressOf.count + more)
            firstSenderOfAddress.reserveCapacity(firstSenderOfAddress.count + more)
        }

        /// Nil when the kept numbers are not numbers first given in order.
        init?(_ kept: KeptMessageTable.Contents, reports: ArraySlice<WeeklyReport>) {
            addressOf = kept.addressOf
            lineTexts.reserveCapacity(kept.lineHashes.count)
            senders.reserveCapacity(kept.senderHashes.count)
            seen.reserveCapacity(kept.senderHashes.count)
            identities.reserveCapacity(kept.identityHashes.count)
            var position = 0
            for report in reports.indices {
                for thread in reports[report].threads.indices {
                    for index in reports[report].threads[thread].messages.indices {
                        let (line, sender, identity) = (
                            Int(kept.subjectOf[position]), Int(kept.senderOf[position]),
                            Int(kept.identityOf[position])
                        )
                        position += 1
                        let sentAt = reports[report].threads[thread].messages[index].sentAt
                        guard line >= 0, line <= lineTexts.count, sender >= 0, sender <= senders.count,
                            sender < addressOf.count, identity >= 0, identity <= identities.count
                        else { return nil }
                        if line == lineTexts.count {
                            lineTexts.append(reports[report].threads[thread].messages[index].subjectLine)
                        }
                        if sender == senders.count {
                            senders.append(reports[report].threads[thread].messages[index].sender)
                            seen.append(PeopleIndex.Seen(first: sentAt))
                            let address = Int(addressOf[sender])
                            guard address >= 0, address <= firstSenderOfAddress.count else { return nil }
                            if address == firstSenderOfAddress.count { firstSenderOfAddress.append(Int32(sender)) }
                        } else {
                            seen[sender].add(sentAt)
                        }
                        if identity == identities.count {
                            identities.append(
                                IdentityKey(
                                    sentAt: sentAt, subject: Int32(line), address: addressOf[sender]))
                        }
                    }
                }
            }
            guard lineTexts.count == kept.lineHashes.count, senders.count == kept.senderHashes.count,
                senders.count == addressOf.count, firstSenderOfAddress.count == kept.addressHashes.count,
                identities.count == kept.identityHashes.count
            else { return nil }
        }
    }

    /// Values numbered after a kept table's: a value is new when no kept value has its stable
    /// hash; a kept value with that hash must be this value.
    private struct Renumbering<Value: Hashable> {
        /// The kept number of each hash looked for that a kept value has (the first, should two
        /// kept values have it: a value that is the other one is then not found, and not taken).
        private let kept: [UInt64: Int32]
        private var new: [Value: Int32] = [:]
        private(set) var count: Int

        /// `hashes`: those of the values to be numbered; `keptHashes`: the kept values', by
        /// number, gone over once (a few hundred values are looked for among tens of thousands:
        /// quicker than hashing every kept one into a table).
        init(looking hashes: [UInt64], among keptHashes: [UInt64]) {
            let wanted = Set(hashes)
            var kept: [UInt64: Int32] = [:]
            for (number, hash) in keptHashes.enumerated() where wanted.contains(hash) && kept[hash] == nil {
                kept[hash] = Int32(number)
            }
            self.kept = kept
            count = keptHashes.count
        }

        /// Nil when a kept value has `value`'s hash but is not `value` (`isKept` tells, given
        /// its number): then it cannot be found by its hash.
        mutating func number(
            _ value: Value, hash: UInt64, isKept: (Int) -> Bool
        ) -> (number: Int32, isNew: Bool)? {
            if let number = new[value] { return (number, false) }
            if let number = kept[hash] { return isKept(Int(number)) ? (number, false) : nil }
            let number = Int32(count)
            count += 1
            new[value] = number
            return (number, true)
        }
    }

    /// By key number, the first line with that key: keys are numbered in the order of the lines.
    /// Nil when the lines' key numbers are not so.
    private static func firstLines(ofKeys count: Int, in facts: [LineFacts]) -> [Int]? {
        var firstLines: [Int] = []
        firstLines.reserveCapacity(count)
        for (line, facts) in facts.enumerated() where facts.keyID >= firstLines.count {
            guard facts.keyID == firstLines.count else { return nil }
            firstLines.append(line)
        }
        return firstLines.count == count ? firstLines : nil
    }

    /// What the next build is to keep of this table, made for `reports` (`digests`: each
    /// report's), with the parsed-subject cache `subjectCacheSize` bytes long once written.
    /// The hashes of a kept table this one extended are taken as they are.
    func keptContents(
        reports: [WeeklyReport], digests: [UInt64], subjectCacheSize: Int,
        occurrences: [SeriesLinker.Occurrence]? = nil
    ) -> KeptMessageTable.Contents {
        let old = extended
        let sendersBefore = old?.senderHashes.count ?? 0
        var addressHashes = old?.addressHashes ?? []
        for sender in distinctSenders.indices[sendersBefore...] where Int(addressOf[sender]) == addressHashes.count {
            addressHashes.append(StableKey.text(distinctSenders[sender].lowercasedAddress))
        }
        var identityHashes = old?.identityHashes ?? []
        for report in (old?.reports.count ?? 0)..<reports.count {
            for thread in reports[report].threads.indices {
                for index in reports[report].threads[thread].messages.indices {
                    let position = start[report][thread] + index
                    guard Int(identityOf[position]) == identityHashes.count else { continue }
                    let key = IdentityKey(
                        sentAt: reports[report].threads[thread].messages[index].sentAt,
                        subject: subjectOf[position], address: addressOf[Int(senderOf[position])])
                    identityHashes.append(StableKey.identity(key))
                }
            }
        }
        return KeptMessageTable.Contents(
            reports: digests, subjectCacheSize: subjectCacheSize, subjectOf: subjectOf, senderOf: senderOf,
            identityOf: identityOf, addressOf: addressOf, facts: lines, keyHashes: keys.hashes,
            lineHashes: (old?.lineHashes ?? []) + lineTexts[(old?.lineHashes.count ?? 0)...].map(StableKey.text),
            senderHashes: (old?.senderHashes ?? []) + distinctSenders[sendersBefore...].map(StableKey.sender),
            addressHashes: addressHashes, identityHashes: identityHashes,
            occurrences: occurrences.flatMap { KeptOccurrences($0, table: self) })
    }

    /// Stops the program unless `extended`, made from a kept table, is this table, made from
    /// scratch: what debug builds (and so the tests) check every extended table against.
    func verify(_ extended: MessageTable) {
        precondition(
            numbersEveryMessage(as: extended),
            "a kept message table was extended into another table than the one linking makes (a ListDigest bug)")
    }

    /// Whether `other` numbers every message, line, key, sender and address as this table does.
    func numbersEveryMessage(as other: MessageTable) -> Bool {
        subjectOf == other.subjectOf && senderOf == other.senderOf && identityOf == other.identityOf
            && personOf == other.personOf && addressOf == other.addressOf && start == other.start
            && lines == other.lines && keys.hashes == other.keys.hashes && lineTexts == other.lineTexts
            && distinctSenders == other.distinctSenders && distinctMessages == other.distinctMessages
            && distinctAddresses == other.distinctAddresses
            && subjectsToKeep.entries.map(\.line) == other.subjectsToKeep.entries.map(\.line)
            && subjectsToKeep.appendingTo == other.subjectsToKeep.appendingTo
    }
}
