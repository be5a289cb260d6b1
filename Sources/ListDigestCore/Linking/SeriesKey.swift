import Foundation

/// What makes two threads "the same work" before versions are compared: the
/// case-folded, space-collapsed title plus the tags that name a different
/// tree (`kvmtool`, `kvm-unit-tests`, a stable branch). Routing tags
/// (`for-6.17`, `net-next`) and flags (RFC, RESEND) do not count.
public struct SeriesKey: Hashable, Sendable, Comparable {
    public let title: String
    public let identityTags: [String]

    public init(_ subject: Subject) {
        title = Self.normalize(subject.title)
        identityTags = subject.tags.flatMap { $0.lowercased().split(separator: " ").map(String.init) }
            .filter { !Self.isRoutingTag($0) }
    }

    /// A key made before (`ParsedSubjectCache`).
    init(title: String, identityTags: [String]) {
        self.title = title
        self.identityTags = identityTags
    }

    /// Recurring pull requests (`fixes for 6.17, take #1`, `take #2`) are separate
    /// series of one family: the title without its `take N`.
    public var familyTitle: String {
        guard title.includes("take"), let range = Self.lastTake(in: title) else { return title }
        let after = title[range.upperBound...].trimmingWhitespace.drop(while: { $0 == "#" })
        guard !after.isEmpty, after.allSatisfy(\.isASCIIDigit) else { return title }
        var before = title[..<range.lowerBound].trimmingWhitespace
        while before.hasSuffix(",") || before.hasSuffix("-") { before = before.dropLast().trimmingWhitespace }
        return before
    }

    /// Where `take` last is in `title`: for an ASCII title (nearly every one), its bytes' last
    /// place, found in place; Foundation's backward search, through `NSString`, took thousands
    /// of instructions for each pull request of the archive.
    private static func lastTake(in title: String) -> Range<String.Index>? {
        guard title.isASCII else { return title.range(of: "take", options: .backwards) }
        let bytes = title.utf8
        let take = Array("take".utf8)
        var end = bytes.endIndex
        while let start = bytes.index(end, offsetBy: -take.count, limitedBy: bytes.startIndex) {
            if bytes[start..<end].elementsEqual(take) { return start..<end }
            end = bytes.index(before: end)
        }
        return nil
    }

    static func normalize(_ title: String) -> String {
        title.joinedWords(lowercased: true)
    }

    static func isRoutingTag(_ tag: String) -> Bool {
        tag.hasPrefix("for-") || tag.hasSuffix("-next") || tag.hasSuffix("-fixes")
            || ["net", "bpf", "next", "resend", "stable", "fixes", "patch", "rfc"].contains(tag)
    }

    /// Words of the title after its subsystem prefix (`KVM: arm64: `), for similarity: each as
    /// its `wordCode`, sorted, each once. As a set of texts, made and hashed for every chain
    /// retitle linking looks at, they were most of its work.
    var topicWords: [UInt64] {
        title.isASCII ? Self.asciiTopicWords(title) : Self.codes(Self.topicWordsByCharacters(title))
    }

    /// `topicWords` by Unicode's rules, as texts: the reference for the ASCII path.
    static func topicWordsByCharacters(_ title: String) -> Set<Substring> {
        var topic = Substring(title)
        while let colon = topic.firstIndex(of: ":"), !topic[..<colon].contains(" ") || topic[..<colon].count < 24,
            topic.index(after: colon) < topic.endIndex, topic[topic.index(after: colon)] == " "
        {
            topic = topic[topic.index(after: colon)...].drop(while: { $0 == " " })
        }
        return Set(topic.split(whereSeparator: { !$0.isLetterOrNumber }))
    }

    /// Words as their codes, sorted, each once. Two words the same as texts (canonically
    /// equivalent) have the same bytes once composed, so the same code.
    static func codes(_ words: Set<Substring>) -> [UInt64] {
        sortedOnce(
            words.map { word in
                let bytes =
                    word.isASCII ? Array(word.utf8) : Array(String(word).precomposedStringWithCanonicalMapping.utf8)
                return bytes.withUnsafeBufferPointer(wordCode)
            })
    }

    /// `codes` sorted, each kept once.
    private static func sortedOnce(_ codes: [UInt64]) -> [UInt64] {
        var codes = codes
        codes.sort()
        var unique = 0
        for index in codes.indices where unique == 0 || codes[unique - 1] != codes[index] {
            codes[unique] = codes[index]
            unique += 1
        }
        codes.removeLast(codes.count - unique)
        return codes
    }

    /// A word as a number: its bytes when it has at most seven, with their count in the top
    /// byte (so two such words share a code only when they are the same); else a stable hash of
    /// its bytes with the top bit set, which no short word's code has.
    static func wordCode(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard bytes.count <= 7 else {
            var hasher = StableHasher()
            hasher.combine(raw: UnsafeRawBufferPointer(bytes))
            return hasher.value | 1 << 63
        }
        var code = UInt64(bytes.count) << 56
        for (position, byte) in bytes.enumerated() { code |= UInt64(byte) << (8 * position) }
        return code
    }

    /// `topicWords` of an ASCII title, over its bytes: each byte is a character, and a letter or
    /// number is `A`–`Z`, `a`–`z` or `0`–`9`. Retitle links compare the topics of every pair of an
    /// author's chains a few months apart, on one core, and Foundation's `contains` and counting
    /// characters made most of that time.
    static func asciiTopicWords(_ title: String) -> [UInt64] {
        title.withUTF8Bytes { bytes in
            let space = UInt8(ascii: " ")
            var start = 0
            while let colon = bytes[start...].firstIndex(of: UInt8(ascii: ":")),
                !bytes[start..<colon].contains(space) || colon - start < 24, colon + 1 < bytes.count,
                bytes[colon + 1] == space
            {
                start = colon + 1
                while start < bytes.count && bytes[start] == space { start += 1 }
            }
            var words: [UInt64] = []
            var wordStart = start
            for index in start...bytes.count where index == bytes.count || !isASCIILetterOrDigit(bytes[index]) {
                if index > wordStart { words.append(wordCode(UnsafeBufferPointer(rebasing: bytes[wordStart..<index]))) }
                wordStart = index + 1
            }
            return sortedOnce(words)
        }
    }

    /// Jaccard similarity of two sets of topic words, each sorted with every word once.
    static func similarity(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        // The words in common counted by walking both lists; the union's size from theirs.
        var (i, j, common) = (0, 0, 0)
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                common += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// By title, then by the tags as one text; they are joined only for keys of one title.
    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        guard lhs.title == rhs.title else { return lhs.title < rhs.title }
        return lhs.identityTags.joined(separator: " ") < rhs.identityTags.joined(separator: " ")
    }
}
