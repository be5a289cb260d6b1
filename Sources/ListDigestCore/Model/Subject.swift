/// A mail subject split into its bracketed prefix and its title:
/// `Re: [RFC PATCH kvmtool v3 02/10] arm64: Add foo` →
/// reply, RFC, tag `kvmtool`, version 3, part 2 of 10, title `arm64: Add foo`.
///
/// Follows b4's reading of prefixes and also handles what b4 misses
/// (`[PATCH v6,19/24]`, `PATCHv3`, `RFCv2`, `v5.1`, `1 of 3`, `0/3 v2`, a trailing `(v2)`).
public struct Subject: Sendable, Hashable {
    public var isReply = false
    public var isRFC = false
    public var isResend = false
    public var isPatch = false
    /// `[GIT PULL]`: a pull request.
    public var isPull = false
    /// Prefix words that are not flags, version or counter: `kvmtool`, `6.1.y`, `for-6.17`.
    public var tags: [String] = []
    /// 1 when the subject gives none.
    public var version = 1
    /// `v5.1` → 1.
    public var minorVersion: Int? = nil
    public var versionWasWritten = false
    public var part: Int? = nil
    public var total: Int? = nil
    /// The subject without reply markers and bracketed prefixes.
    public var title = ""

    public init(parsing subject: String) {
        let trimmed = subject.trimmingWhitespace
        if trimmed.isASCII {
            readASCII(Array(trimmed.utf8))
        } else {
            readCharacters(Substring(trimmed))
        }
        readTrailingVersion()
    }

    /// A subject parsed before (`ParsedSubjectCache`), every field given.
    init(
        isReply: Bool, isRFC: Bool, isResend: Bool, isPatch: Bool, isPull: Bool, tags: [String], version: Int,
        minorVersion: Int?, versionWasWritten: Bool, part: Int?, total: Int?, title: String
    ) {
        self.isReply = isReply
        self.isRFC = isRFC
        self.isResend = isResend
        self.isPatch = isPatch
        self.isPull = isPull
        self.tags = tags
        self.version = version
        self.minorVersion = minorVersion
        self.versionWasWritten = versionWasWritten
        self.part = part
        self.total = total
        self.title = title
    }

    /// Reads even an ASCII subject character by character: what reading its bytes must agree with.
    init(readingCharactersOf subject: String) {
        readCharacters(Substring(subject.trimmingWhitespace))
        readTrailingVersion()
    }

    /// `title (v2)`, when no prefix gave the version.
    private mutating func readTrailingVersion() {
        if !versionWasWritten, let (trimmedTitle, version) = Subject.trailingVersion(in: title) {
            title = trimmedTitle
            self.version = version
            versionWasWritten = true
        }
    }

    /// Reply markers, bracketed prefixes (with reply markers between them), then the title.
    private mutating func readCharacters(_ trimmed: Substring) {
        var rest = trimmed
        while let stripped = Subject.strippingReplyMarker(rest) {
            isReply = true
            rest = stripped
        }
        while rest.first == "[" {
            guard let close = Subject.matchingBracket(in: rest) else { break }
            readPrefixTokens(Subject.prefixTokens(rest[rest.index(after: rest.startIndex)..<close]))
            rest = rest[rest.index(after: close)...].drop(while: { $0.isSpace })
            while let stripped = Subject.strippingReplyMarker(rest) {
                isReply = true
                rest = stripped
            }
        }
        title = rest.trimmingWhitespace
    }

    /// `readCharacters` over the bytes of an ASCII subject (nearly every one), where a byte is a
    /// character: the only ASCII character of two bytes, CR LF, is a space either way. Walking
    /// characters cost a grapheme-break check per step.
    private mutating func readASCII(_ bytes: [UInt8]) {
        var start = 0
        let end = bytes.count
        func skipSpaces() {
            while start < end, isASCIISpace(bytes[start]) { start += 1 }
        }
        func stripReplyMarkers() {
            while let length = Subject.asciiReplyMarkerLength(bytes[start...]) {
                isReply = true
                start += length
                skipSpaces()
            }
        }
        stripReplyMarkers()
        while start < end, bytes[start] == UInt8(ascii: "[") {
            guard let close = Subject.matchingBracket(bytes, at: start) else { break }
            readPrefixTokens(Subject.prefixTokens(bytes[(start + 1)..<close]))
            start = close + 1
            skipSpaces()
            stripReplyMarkers()
        }
        // The subject was trimmed and `start` is past any space: the rest is the title.
        title = String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// `v3 RFC` style display of the version, as people write it: `v3`, `v5.1`.
    public var versionLabel: String {
        minorVersion.map { "v\(version).\($0)" } ?? "v\(version)"
    }

    private static let replyMarkers = ["re:", "aw:", "fwd:", "fw:", "sv:", "回复:", "回复：", "答复:", "答复："]

    private static let asciiReplyMarkers = replyMarkers.filter(\.isASCII).map {
        Array($0.utf8)
    }

    /// The length of the ASCII reply marker `bytes` start with, compared without case, as
    /// characters would be.
    private static func asciiReplyMarkerLength<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int? {
        asciiReplyMarkers.first { marker in
            bytes.count >= marker.count
                && zip(bytes, marker).allSatisfy { asciiLowercased($0) == $1 }
        }?.count
    }

    private static func strippingReplyMarker(_ text: Substring) -> Substring? {
        let head = text.utf8.prefix(8)
        if head.allSatisfy({ $0 < 0x80 }) {
            // ASCII, as nearly every subject starts.
            return asciiReplyMarkerLength(head).map { text.dropFirst($0).drop(while: { $0.isSpace }) }
        }
        // The markers are at most four characters: lowercasing a few is enough.
        let lowered = text.prefix(8).lowercased()
        for marker in replyMarkers where lowered.hasPrefix(marker) {
            return text.dropFirst(marker.count).drop(while: { $0.isSpace })
        }
        return nil
    }

    /// The index of the `]` that closes the `[` at the start, allowing nesting.
    private static func matchingBracket(in text: Substring) -> Substring.Index? {
        var depth = 0
        for index in text.indices {
            switch text[index] {
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    /// The index of the `]` that closes the `[` at `start`, allowing nesting.
    private static func matchingBracket(_ bytes: [UInt8], at start: Int) -> Int? {
        var depth = 0
        for index in start..<bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    /// A word of a bracketed prefix as written (a tag keeps it) and lower-cased (what flags,
    /// versions and counters are recognised in; compared ASCII-insensitively, so an ASCII word
    /// can be both without being copied).
    private struct PrefixToken {
        let written: ArraySlice<UInt8>
        let lowered: ArraySlice<UInt8>
    }

    /// The words of a bracketed prefix: split at spaces, commas, semicolons and brackets.
    private static func prefixTokens(_ group: Substring) -> [PrefixToken] {
        group.split(whereSeparator: { $0.isSpace || $0 == "," || $0 == ";" || $0 == "[" || $0 == "]" })
            .map { PrefixToken(written: Array($0.utf8)[...], lowered: Array($0.lowercased().utf8)[...]) }
    }

    private static func prefixTokens(_ group: ArraySlice<UInt8>) -> [PrefixToken] {
        group.split(whereSeparator: {
            isASCIISpace($0) || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "[")
                || $0 == UInt8(ascii: "]")
        })
        .map { PrefixToken(written: $0, lowered: $0) }
    }

    private mutating func readPrefixTokens(_ tokens: [PrefixToken]) {
        var pendingTag: [String] = []
        func flushTag() {
            if !pendingTag.isEmpty { tags.append(pendingTag.joined(separator: " ")) }
            pendingTag = []
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            // `2 of 7`, its numbers read as `Int` reads them (a sign too), as they always were.
            if index + 2 < tokens.count, Self.isWord(tokens[index + 1].lowered, "of"),
                let part = Int(String(decoding: token.written, as: UTF8.self)),
                let total = Int(String(decoding: tokens[index + 2].written, as: UTF8.self))
            {
                flushTag()
                (self.part, self.total) = (part, total)
                index += 3
                continue
            }
            if readFlag(token.lowered) || readVersion(token.lowered) || readCounter(token.lowered) {
                flushTag()
            } else {
                pendingTag.append(String(decoding: token.written, as: UTF8.self))
            }
            index += 1
        }
        flushTag()
    }

    /// Whether `bytes` spell `word` (lower-case ASCII), ignoring ASCII case.
    private static func isWord(_ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        bytes.count == word.utf8CodeUnitCount
            && zip(bytes, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)).allSatisfy {
                asciiLowercased($0) == $1
            }
    }

    /// Whether `bytes` start with `word` (lower-case ASCII), ignoring ASCII case.
    private static func startsWithWord(_ bytes: ArraySlice<UInt8>, _ word: StaticString) -> Bool {
        bytes.count >= word.utf8CodeUnitCount && isWord(bytes.prefix(word.utf8CodeUnitCount), word)
    }

    /// The value of a run of ASCII digits; nil when there are none or it does not fit an `Int`.
    private static func digitsValue(_ bytes: some Collection<UInt8>) -> Int? {
        guard !bytes.isEmpty else { return nil }
        var value = 0
        for byte in bytes {
            guard isASCIIDigit(byte) else { return nil }
            let (tens, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAgain) = tens.addingReportingOverflow(Int(byte - 0x30))
            guard !overflow, !overflowAgain else { return nil }
            value = sum
        }
        return value
    }

    private mutating func readFlag(_ token: ArraySlice<UInt8>) -> Bool {
        if Self.isWord(token, "patch") {
            isPatch = true
        } else if Self.isWord(token, "rfc") {
            isRFC = true
        } else if Self.isWord(token, "resend") {
            isResend = true
        } else if Self.isWord(token, "git") || Self.isWord(token, "pull") {
            isPull = true
        } else {
            // Glued forms: PATCHv3, RFCv2, RFC-v2.
            for (flag, isRFCFlag) in [("patch" as StaticString, false), ("rfc", true)]
            where Self.startsWithWord(token, flag) {
                let rest = token.dropFirst(flag.utf8CodeUnitCount).drop(while: { $0 == UInt8(ascii: "-") })
                guard readVersion(rest) else { continue }
                if isRFCFlag { isRFC = true } else { isPatch = true }
                return true
            }
            return false
        }
        return true
    }

    /// `v3`, `V3`, `v5.1`.
    private mutating func readVersion(_ token: ArraySlice<UInt8>) -> Bool {
        guard let first = token.first, asciiLowercased(first) == UInt8(ascii: "v") else { return false }
        let numbers = token.dropFirst().split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(numbers.count), numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isASCIIDigit) }),
            let major = Self.digitsValue(numbers[0]), major < 1000
        else { return false }
        version = major
        minorVersion = numbers.count == 2 ? Self.digitsValue(numbers[1]) : nil
        versionWasWritten = true
        return true
    }

    /// `03/10`.
    private mutating func readCounter(_ token: ArraySlice<UInt8>) -> Bool {
        guard token.contains(UInt8(ascii: "/")) else { return false }
        let numbers = token.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard numbers.count == 2, numbers.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(isASCIIDigit) })
        else { return false }
        part = Self.digitsValue(numbers[0])
        total = Self.digitsValue(numbers[1])
        return true
    }

    /// `foo bar (v2)` → (`foo bar`, 2). A version inside the title ("Support v2 hardware") is left alone.
    private static func trailingVersion(in title: String) -> (String, Int)? {
        guard title.hasSuffix(")"), let open = title.lastIndex(of: "(") else { return nil }
        let inner = title[title.index(after: open)..<title.index(before: title.endIndex)].lowercased()
        guard inner.first == "v", let version = Int(inner.dropFirst()), version > 0, version < 1000 else { return nil }
        return (title[..<open].trimmingWhitespace, version)
    }
}
