import ListDigestCore
import Testing

@testable import ListDigestSite

@Suite struct XMLTextTests {
    /// Escaping as the rules say it, scalar by scalar, with no shortcut.
    private func reference(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(XMLText.isAllowed(scalar) ? scalar : "\u{FFFD}")
            }
        }
        return escaped
    }

    /// Text that needs no work is passed through whole after a scan of its bytes: whatever the
    /// offset of the character that needs work, and whatever the length, it is found.
    @Test func everyCharacterThatNeedsWorkIsFoundAtEveryOffset() {
        let needingWork = ["&", "<", ">", "\"", "'", "\u{00}", "\u{01}", "\u{1F}", "\u{7F}", "\u{FFFE}", "\u{FFFF}"]
        // Full-width punctuation and U+FFFD start with 0xEF, as U+FFFE and U+FFFF do.
        let harmless = ["\t", "\n", "\r", " ", "é", "中", "，", "：", "\u{F900}", "\u{FEFF}", "\u{FFFD}", "😀", "~"]
        for special in needingWork + harmless {
            for before in 0..<18 {
                for after in [0, 1, 6, 7, 8, 9, 15] {
                    let text = String(repeating: "a", count: before) + special + String(repeating: "b", count: after)
                    #expect(XMLText.escape(text) == reference(text), "\(before) \(special.unicodeScalars.first!.value)")
                    var bytes: [UInt8] = []
                    XMLText.append(text, escapedTo: &bytes)
                    #expect(String(decoding: bytes, as: UTF8.self) == reference(text))
                }
            }
        }
        let plain = "KVM: arm64: Rework timer offsets (v5) — 中文 summary, no markup at all here"
        #expect(XMLText.escape(plain) == plain)
    }

    /// Texts of characters on either side of every byte the scan tests for (0x1F/0x20,
    /// 0x21/0x22/0x23, 0x25/0x26/0x27/0x28, 0x3B/0x3C/0x3D/0x3E/0x3F, 0xEE/0xEF/0xF0 lead
    /// bytes), half of them with one character that needs work put anywhere, come out as the
    /// rules say: a text is passed whole only when nothing in it needs work.
    @Test func mixedTextsComeOutAsTheRulesSay() {
        let harmless = [
            " ", "!", "#", "%", "(", ";", "=", "?", "a", "\u{7F}", "é", "\u{E000}", "，", "\u{FFFD}", "\u{10000}",
            "\n", "\t",
        ]
        let needingWork = ["\u{1F}", "\"", "&", "'", "<", ">", "\u{FFFE}", "\u{FFFF}", "\u{0}"]
        var generator = SeededRandom(seed: 5)
        for _ in 0..<4_000 {
            var pieces = (0..<generator.below(40)).map { _ in harmless[generator.below(harmless.count)] }
            if generator.below(2) == 0 {
                pieces.insert(needingWork[generator.below(needingWork.count)], at: generator.below(pieces.count + 1))
            }
            let text = pieces.joined()
            #expect(XMLText.escape(text) == reference(text))
            var bytes: [UInt8] = []
            XMLText.append(text, escapedTo: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == reference(text))
        }
    }
}
