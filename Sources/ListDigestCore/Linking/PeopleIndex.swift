/// One person, all their addresses and names merged.
public struct Person: Sendable, Hashable {
    /// Stable URL slug, e.g. `oliver-upton`.
    public let id: String
    public let name: String
    /// Lower-cased, the first-seen address first.
    public let addresses: [String]
    public let isBot: Bool
}

/// Who is who across the archive: addresses merged by case, B4 relays, shared
/// names and an optional mailmap (which wins over every heuristic).
public struct PeopleIndex: Sendable {
    /// Sorted by id.
    public let people: [Person]
    private let personOfAddress: [String: Int]
    private let mailmap: Mailmap
    private let relayAddress: [String: String]

    /// A distinct (name, address) as sent: when it was first seen and how often.
    struct Seen {
        var first: LocalDateTime
        var count = 1

        mutating func add(_ sentAt: LocalDateTime) {
            first = min(first, sentAt)
            count += 1
        }
    }

    public init(reports: [WeeklyReport], mailmap: Mailmap = .empty) {
        var seen: [Sender: Seen] = [:]
        for report in reports {
            for thread in report.threads {
                for message in thread.messages {
                    if seen[message.sender]?.add(message.sentAt) == nil {
                        seen[message.sender] = Seen(first: message.sentAt)
                    }
                }
            }
        }
        let pairs = Array(seen)
        self = Self.indexing(senders: pairs.map(\.key), seen: pairs.map(\.value), mailmap: mailmap).people
    }

    /// From the distinct senders and when each was first seen and how often, as the message
    /// table numbers and counts them: who is who, and the person of each sender (by position).
    /// Lists, not a table of senders: hashing 2,700 senders' names and addresses into tables,
    /// twice, was a fifth of making the index.
    static func indexing(
        senders: [Sender], seen: [Seen], mailmap: Mailmap
    ) -> (people: PeopleIndex, personOfSender: [Int32]) {
        var personOfSender = [Int32](repeating: -1, count: senders.count)
        let people = PeopleIndex(senders: senders, seen: seen, mailmap: mailmap) { sender, person in
            personOfSender[sender] = Int32(person)
        }
        return (people, personOfSender)
    }

    /// `found`: each sender's position, with the index of its person.
    private init(senders: [Sender], seen: [Seen], mailmap: Mailmap, found: (Int, Int) -> Void) {
        self.mailmap = mailmap
        let rawAddresses = Set(senders.map(\.lowercasedAddress))
        var relayAddress: [String: String] = [:]
        for address in rawAddresses {
            if let decoded = SenderIdentity.decodeRelay(address, knownAddresses: rawAddresses) {
                relayAddress[address] = decoded
            }
        }
        self.relayAddress = relayAddress

        // Resolve every sender to a canonical address and name, then group addresses.
        struct Resolved {
            /// Its position among the senders.
            let sender: Int
            let address: String
            let name: String
            let mapped: Bool
            let seen: Seen
            /// `looksLikeBot` of the name and address resolved, asked once.
            let isBot: Bool
        }
        // Each on any core: cleaning names and looking for bots and relays took longer than the
        // rest of making the index. (A rebuild extending the kept message table makes the index
        // on its own; a full build makes it beside numbering messages, nested in a parallel loop,
        // where this loop runs on the one core it has.)
        let unsorted = Parallel.map(senders.count) { [relayAddress] index in
            let identity = Self.resolve(senders[index], mailmap: mailmap, relayAddress: relayAddress)
            return Resolved(
                sender: index, address: identity.address, name: identity.name, mapped: identity.mapped,
                seen: seen[index],
                isBot: identity.isBot ?? SenderIdentity.looksLikeBot(name: identity.name, address: identity.address))
        }
        // By first seen, then address and name; as positions, the texts compared only on a tie
        // (sorting the entries compared tuples of copied texts).
        let resolved = unsorted.indices.sorted { a, b in
            if unsorted[a].seen.first != unsorted[b].seen.first {
                return unsorted[a].seen.first < unsorted[b].seen.first
            }
            if unsorted[a].address != unsorted[b].address { return unsorted[a].address < unsorted[b].address }
            return unsorted[a].name < unsorted[b].name
        }.map { unsorted[$0] }

        // Same distinctive name, same person: unmapped senders join the first address with
        // their name, mailmapped ones first. A mailmapped sender is never moved by its name.
        // Entries are read by index, field by field: a copy of one retains every text in it.
        var addresses = Numbering<String>(capacity: resolved.count, keepingValues: false)
        let addressOf = resolved.indices.map { Int(addresses.number(resolved[$0].address).number) }
        var groups = UnionFind(count: addresses.count)
        var addressOfNameKey: [String: Int] = [:]
        addressOfNameKey.reserveCapacity(resolved.count)
        let mappedFirst =
            resolved.indices.filter { resolved[$0].mapped } + resolved.indices.filter { !resolved[$0].mapped }
        for index in mappedFirst {
            let key = SenderIdentity.nameKey(resolved[index].name)
            guard SenderIdentity.isDistinctive(key), !resolved[index].isBot else { continue }
            if let other = addressOfNameKey[key] {
                if !resolved[index].mapped { groups.union(other, addressOf[index]) }
            } else {
                addressOfNameKey[key] = addressOf[index]
            }
        }

        // Build people in order of first appearance, so the earliest keeps the plain slug.
        // By the address number of each group's root.
        var members = [[Int]](repeating: [], count: addresses.count)
        var order: [Int] = []
        for index in resolved.indices {
            let root = groups.find(addressOf[index])
            if members[root].isEmpty { order.append(root) }
            members[root].append(index)
        }
        var usedSlugs = Set<String>(minimumCapacity: order.count)
        var people: [Person] = []
        people.reserveCapacity(order.count)
        var personOfAddressByID: [String: String] = [:]
        personOfAddressByID.reserveCapacity(addresses.count)
        for root in order {
            let entries = members[root]
            var addresses: [String] = []
            for entry in entries where !addresses.contains(resolved[entry].address) {
                addresses.append(resolved[entry].address)
            }
            let mappedName = entries.first { resolved[$0].mapped && !resolved[$0].name.isEmpty }.map {
                resolved[$0].name
            }
            let commonName: String?
            if entries.count == 1 {
                commonName = resolved[entries[0]].name.isEmpty ? nil : resolved[entries[0]].name
            } else {
                var nameCounts: [String: Int] = [:]
                for entry in entries where !resolved[entry].name.isEmpty {
                    nameCounts[resolved[entry].name, default: 0] += resolved[entry].seen.count
                }
                commonName = nameCounts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
            }
            let name = mappedName ?? commonName ?? addresses[0]
            let earliestName = entries.first { !resolved[$0].name.isEmpty }.map { resolved[$0].name }
            var slug = Slug.make(
                earliestName.map(SenderIdentity.nameKey) ?? String(addresses[0].prefix { $0 != "@" }),
                fallback: "person", maximumLength: 60)
            if usedSlugs.contains(slug) { slug += "-" + stableHash(addresses[0]).prefix(6) }
            while usedSlugs.contains(slug) { slug += "-x" }
            usedSlugs.insert(slug)
            let isBot = entries.contains { resolved[$0].isBot }
            people.append(Person(id: slug, name: name, addresses: addresses, isBot: isBot))
            for address in addresses { personOfAddressByID[address] = slug }
        }
        people.sort { $0.id < $1.id }
        let indexOfID = Dictionary(uniqueKeysWithValues: people.enumerated().map { ($1.id, $0) })
        let personOfAddress = personOfAddressByID.mapValues { indexOfID[$0]! }
        self.personOfAddress = personOfAddress
        for entry in resolved { found(entry.sender, personOfAddress[entry.address]!) }
        self.people = people
    }

    /// The index in `people` of whoever sent as `sender`. (Linking reads each message's person
    /// from the message table, which `indexing` gave them.)
    public func personIndex(of sender: Sender) -> Int? {
        let identity = Self.resolve(sender, mailmap: mailmap, relayAddress: relayAddress)
        return personOfAddress[identity.address]
    }

    public func person(of sender: Sender) -> Person? {
        personIndex(of: sender).map { people[$0] }
    }

    /// `isBot`: `looksLikeBot` of the address and name resolved, when it was asked of them.
    private static func resolve(
        _ sender: Sender, mailmap: Mailmap, relayAddress: [String: String]
    ) -> (address: String, name: String, mapped: Bool, isBot: Bool?) {
        let lowered = sender.lowercasedAddress
        var address = relayAddress[lowered] ?? lowered
        let name = SenderIdentity.cleanName(sender.name)
        var isBot: Bool? = SenderIdentity.looksLikeBot(name: name, address: address)
        // Bots tag their address per report (`syzbot+1f6f…@`): one bot, one address.
        if isBot == true, let plus = address.firstIndex(of: "+"), let at = address.firstIndex(of: "@"), plus < at {
            address = String(address[..<plus] + address[at...])
            isBot = nil
        }
        if let mapped = mailmap.lookup(name: sender.name, address: address)
            ?? mailmap.lookup(name: sender.name, address: lowered)
        {
            return (mapped.address?.lowercased() ?? address, mapped.name ?? name, true, nil)
        }
        return (address, name, false, isBot)
    }
}
