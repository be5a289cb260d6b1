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
        guard title.utf8.firstRange(of: "take".utf8) != nil,
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

    /// Words of the title after its subsystem prefix (`KVM: arm64: `), for similarity.
    var topicWords: Set<String> {
        title.isASCII ? Self.asciiTopicWords(title) : Self.topicWordsByCharacters(title)
    }

    /// `topicWords` by Unicode's rules: the reference for the ASCII path.
    static func topicWordsByCharacters(_ title: String) -> Set<String> {
        var topic = Substring(title)
        while let colon = topic.firstIndex(of: ":"), !topic[..<colon].contains(" ") || topic[..<colon].count < 24,
            topic.index(after: colon) < topic.endIndex, topic[topic.index(after: colon)] == " "
        {
            topic = topic[topic.index(after: colon)...].drop(while: { $0 == " " })
        }
        return Set(topic.split(whereSeparator: { !$0.isLetterOrNumber }).map(String.init))
    }

    /// `topicWords` of an ASCII title, over its bytes: each byte is a character, and a letter or
    /// number is `A`–`Z`, `a`–`z` or `0`–`9`. Retitle links compare the topics of every pair of an
    /// author's chains a few months apart, on one core, and Foundation's `contains` and counting
    /// characters made most of that time.
    static func asciiTopicWords(_ title: String) -> Set<String> {
        var title = title
        return title.withUTF8 { asciiTopicWords(bytes: $0) }
    }

    private static func asciiTopicWords(bytes: UnsafeBufferPointer<UInt8>) -> Set<String> {
        let space = UInt8(ascii: " ")
        var start = 0
        while let colon = bytes[start...].firstIndex(of: UInt8(ascii: ":")),
            !bytes[start..<colon].contains(space) || colon - start < 24, colon + 1 < bytes.count,
            bytes[colon + 1] == space
        {
            start = colon + 1
            while start < bytes.count && bytes[start] == space { start += 1 }
        }
        var words = Set<String>()
        var wordStart = start
        for index in start...bytes.count where index == bytes.count || !isASCIILetterOrDigit(bytes[index]) {
            if index > wordStart {
                words.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<index]), as: UTF8.self))
            }
            wordStart = index + 1
        }
        return words
    }

    /// Jaccard similarity of two sets of topic words.
    static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
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
