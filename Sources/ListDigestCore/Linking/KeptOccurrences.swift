/// What linking worked out of each thread of an earlier build's reports (its
/// `SeriesLinker.Occurrence`: key, poster, dates, own messages, parts), kept with that build's
/// message table (`KeptMessageTable`). A rebuild whose table extends the kept one takes the
/// threads of the kept reports from here instead of describing every thread of the archive
/// again (12,000 threads, each message of each looked at: a tenth of an added week's CPU).
///
/// Everything kept is numbered as the kept table numbers it, and those numbers hold for the
/// kept reports in an extended table. What is not numbered there is a thread's poster's person
/// (kept as the sender, whose person is looked up now) and which senders are one person, which
/// decides which parts a poster sent: a new week can join two senders into one person (or a
/// mailmap can change). So the kept threads are taken only while the kept reports' senders are
/// grouped into people as they were. Debug builds (and so the tests) describe every thread
/// again and stop on a difference (`KeptMessageTable.verifying`).
struct KeptOccurrences: Sendable {
    /// By sender number: its person's index when kept, which tells how senders were grouped.
    let personOfSender: [Int32]
    /// By thread, in report and thread order: its key's number (`KeptMessageTable.none` without one), flags
    /// (1: the key is the table's, 2: a pull request), poster's sender number, dates (packed).
    let keyIDs: [Int32]
    let flags: [Int32]
    let posters: [Int32]
    let firstDates: [Int64]
    let lastDates: [Int64]
    /// Where each thread's own messages and parts end in the lists below.
    let ownEnds: [Int32]
    let ownMessages: [Int32]
    let partEnds: [Int32]
    /// By part: its key's number, version, flags (1: RFC) and patch count (`KeptMessageTable.none` without one).
    let partKeyIDs: [Int32]
    let partVersions: [Int32]
    let partFlags: [Int32]
    let partTotals: [Int32]

    /// How many threads are kept.
    var count: Int { keyIDs.count }

    /// Whether the lists are of one length each and their ends in order, as written.
    var isWhole: Bool {
        let threads = keyIDs.count
        return [flags.count, posters.count, firstDates.count, lastDates.count, ownEnds.count, partEnds.count]
            .allSatisfy { $0 == threads }
            && [partVersions.count, partFlags.count, partTotals.count].allSatisfy { $0 == partKeyIDs.count }
            && Self.inOrder(ownEnds, upTo: ownMessages.count) && Self.inOrder(partEnds, upTo: partKeyIDs.count)
    }

    private static func inOrder(_ ends: [Int32], upTo count: Int) -> Bool {
        var previous: Int32 = 0
        for end in ends {
            guard end >= previous else { return false }
            previous = end
        }
        return Int(previous) == count
    }

    /// Whether `table` groups the senders kept into people as they were grouped then: one
    /// person then is one person now, and two are two.
    func groupsSendersAsKept(_ table: MessageTable) -> Bool {
        let now = table.personOfSender
        guard now.count >= personOfSender.count else { return false }
        var nowOfThen: [Int32: Int32] = [:]
        var thenOfNow: [Int32: Int32] = [:]
        for sender in personOfSender.indices {
            let (then, current) = (personOfSender[sender], now[sender])
            guard nowOfThen.updateValue(current, forKey: then) ?? current == current,
                thenOfNow.updateValue(then, forKey: current) ?? then == then
            else { return false }
        }
        return true
    }

    /// The kept thread at `index` (`ref`), as `table` numbers it; nil when what is kept does
    /// not fit the table (then the thread is described again).
    func occurrence(
        _ index: Int, ref: ThreadRef, reports: [WeeklyReport], table: MessageTable
    ) -> SeriesLinker.Occurrence? {
        let optional = KeptMessageTable.optional
        // The subject read in place: a copy of the thread retains every text in it.
        let subject = reports[ref.report].threads.withUnsafeBufferPointer { $0[ref.thread].subject }
        let keyID = optional(keyIDs[index])
        let key: SeriesKey
        if flags[index] & 1 != 0 {
            guard let keyID, let numbered = table.key(number: keyID) else { return nil }
            key = numbered
        } else {
            key = SeriesKey(subject)
        }
        let poster = optional(posters[index])
        if let poster, !table.personOfSender.indices.contains(poster) { return nil }
        guard let firstDate = LocalDateTime(packedValue: Int(firstDates[index])),
            let lastDate = LocalDateTime(packedValue: Int(lastDates[index]))
        else { return nil }
        let ownStart = index == 0 ? 0 : Int(ownEnds[index - 1])
        let partStart = index == 0 ? 0 : Int(partEnds[index - 1])
        return SeriesLinker.Occurrence(
            ref: ref, subject: subject, key: key, keyID: keyID,
            author: poster.flatMap(table.person(ofSender:)),
            firstDate: firstDate, lastDate: lastDate,
            ownMessages: ownMessages[ownStart..<Int(ownEnds[index])].map { Int($0) },
            parts: (partStart..<Int(partEnds[index])).map { part in
                SeriesLinker.PartKey(
                    keyID: Int(partKeyIDs[part]), version: Int(partVersions[part]), isRFC: partFlags[part] & 1 != 0,
                    total: optional(partTotals[part]))
            },
            isPull: flags[index] & 2 != 0, poster: poster, keyFromTable: flags[index] & 1 != 0)
    }
}

extension KeptOccurrences {
    /// What `occurrences`, described with `table`, are to keep; nil when a number does not fit
    /// 32 bits (no report has such a version or patch count). (Here, not in the type: there it
    /// would take the place of the memberwise initializer `load` reads the lists back with.)
    init?(_ occurrences: [SeriesLinker.Occurrence], table: MessageTable) {
        let narrow = KeptMessageTable.narrow
        var (keyIDs, flags, posters, ownEnds, partEnds) = ([Int32](), [Int32](), [Int32](), [Int32](), [Int32]())
        var (firstDates, lastDates) = ([Int64](), [Int64]())
        var (ownMessages, partKeyIDs, partVersions, partFlags, partTotals) = (
            [Int32](), [Int32](), [Int32](), [Int32](), [Int32]()
        )
        keyIDs.reserveCapacity(occurrences.count)
        flags.reserveCapacity(occurrences.count)
        posters.reserveCapacity(occurrences.count)
        ownEnds.reserveCapacity(occurrences.count)
        partEnds.reserveCapacity(occurrences.count)
        firstDates.reserveCapacity(occurrences.count)
        lastDates.reserveCapacity(occurrences.count)
        // Read in place: a copy of an occurrence retains every text and list in it.
        for index in occurrences.indices {
            guard let keyID = narrow(occurrences[index].keyID), let poster = narrow(occurrences[index].poster)
            else { return nil }
            keyIDs.append(keyID)
            flags.append((occurrences[index].keyFromTable ? 1 : 0) | (occurrences[index].isPull ? 2 : 0))
            posters.append(poster)
            firstDates.append(Int64(occurrences[index].firstDate.packedValue))
            lastDates.append(Int64(occurrences[index].lastDate.packedValue))
            for message in occurrences[index].ownMessages {
                guard let number = narrow(message) else { return nil }
                ownMessages.append(number)
            }
            ownEnds.append(Int32(ownMessages.count))
            for part in occurrences[index].parts {
                guard let keyID = narrow(part.keyID), let version = narrow(part.version),
                    let total = narrow(part.total)
                else { return nil }
                partKeyIDs.append(keyID)
                partVersions.append(version)
                partFlags.append(part.isRFC ? 1 : 0)
                partTotals.append(total)
            }
            partEnds.append(Int32(partKeyIDs.count))
        }
        self.init(
            personOfSender: table.personOfSender, keyIDs: keyIDs, flags: flags, posters: posters,
            firstDates: firstDates, lastDates: lastDates, ownEnds: ownEnds, ownMessages: ownMessages,
            partEnds: partEnds, partKeyIDs: partKeyIDs, partVersions: partVersions, partFlags: partFlags,
            partTotals: partTotals)
    }
}
