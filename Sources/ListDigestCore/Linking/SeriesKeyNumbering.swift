/// Series keys numbered from 0 in the order first seen, found by their stable hash. A key a
/// line of the parsed-subject cache brings is not made at all: its number comes from the cache,
/// and a lookup that lands on it compares the key with the bytes kept there. Making the keys of
/// the archive's forty-five thousand kept lines (and hashing them into a table) took longer than
/// the rest of an added week's message table.
struct SeriesKeyNumbering: Sendable {
    /// Where a numbered key's text is.
    private enum Source {
        /// In the cache, with the kept line at this place.
        case kept(line: Int)
        case made(SeriesKey)
    }

    /// By stable hash, the first key numbered with it.
    private var numberOfHash: [UInt64: Int32]
    /// Keys whose hash an earlier key has (none, but for a collision of 64-bit hashes).
    private var collided: [SeriesKey: Int32] = [:]
    /// By number.
    private var sources: [Source] = []
    /// By number: each key's stable hash.
    private(set) var hashes: [UInt64] = []
    private let cache: ParsedSubjectCache

    var count: Int { sources.count }

    init(capacity: Int, cache: ParsedSubjectCache) {
        numberOfHash = Dictionary(minimumCapacity: capacity)
        sources.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
        self.cache = cache
    }

    /// The keys a kept message table numbered: by number, their stable `hashes` (no two alike),
    /// found by `numberOfHash`, and the line of `cache` each was first the key of.
    init(hashes: [UInt64], numberOfHash: [UInt64: Int32], firstLines: [Int], cache: ParsedSubjectCache) {
        self.numberOfHash = numberOfHash
        self.hashes = hashes
        sources = firstLines.map { .kept(line: $0) }
        self.cache = cache
    }

    /// The key of the line the cache keeps at `line`, which it numbered `number` and hashed as
    /// `hash`; false when that number does not follow the numbers given so far (so the cache's
    /// numbers cannot be taken).
    mutating func addKept(number: Int, hash: UInt64, line: Int) -> Bool {
        guard number >= count else { return true }
        guard number == count else { return false }
        if numberOfHash[hash] == nil {
            numberOfHash[hash] = Int32(number)
        } else {
            guard let key = cache.key(at: line) else { return false }
            collided[key] = Int32(number)
        }
        sources.append(.kept(line: line))
        hashes.append(hash)
        return true
    }

    /// The number of `key` (whose stable hash is `hash`), when it was numbered.
    func existing(_ key: SeriesKey, hash: UInt64) -> Int? {
        if let number = numberOfHash[hash], holds(key, at: Int(number)) { return Int(number) }
        return collided.isEmpty ? nil : collided[key].map(Int.init)
    }

    /// The number of `key` (whose stable hash is `hash`), new when it was not numbered before.
    mutating func number(_ key: SeriesKey, hash: UInt64) -> Int {
        if let number = existing(key, hash: hash) { return number }
        let number = count
        if numberOfHash[hash] == nil {
            numberOfHash[hash] = Int32(number)
        } else {
            collided[key] = Int32(number)
        }
        sources.append(.made(key))
        hashes.append(hash)
        return number
    }

    /// The key numbered `number`: as made, or read back from the cache (nil should that fail).
    func key(_ number: Int) -> SeriesKey? {
        switch sources[number] {
        case .kept(let line): cache.key(at: line)
        case .made(let key): key
        }
    }

    private func holds(_ key: SeriesKey, at number: Int) -> Bool {
        switch sources[number] {
        case .kept(let line): cache.keyMatches(key, at: line)
        case .made(let made): made == key
        }
    }
}

extension SeriesKey {
    /// The same in every run (unlike `hashValue`), so that the parsed-subject cache can keep it.
    var stableHash: UInt64 {
        var hasher = StableHasher()
        hasher.combine(title)
        hasher.combine(identityTags.count)
        for tag in identityTags { hasher.combine(tag) }
        return hasher.value
    }
}
