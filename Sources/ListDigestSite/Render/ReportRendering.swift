import ListDigestCore

extension RenderedReport {
    /// `report` worked out for its pages, its summaries rendered from Markdown.
    init(rendering report: WeeklyReport) {
        self.init(report, summaries: report.threads.map { StoredText(MarkdownRenderer.html($0.summaryMarkdown)) })
    }

    /// `report` worked out for its pages, with its summaries as HTML (`summaries`, by thread).
    init(_ report: WeeklyReport, summaries: [StoredText]) {
        self.init(
            summaries: summaries,
            firstSentences: summaries.map { StoredText(PlainText.firstSentence(ofHTML: $0.text)) },
            anchors: ThreadAnchors.assign(report.threads), figures: WeekFigures(report))
    }

    /// Each of `reports` worked out for its pages, with its summaries as HTML
    /// (`summaries[report][thread]`).
    static func all(_ reports: [WeeklyReport], summaries: [[StoredText]]) -> [RenderedReport] {
        zip(reports, summaries).map { RenderedReport($0, summaries: $1) }
    }
}
