/// Recognisers for the single lines of a weekly report (see FORMAT.md).
/// Each returns nil when the line is not of its kind.
enum ReportLines {
    /// `# KVMARM 邮件列表 AI 总结报告` → `KVMARM`.
    static func title(_ line: Substring) -> String? {
        guard line.hasASCIIPrefix("# ") else { return nil }
        return line.dropFirst(2).split(whereSeparator: { $0.isSpace }).first.map(String.init)
    }

    /// `**key**: value` or `- **key**: value`; the key's own trailing text
    /// (`**大型 Thread** (>20封): 2 个`) is dropped.
    static func keyValue(_ line: Substring) -> (key: String, value: String)? {
        var rest = line
        if rest.hasASCIIPrefix("- ") { rest = rest.dropFirst(2) }
        guard rest.hasASCIIPrefix("**") else { return nil }
        rest = rest.dropFirst(2)
        guard let close = rest.firstRange(ofASCII: "**") else { return nil }
        let key = rest[..<close.lowerBound].trimmingWhitespace
        let afterKey = rest[close.upperBound...]
        guard !key.isEmpty, let colon = afterKey.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        return (key, afterKey[afterKey.index(after: colon)...].trimmingWhitespace)
    }

    /// The integers in a text, in order: `28 threads (225 邮件)` → [28, 225].
    static func integers(in text: String) -> [Int] {
        text.split(whereSeparator: { !$0.isASCIIDigit }).compactMap { Int($0) }
    }

    /// `## 📌 PATCH` → `PATCH`.
    static func categoryHeading(_ line: Substring) -> String? {
        guard line.hasASCIIPrefix("## ") else { return nil }
        let name = line.dropFirst(3).drop(while: { !$0.isASCII || $0.isSpace }).trimmingWhitespace
        return name.isEmpty ? nil : name
    }

    /// `共 28 个 thread` → 28.
    static func sectionCount(_ line: Substring) -> Int? {
        guard line.hasPrefix("共"), line.lowercased().hasSuffix("thread") || line.hasSuffix("threads") else {
            return nil
        }
        return integers(in: String(line)).first
    }

    /// `### Thread 5: [PATCH] title` → (5, `[PATCH] title`).
    static func threadHeading(_ line: Substring) -> (number: Int, title: String)? {
        guard line.hasASCIIPrefix("### Thread ") else { return nil }
        let rest = line.dropFirst("### Thread ".count)
        let digits = rest.prefix(while: \.isASCIIDigit)
        guard let number = Int(digits) else { return nil }
        let afterNumber = rest.dropFirst(digits.count)
        guard let colon = afterNumber.first, colon == ":" || colon == "：" else { return nil }
        return (number, afterNumber.dropFirst().trimmingWhitespace)
    }

    /// A wrapped title or subject continues on a line that starts with exactly one space.
    static func continuation(_ line: Substring) -> String? {
        guard line.first == " ", let second = line.dropFirst().first, !second.isSpace else { return nil }
        return line.trimmingWhitespace
    }

    static func isSummaryHeading(_ line: Substring) -> Bool {
        line.hasASCIIPrefix("#### ") && (line.includes("总结") || line.includes("🤖"))
    }

    static func isMessageListHeading(_ line: Substring) -> Bool {
        line.hasASCIIPrefix("#### ") && (line.includes("邮件列表") || line.includes("📝"))
    }

    static func isRule(_ line: Substring) -> Bool {
        // What the trimmed line starts with: an ASCII byte other than `-` rules it out at once.
        guard let first = line.firstNonSpaceByte, first == UInt8(ascii: "-") || first >= 0x80 else { return false }
        // Equal to "---" only as these three bytes (a hyphen has no other form); a sender line
        // starts with `-` too, and making a string of each to compare cost an allocation.
        return line.trimmedWhitespace.utf8.elementsEqual("---".utf8)
    }

    /// `12. **[08-06 12:56]** subject` → (month, day, hour, minute, subject).
    static func messageEntry(_ line: Substring) -> (month: Int, day: Int, hour: Int, minute: Int, subject: String)? {
        guard startsWithDigit(line) else { return nil }
        return fixedEntry(line) ?? entryByCharacters(line)
    }

    /// `messageEntry` read character by character, for entries written any other way.
    static func entryByCharacters(
        _ line: Substring
    ) -> (month: Int, day: Int, hour: Int, minute: Int, subject: String)? {
        let digits = line.prefix(while: \.isASCIIDigit)
        guard !digits.isEmpty else { return nil }
        var rest = line.dropFirst(digits.count)
        guard rest.hasASCIIPrefix(". **[") else { return nil }
        rest = rest.dropFirst(5)
        guard let close = rest.firstRange(ofASCII: "]**") else { return nil }
        let stamp = rest[..<close.lowerBound]
        let numbers = stamp.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" })
        guard numbers.count == 4, numbers.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCIIDigit } }) else {
            return nil
        }
        let values = numbers.map { Int($0)! }
        return (values[0], values[1], values[2], values[3], rest[close.upperBound...].trimmingWhitespace)
    }

    /// What follows an entry's number, a `0` standing for any digit.
    private static let entryPattern = Array(". **[00-00 00:00]**".utf8)
    private static let fullWidthColon = Array("：".utf8)

    /// `N. **[MM-DD HH:MM]**` exactly, read as bytes: nearly every entry is written so. Nil when
    /// the line is written otherwise, or a character may go on past the last `*`.
    static func fixedEntry(
        _ line: Substring
    ) -> (month: Int, day: Int, hour: Int, minute: Int, subject: String)? {
        let bytes = line.utf8
        let digits = bytes.prefix(while: isASCIIDigit).count
        guard digits > 0 else { return nil }
        let start = bytes.index(bytes.startIndex, offsetBy: digits)
        var values = [0, 0, 0, 0]
        var index = start
        for (position, expected) in entryPattern.enumerated() {
            guard index < bytes.endIndex else { return nil }
            let byte = bytes[index]
            if expected == UInt8(ascii: "0") {
                guard isASCIIDigit(byte) else { return nil }
                // After `. **[` (five bytes), each field is two digits and a separator.
                let field = (position - 5) / 3
                values[field] = values[field] * 10 + Int(byte - 0x30)
            } else if byte != expected {
                return nil
            }
            bytes.formIndex(after: &index)
        }
        guard line.isCharacterBoundary(index) else { return nil }
        return (values[0], values[1], values[2], values[3], line[index...].trimmingWhitespace)
    }

    /// A line whose first character is an ASCII digit starts with its byte: the others are
    /// turned away without looking at characters.
    private static func startsWithDigit(_ line: Substring) -> Bool { line.utf8.first.map(isASCIIDigit) ?? false }

    /// Whether a line starts a message entry, even a malformed one (`3. **[…`).
    static func looksLikeMessageEntry(_ line: Substring) -> Bool {
        guard startsWithDigit(line) else { return false }
        let digits = line.prefix(while: \.isASCIIDigit)
        return !digits.isEmpty && line.dropFirst(digits.count).hasASCIIPrefix(". **")
    }

    /// `   - 发件人: Name <addr>` → `Name <addr>`.
    static func senderText(_ line: Substring) -> String? {
        guard let first = line.firstNonSpaceByte, first == UInt8(ascii: "-") || first >= 0x80 else { return nil }
        if let text = fixedSenderText(line) { return text }
        let trimmed = line.trimmingWhitespace
        guard trimmed.hasPrefix("- ") else { return nil }
        let rest = trimmed.dropFirst(2)
        guard rest.hasPrefix("发件人") else { return nil }
        let value = rest.dropFirst("发件人".count).drop(while: { $0 == ":" || $0 == "：" || $0.isSpace })
        return String(value)
    }

    /// `senderText` over bytes, for a line that starts with ASCII spaces, `- 发件人` and a colon
    /// or spaces each a character of its own; nil for any other line.
    private static func fixedSenderText(_ line: Substring) -> String? {
        let bytes = line.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex, isASCIISpace(bytes[index]) { bytes.formIndex(after: &index) }
        for expected in "- 发件人".utf8 {
            guard index < bytes.endIndex, bytes[index] == expected else { return nil }
            bytes.formIndex(after: &index)
        }
        while index < bytes.endIndex, line.isCharacterBoundary(index) {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") || isASCIISpace(byte) {
                bytes.formIndex(after: &index)
            } else if bytes[index...].starts(with: fullWidthColon) {
                index = bytes.index(index, offsetBy: fullWidthColon.count)
            } else {
                break
            }
        }
        guard line.isCharacterBoundary(index) else { return nil }
        return line[index...].trimmingWhitespace
    }
}
