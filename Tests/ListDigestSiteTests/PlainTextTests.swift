import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

/// The first sentence of a summary, which series pages, their link previews and the search index show.
@Suite struct PlainTextTests {
    @Test func tagsAreDroppedEntitiesDecodedAndSpaceCollapsed() {
        let html =
            "<p>The <code>kvm_mmu</code> &amp; <em>TDP</em> \n\t code\u{A0}&lt;now&gt; takes \"locks\" in order. More.</p>"
        #expect(PlainText.firstSentence(ofHTML: html) == "The kvm_mmu & TDP code <now> takes \"locks\" in order.")
    }

    @Test func chineseSentencesEndAtTheirOwnMarks() {
        let html = "<p>本邮件线程讨论了针对 KVM 的一个补丁系列，主要目的是改进 arm64 架构下的虚拟化支持。作者回应称。</p>"
        #expect(PlainText.firstSentence(ofHTML: html) == "本邮件线程讨论了针对 KVM 的一个补丁系列，主要目的是改进 arm64 架构下的虚拟化支持。")
        #expect(PlainText.firstSentence(ofHTML: "<p>真的吗！这是第一句话，它已经超过了二十个字符了吗？还有。</p>") == "真的吗！这是第一句话，它已经超过了二十个字符了吗？")
    }

    @Test func aSentenceIsAtLeastTwentyCharactersLong() {
        #expect(
            PlainText.firstSentence(ofHTML: "<p>v2. Fixes the race in the exit path. Then more.</p>")
                == "v2. Fixes the race in the exit path.")
    }

    @Test func aStopWithACombiningMarkIsNoStop() {
        // "?" with a combining mark is another character, not a question mark: the sentence goes on.
        let html = "<p>Does this end here?\u{301} No, it goes on to here. Then more.</p>"
        #expect(PlainText.firstSentence(ofHTML: html) == "Does this end here?\u{301} No, it goes on to here.")
        #expect(PlainText.firstSentence(ofHTML: "<p>a <b>&amp;&lt;</b> b</p>") == "a &< b")
    }

    @Test func aLongTextWithoutAnEndIsCutWithAnEllipsis() {
        let words = String(repeating: "word ", count: 100)
        let sentence = PlainText.firstSentence(ofHTML: "<p>\(words)</p>")
        #expect(sentence == String(repeating: "word ", count: 39) + "word…")
        #expect(sentence.count == PlainText.maximumLength)
        #expect(PlainText.firstSentence(ofHTML: "<p>short</p>") == "short")
    }

    /// Read scalar by scalar, a sentence is the one read character by character, or the scalar
    /// reading gives up: for every summary of the corpus, and for HTML put together from pieces
    /// that combine (marks, CR LF, Hangul, flags, joiners) between ones that stand alone.
    @Test func scalarsGiveWhatCharactersGive() async throws {
        var htmls: [String] = []
        if Corpus.isPresent {
            let archive = try await ArchiveLoader.load(folder: Corpus.folder)
            htmls += archive.reports.flatMap(\.threads).map { MarkdownRenderer.html($0.summaryMarkdown) }
        }
        let pieces = [
            "<p>", "</p>", "<em>", "</em>", "&amp;", "&lt;", "&#39;", "&", "&amp", "。", "，", "中文", "KVM", " ", "\n",
            ".", "?", "!", "！", "？", "“", "”", "…", "\u{3000}", "word word word ", "\u{301}", "\r\n", "\r", "한",
            "\u{1F1FA}\u{1F1F8}", "\u{200D}", "\u{FE0F}", "e\u{301}", "\u{302A}", "\u{600}", "\t",
        ]
        var generator = SeededRandom(seed: 9)
        for _ in 0..<6_000 {
            let count = generator.below(70)
            // Mostly pieces that stand alone, so that many texts are read by scalars to the end.
            htmls.append(
                (0..<count).map { _ in pieces[generator.below(generator.below(4) == 0 ? pieces.count : 19)] }.joined())
        }
        var byScalars = 0
        for html in htmls {
            let characters = PlainText.firstSentence(ofCharacters: html)
            #expect(PlainText.firstSentence(ofHTML: html) == characters)
            if let scalars = PlainText.firstSentence(ofScalars: html) {
                byScalars += 1
                #expect(scalars == characters, "\(Array(html.unicodeScalars))")
            }
        }
        #expect(byScalars > htmls.count / 3, "\(byScalars) of \(htmls.count)")
    }
}
