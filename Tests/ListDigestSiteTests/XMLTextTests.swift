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
        let harmless = ["\t", "\n", "\r", " ", "é", "中", "\u{FEFF}", "\u{FFFD}", "😀", "~"]
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
}
