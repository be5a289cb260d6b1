import Foundation
import Testing

@testable import ListDigestCore

@Suite struct SenderIdentityTests {
    /// The byte scan finds the same last ` via ` as Foundation's case-insensitive backwards
    /// search, in texts made of the pattern's letters in both cases, look-alikes, other scripts
    /// and a combining accent (when one may join the bytes found to a character, Foundation decides).
    @Test func lastViaIsWhereFoundationFindsIt() {
        let pieces = [" ", "v", "V", "i", "I", "a", "A", "x", "é", "中", "ı", " via ", " VIA ", "via", "\t", "\u{301}"]
        var generator = SeededRandom(seed: 11)
        var found = 0
        for _ in 0..<3_000 {
            let text = (0..<generator.below(16)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let expected = text.range(of: " via ", options: [.caseInsensitive, .backwards])?.lowerBound
            #expect(SenderIdentity.lastVia(in: text) == expected, "\(text.debugDescription)")
            if expected != nil { found += 1 }
        }
        #expect(found > 500)
        #expect(SenderIdentity.cleanName("Per Larsen via B4 Relay") == "Per Larsen")
        #expect(SenderIdentity.cleanName("Olivia Via Vian via  Foo VIA Bar") == "Olivia Via Vian via Foo")
        #expect(SenderIdentity.cleanName("Sylvia Viard") == "Sylvia Viard")
    }

    /// Names are cleaned as characters would clean them: ASCII ones are worked out on their
    /// bytes, and this is the character-by-character way they were cleaned before.
    @Test func namesAreCleanedAsCharactersCleanThem() {
        func reference(_ name: String) -> String {
            var name = name.trimmingWhitespace
            if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
                name = String(name.dropFirst().dropLast())
            }
            if let via = name.range(of: " via ", options: [.caseInsensitive, .backwards])?.lowerBound {
                name = String(name[..<via])
            }
            let commaParts = name.split(separator: ",", omittingEmptySubsequences: false)
            if commaParts.count == 2 {
                let last = commaParts[0].trimmingWhitespace
                let first = commaParts[1].trimmingWhitespace
                if !last.isEmpty, !first.isEmpty, !last.contains(" ") { name = "\(first) \(last)" }
            }
            return name.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let pieces = [
            "Upton", "Oliver", ",", ", ", " ", "  ", "\t", "\"", " via ", " VIA ", "B4 Relay", "x", "\r\n", "\n",
            "é", "Zoë", "中", ";", "via", "Per Larsen",
        ]
        var generator = SeededRandom(seed: 21)
        var swapped = 0
        for _ in 0..<4_000 {
            let name = (0..<generator.below(7)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let expected = reference(name)
            #expect(SenderIdentity.cleanName(name) == expected, "\(name.debugDescription)")
            if expected.hasSuffix(" Upton") && name.contains(",") { swapped += 1 }
        }
        #expect(swapped > 10)
        #expect(SenderIdentity.cleanName("\"Upton, Oliver\"") == "Oliver Upton")
    }

    /// ASCII names are lower-cased rather than folded by Foundation: the keys are the same.
    @Test func asciiNameKeysAreFoundationsFolding() {
        let pieces = ["Marc", "ZYNGIER", "o'Brien", "Jean-Luc", " ", ".", "  ", "A.", "x", "Q", "3", "_"]
        var generator = SeededRandom(seed: 12)
        for _ in 0..<2_000 {
            let name = (0..<generator.below(7)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .split(whereSeparator: { $0.isSpace || $0 == "." }).joined(separator: " ")
            #expect(SenderIdentity.nameKey(name) == folded, "\(name.debugDescription)")
        }
        #expect(SenderIdentity.nameKey("Élodie  Müller") == "elodie muller")
    }

    /// A name key is distinctive with two words or more (or a script past U+2E80), told from
    /// the bytes for ASCII keys as splitting the characters tells it.
    @Test func distinctiveKeysHaveTwoWords() {
        let pieces = ["marc", " ", "  ", "x", "\t", "é", "中", "\r\n"]
        var generator = SeededRandom(seed: 14)
        for _ in 0..<3_000 {
            let key = (0..<generator.below(6)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let expected = key.split(separator: " ").count >= 2 || key.unicodeScalars.contains { $0.value > 0x2E80 }
            #expect(SenderIdentity.isDistinctive(key) == expected, "\(key.debugDescription)")
        }
        #expect(SenderIdentity.isDistinctive("marc zyngier") && !SenderIdentity.isDistinctive(" marc "))
    }

    /// Bots are told by words in their name and address, searched as bytes: as Foundation's
    /// `contains` finds them.
    @Test func botsAreFoundAsFoundationFindsThem() {
        let pieces = [
            "bot", "Bot", " ", "syz", "test", "ro", "lkp@intel.com", "kernel", "ci", "-", "+", "@", "é", "中", "no",
            "reply", "x",
        ]
        var generator = SeededRandom(seed: 13)
        var bots = 0
        func reference(_ name: String, _ address: String) -> Bool {
            let address = address.lowercased()
            let name = " " + name.lowercased() + " "
            return [
                "lkp@intel.com", "patchwork-bot", "syzbot", "noreply", "no-reply", "ci_notify", "kernelci", "bot@",
                "-bot+",
            ]
            .contains { address.contains($0) }
                || ["test robot", "patchwork-bot", "syzbot", "kernelci", " bot", "bot "].contains { name.contains($0) }
                || name.trimmingWhitespace == "bot"
        }
        for _ in 0..<3_000 {
            let name = (0..<generator.below(5)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let address = (0..<generator.below(5)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let expected = reference(name, address)
            #expect(SenderIdentity.looksLikeBot(name: name, address: address) == expected, "\(name) <\(address)>")
            if expected { bots += 1 }
        }
        #expect(bots > 300)
    }
}
