/// Parses RFC 2822 dates as mail headers write them:
/// `Wed,  6 Aug 2025 12:56:22 -0700`, `6 Aug 2025 12:56 +0000 (UTC)`, `… GMT`.
enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let namedZones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    ]

    static func parse(_ text: String) -> ZonedDateTime? {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return parse(tokens: characterTokens(text)) }
        var ascii = text
        return ascii.withUTF8(parseASCII)
    }

    /// The words of `text`, lower-cased: what `parse` reads.
    static func characterTokens(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isSpace }).map { $0.lowercased() }
    }

    /// `parse(tokens: characterTokens(text))` for an ASCII text, read from its bytes: splitting
    /// by characters and making a string of every word was most of the time a date took.
    static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> ZonedDateTime? {
        var words = bytes.split(whereSeparator: isASCIISpace)
        while let last = words.last, last.first == UInt8(ascii: "(") { words.removeLast() }
        if let first = words.first, first.last == UInt8(ascii: ",") { words.removeFirst() }
        guard words.count == 5,
            let day = integer(words[0]),
            let monthIndex = months.firstIndex(where: {
                $0.utf8.elementsEqual(words[1].prefix(3).lazy.map(asciiLowercased))
            }),
            let writtenYear = integer(words[2]),
            let date = CivilDate(year: fourDigitYear(writtenYear), month: monthIndex + 1, day: day)
        else { return nil }
        let clock = words[3].split(separator: UInt8(ascii: ":")).map(integer)
        guard (2...3).contains(clock.count), !clock.contains(nil),
            let local = LocalDateTime(
                date: date, hour: clock[0]!, minute: clock[1]!, second: clock.count == 3 ? clock[2]! : 0),
            let offset = zoneOffset(String(decoding: words[4].lazy.map(asciiLowercased), as: UTF8.self))
        else { return nil }
        return ZonedDateTime(local: local, utcOffsetMinutes: offset)
    }

    /// `Int` of the word's text (a sign and digits), a short word's text made without allocating.
    private static func integer(_ word: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        Int(String(decoding: word, as: UTF8.self))
    }

    /// The date the lower-cased words of a text (`characterTokens`) give.
    static func parse(tokens: [String]) -> ZonedDateTime? {
        var tokens = tokens
        // A trailing comment such as "(PDT)".
        while let last = tokens.last, last.hasPrefix("(") { tokens.removeLast() }
        if let first = tokens.first, first.hasSuffix(",") { tokens.removeFirst() }
        guard tokens.count == 5,
            let day = Int(tokens[0]),
            let monthIndex = months.firstIndex(of: String(tokens[1].prefix(3))),
            let writtenYear = Int(tokens[2]),
            let date = CivilDate(year: fourDigitYear(writtenYear), month: monthIndex + 1, day: day)
        else { return nil }
        let clock = tokens[3].split(separator: ":").map { Int($0) }
        guard (2...3).contains(clock.count), !clock.contains(nil),
            let local = LocalDateTime(
                date: date, hour: clock[0]!, minute: clock[1]!, second: clock.count == 3 ? clock[2]! : 0),
            let offset = zoneOffset(tokens[4])
        else { return nil }
        return ZonedDateTime(local: local, utcOffsetMinutes: offset)
    }

    /// RFC 2822 obsolete two-digit years: 00–49 are 20xx, 50–99 are 19xx.
    private static func fourDigitYear(_ year: Int) -> Int {
        guard year < 100 else { return year }
        return year < 50 ? 2000 + year : 1900 + year
    }

    private static func zoneOffset(_ zone: String) -> Int? {
        if let named = namedZones[zone] { return named }
        guard zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
            zone.dropFirst().allSatisfy(\.isASCIIDigit), let value = Int(zone.dropFirst())
        else { return nil }
        let minutes = value / 100 * 60 + value % 100
        return sign == "-" ? -minutes : minutes
    }
}
