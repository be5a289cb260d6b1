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
        // Its bytes looked for first with `memchr`: the UTF-8 view's generic `firstRange(of:)`
        // took 50,000 instructions a title.
        guard title.withUTF8Bytes({ UnsafeRawBufferPointer($0).containsBytes(of: "take") }),
            let range = title.range(of: "take", options: .backwards)
        else { return title }
        let after = title[range.upperBound...].trimmingWhitespace.drop(while: { $0 == "#" })
        guard !after.isEmpty, after.allSatisfy(\.isASCIIDigit) else { return title }
        var before = title[..<range.lowerBound].trimmingWhitespace
        while before.hasSuffix(",") || before.hasSuffix("-") { before = before.dropLast().trimmingWhitespace }
        return before
    }

    static func normalize(_ title: String) -> String {
        title.joinedWords(lowercased: true)
    }

    static func isRoutingTag(_ tag: String) -> Bool {
        tag.hasPrefix("for-") || tag.hasSuffix("-next") || tag.hasSuffix("-fixes")
            || ["net", "bpf", "next", "resend", "stable", "fixes", "patch", "rfc"].contains(tag)
    }

    /// Words of the title after its subsystem prefix (`KVM: arm64: `), for similarity: pieces
    /// of the title, not texts of their own (made one by one, with their bytes checked, they were
    /// most of linking retitled series).
    var topicWords: Set<Substring> {
        title.isASCII ? Self.asciiTopicWords(title) : Self.topicWordsByCharacters(title)
    }

    /// `topicWords` by Unicode's rules: the reference for the ASCII path.
    static func topicWordsByCharacters(_ title: String) -> Set<Substring> {
        var topic = Substring(title)
        while let colon = topic.firstIndex(of: ":"), !topic[..<colon].contains(" ") || topic[..<colon].count < 24,
            topic.index(after: colon) < topic.endIndex, topic[topic.index(after: colon)] == " "
        {
            topic = topic[topic.index(after: colon)...].drop(while: { $0 == " " })
        }
        return Set(topic.split(whereSeparator: { !$0.isLetterOrNumber }))
    }

    /// `topicWords` of an ASCII title, over its bytes: each byte is a character, and a letter or
    /// number is `A`–`Z`, `a`–`z` or `0`–`9`. Retitle links compare the topics of every pair of an
    /// author's chains a few months apart, on one core, and Foundation's `contains` and counting
    /// characters made most of that time.
    static func asciiTopicWords(_ title: String) -> Set<Substring> {
        let ranges = title.withUTF8Bytes { asciiTopicWordRanges(bytes: $0) }
        let utf8 = title.utf8
        return Set(
            ranges.map { range in
                Substring(
                    utf8[
                        utf8.index(
                            utf8.startIndex, offsetBy: range.lowerBound)..<utf8.index(
                                utf8.startIndex, offsetBy: range.upperBound)])
            })
    }

    /// Where each topic word of an ASCII title is, by byte offset.
    private static func asciiTopicWordRanges(bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        let space = UInt8(ascii: " ")
        var start = 0
        while let colon = bytes[start...].firstIndex(of: UInt8(ascii: ":")),
            !bytes[start..<colon].contains(space) || colon - start < 24, colon + 1 < bytes.count,
            bytes[colon + 1] == space
        {
            start = colon + 1
            while start < bytes.count && bytes[start] == space { start += 1 }
        }
        var words: [Range<Int>] = []
        var wordStart = start
        for index in start...bytes.count where index == bytes.count || !isASCIILetterOrDigit(bytes[index]) {
            if index > wordStart { words.append(wordStart..<index) }
            wordStart = index + 1
        }
        return words
    }

    /// Jaccard similarity of two sets of topic words.
    static func similarity<Word: Hashable>(_ a: Set<Word>, _ b: Set<Word>) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 1 }
        // The union's size from the sets' sizes, without making it.
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        let common = small.count { large.contains($0) }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// By title, then by the tags as one text; they are joined only for keys of one title.
    public static func < (lhs: SeriesKey, rhs: SeriesKey) -> Bool {
        guard lhs.title == rhs.title else { return lhs.title < rhs.title }
        return lhs.identityTags.joined(separator: " ") < rhs.identityTags.joined(separator: " ")
    }
}
