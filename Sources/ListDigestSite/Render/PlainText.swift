import ListDigestCore

/// Text for meta tags from rendered HTML: tags dropped, the entities libcmark writes decoded
/// (the templates escape it again), white space collapsed.
enum PlainText {
    static let maximumLength = 200
    private static let entities: [(String, Character)] = [
        ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&"),
    ]

    /// The first sentence (at least 20 characters long), read in one pass that stops there.
    static func firstSentence(ofHTML html: String) -> String {
        firstSentence(ofScalars: html) ?? firstSentence(ofCharacters: html)
    }

    /// `firstSentence` read scalar by scalar, when each scalar it reads (and the one after it)
    /// is a character of its own (`Unicode.Scalar.standsAlone`); nil when one may not be.
    /// Summaries are ASCII and Chinese, and telling characters apart was most of the time a
    /// sentence took.
    static func firstSentence(ofScalars html: String) -> String? {
        var sentence = String.UnicodeScalarView()
        var count = 0
        var inTag = false
        var pendingSpace = false
        let scalars = html.unicodeScalars
        // The last character read is whole only if the next scalar starts another.
        func wholeAt(_ index: String.Index) -> Bool { index == scalars.endIndex || scalars[index].standsAlone }
        var index = scalars.startIndex
        while index < scalars.endIndex, count < maximumLength {
            var scalar = scalars[index]
            guard scalar.standsAlone else { return nil }
            let start = index
            index = scalars.index(after: index)
            if inTag {
                if scalar == ">" { inTag = false }
                continue
            }
            if scalar == "<" {
                inTag = true
                pendingSpace = true
                continue
            }
            // The entities are ASCII: matched as bytes, they match as characters.
            if scalar == "&",
                let (entity, decoded) = entities.first(where: { html.utf8[start...].starts(with: $0.0.utf8) })
            {
                scalar = decoded.unicodeScalars.first!
                index = html.utf8.index(start, offsetBy: entity.utf8.count)
            }
            // The only white space that stands alone.
            if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\u{3000}" {
                pendingSpace = true
                continue
            }
            if pendingSpace && count > 0 {
                sentence.append(" ")
                count += 1
            }
            pendingSpace = false
            sentence.append(scalar)
            count += 1
            if endsSentence(Character(scalar)), count > 20 { return wholeAt(index) ? String(sentence) : nil }
        }
        guard wholeAt(index) else { return nil }
        return count >= maximumLength ? String(String(sentence).prefix(maximumLength - 1)) + "…" : String(sentence)
    }

    /// `firstSentence` read character by character, as Unicode tells them apart.
    static func firstSentence(ofCharacters html: String) -> String {
        var sentence = ""
        var count = 0
        var inTag = false
        var pendingSpace = false
        var index = html.startIndex
        while index < html.endIndex, count < maximumLength {
            var character = html[index]
            index = html.index(after: index)
            if inTag {
                if isOnly(character, ">") { inTag = false }
                continue
            }
            if isOnly(character, "<") {
                inTag = true
                pendingSpace = true
                continue
            }
            if isOnly(character, "&"),
                let (entity, decoded) = entities.first(where: { html[html.index(before: index)...].hasPrefix($0.0) })
            {
                character = decoded
                index = html.index(index, offsetBy: entity.count - 1)
            }
            if character.isSpace {
                pendingSpace = true
                continue
            }
            if pendingSpace && count > 0 {
                sentence.append(" ")
                count += 1
            }
            pendingSpace = false
            sentence.append(character)
            count += 1
            if endsSentence(character), count > 20 { return sentence }
        }
        return count >= maximumLength ? String(sentence.prefix(maximumLength - 1)) + "…" : sentence
    }

    // Characters compared as the one scalar they must be (none of these has another form that
    // is canonically equivalent): comparing or hashing them as characters normalises them first.

    private static func isOnly(_ character: Character, _ scalar: Unicode.Scalar) -> Bool {
        let scalars = character.unicodeScalars
        return scalars.first == scalar && scalars.count == 1
    }

    private static func endsSentence(_ character: Character) -> Bool {
        let scalars = character.unicodeScalars
        switch scalars.first {
        case "。", "！", "？", ".", "!", "?": return scalars.count == 1
        default: return false
        }
    }
}
