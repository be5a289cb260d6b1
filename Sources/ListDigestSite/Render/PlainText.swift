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
        var sentence = Sentence()
        var inTag = false
        let scalars = html.unicodeScalars
        // The last character read is whole only if the next scalar starts another.
        func wholeAt(_ index: String.Index) -> Bool { index == scalars.endIndex || scalars[index].standsAlone }
        var index = scalars.startIndex
        while index < scalars.endIndex, !sentence.isFull {
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
                sentence.addSpace()
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
                sentence.addSpace()
            } else if sentence.add(Character(scalar)) {
                return wholeAt(index) ? sentence.text : nil
            }
        }
        return wholeAt(index) ? sentence.cut : nil
    }

    /// `firstSentence` read character by character, as Unicode tells them apart.
    static func firstSentence(ofCharacters html: String) -> String {
        var sentence = Sentence()
        var inTag = false
        var index = html.startIndex
        while index < html.endIndex, !sentence.isFull {
            var character = html[index]
            index = html.index(after: index)
            if inTag {
                if isOnly(character, ">") { inTag = false }
                continue
            }
            if isOnly(character, "<") {
                inTag = true
                sentence.addSpace()
                continue
            }
            if isOnly(character, "&"),
                let (entity, decoded) = entities.first(where: { html[html.index(before: index)...].hasPrefix($0.0) })
            {
                character = decoded
                index = html.index(index, offsetBy: entity.count - 1)
            }
            if character.isSpace {
                sentence.addSpace()
            } else if sentence.add(character) {
                return sentence.text
            }
        }
        return sentence.cut
    }

    /// A first sentence as its characters come, however they are read: white space (and a tag)
    /// between two characters becomes one space, and a stop ends it once it is over 20
    /// characters long.
    private struct Sentence {
        private(set) var text = ""
        private var count = 0
        private var pendingSpace = false

        var isFull: Bool { count >= maximumLength }

        /// The text, cut with an ellipsis when it reached the maximum length without an end.
        var cut: String { isFull ? String(text.prefix(maximumLength - 1)) + "…" : text }

        /// A space before the next character, if one came before it.
        mutating func addSpace() { pendingSpace = true }

        /// Adds a character that is not white space; true when it ends the sentence.
        mutating func add(_ character: Character) -> Bool {
            if pendingSpace && count > 0 {
                text.append(" ")
                count += 1
            }
            pendingSpace = false
            text.append(character)
            count += 1
            return endsSentence(character) && count > 20
        }
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
