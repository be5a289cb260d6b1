import Testing

@testable import SVGCharts

@Suite struct TextMetricsTests {
    /// Shortening measured each candidate anew: the reference the faster one must match.
    static func truncatedOneByOne(_ text: String, toWidth maxWidth: Double, fontSize: Double) -> String {
        if TextMetrics.width(text, fontSize: fontSize) <= maxWidth { return text }
        var characters = Array(text)
        while !characters.isEmpty {
            characters.removeLast()
            var trimmed = Substring(String(characters))
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            let candidate = String(trimmed) + "…"
            if TextMetrics.width(candidate, fontSize: fontSize) <= maxWidth { return candidate }
        }
        return TextMetrics.width("…", fontSize: fontSize) <= maxWidth ? "…" : ""
    }

    @Test func aLongLabelIsCutAtAWordsEndWithAnEllipsis() {
        let label = "KVM: arm64: Allow userspace to change the implementation ID registers"
        let cut = TextMetrics.truncate(label, toWidth: 200, fontSize: 12)
        #expect(cut.hasSuffix("…") && label.hasPrefix(String(cut.dropLast())))
        #expect(TextMetrics.width(cut, fontSize: 12) <= 200)
        #expect(TextMetrics.width(String(label.prefix(cut.count)) + "…", fontSize: 12) > 200)
        #expect(TextMetrics.truncate("short", toWidth: 200, fontSize: 12) == "short")
        #expect(TextMetrics.truncate("wide", toWidth: 5, fontSize: 12) == "")
        #expect(TextMetrics.truncate("a   b", toWidth: 24, fontSize: 12) == "a…")
    }

    /// Widths compared exactly, so the prefix sums must add up as `width` does.
    @Test func cutsAsMeasuringEachCandidateWould() {
        let pieces = ["a", "W", " ", "  ", "i", "中", "é", "e\u{301}", "👍🏽", "…", "-", "KVM: ", "x86"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            let fontSize = [10.0, 12.0, 13.5, 20.0].randomElement(using: &generator)!
            let maxWidth = Double.random(in: 0...250, using: &generator)
            #expect(
                TextMetrics.truncate(text, toWidth: maxWidth, fontSize: fontSize)
                    == Self.truncatedOneByOne(text, toWidth: maxWidth, fontSize: fontSize),
                "\(text) at \(maxWidth)")
        }
    }
}
