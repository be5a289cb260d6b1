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
}
