import Testing

@testable import ListDigestCore

@Suite struct CharacterClassesTests {
    /// The ASCII fast paths give what Unicode's properties give, for every scalar (the fast
    /// path only ever sees one-scalar characters and CR LF).
    @Test func fastPathsAgreeWithUnicodeProperties() {
        var characters = (0...0x10FFFF).compactMap(Unicode.Scalar.init).map(Character.init)
        characters += ["\r\n", " \u{301}", "a\u{301}", "1\u{20E3}", "\u{3000}"]
        var disagreements: [String] = []
        for character in characters {
            if character.isSpace != character.isWhitespace
                || character.isLetterOrNumber != (character.isLetter || character.isNumber)
            {
                disagreements.append(
                    character.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " "))
            }
        }
        #expect(disagreements.isEmpty)
        #expect(Character("\t").isSpace && Character("\r\n").isSpace && !Character("\u{1C}").isSpace)
        #expect(Character("Z").isLetterOrNumber && Character("7").isLetterOrNumber && !Character("_").isLetterOrNumber)
    }

    /// Words joined by single spaces, read as bytes for ASCII text, are what splitting the
    /// characters at spaces (and at the extra separator) and joining them make, lower-cased or not.
    @Test func joinedWordsAreTheSplitCharactersJoined() {
        let pieces = [
            "Marc", "ZYNGIER", " ", "  ", "\t", "\r\n", "\n", ".", "a.b", "É", "e\u{301}", "\u{3000}", "中", "_",
        ]
        var generator = SeededRandom(seed: 21)
        for round in 0..<3_000 {
            let text = (0..<generator.below(8)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let extra: Character? = round % 3 == 0 ? nil : (round % 3 == 1 ? "." : "中")
            for lowercased in [false, true] {
                let expected = (lowercased ? text.lowercased() : text)
                    .split(whereSeparator: { $0.isWhitespace || $0 == extra }).joined(separator: " ")
                #expect(
                    text.joinedWords(lowercased: lowercased, alsoAt: extra) == expected,
                    "\(text.debugDescription) \(lowercased) \(String(describing: extra))")
            }
        }
        #expect(" Marc \t ZYNGIER\r\n".joinedWords(lowercased: true) == "marc zyngier")
        #expect("A.  B.".joinedWords(alsoAt: ".") == "A B")
    }

    /// A scalar that stands alone is a character of its own beside any scalar that stands
    /// alone, and beside scalars that are characters of their own anyway, as Unicode's grapheme
    /// rules (the standard library's characters) say; the scalars that pair up or attach are not in.
    @Test func scalarsThatStandAloneAreCharactersOfTheirOwn() {
        let standing = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter(\.standsAlone)
        #expect(standing.count > 20_000)
        let neighbours: [Unicode.Scalar] = ["a", " ", "\n", "\t", "。", "中", "，", "“", "—", "\u{3000}", "🐧", "~"]
        var joined: [String] = []
        for scalar in standing {
            for neighbour in neighbours {
                for pair in [[scalar, neighbour], [neighbour, scalar]] {
                    let text = String(String.UnicodeScalarView(pair))
                    if text.count != 2 {
                        joined.append(pair.map { String($0.value, radix: 16) }.joined(separator: " "))
                    }
                }
            }
        }
        #expect(joined.isEmpty, "\(joined.prefix(20))")
        let pairing: [Unicode.Scalar] = [
            "\r", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{302A}", "\u{1100}", "\u{1F1FA}", "\u{600}",
        ]
        #expect(pairing.allSatisfy { !$0.standsAlone })
    }
}
