import Testing

@testable import ListDigestSite

@Suite struct MarkdownRendererTests {
    @Test func rendersCommonMark() {
        let html = MarkdownRenderer.html("1. **原始补丁内容**：`perf` 的改动\n2. second")
        #expect(html == "<ol>\n<li><strong>原始补丁内容</strong>：<code>perf</code> 的改动</li>\n<li>second</li>\n</ol>\n")
    }

    @Test func dropsRawHTMLAndUnsafeURLs() {
        let html = MarkdownRenderer.html(
            "<script>alert(1)</script>\n\nhi <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://lore.kernel.org/)"
        )
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<a href=\"https://lore.kernel.org/\">b</a>"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func emptyAndInvalidInputRenderToSomethingSafe() {
        #expect(MarkdownRenderer.html("") == "")
        #expect(MarkdownRenderer.html("a\u{0}b").contains("a"))
    }
}
