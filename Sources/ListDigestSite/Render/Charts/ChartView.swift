import SVGCharts

/// One chart as a page shows it (`chart.mustache`): a heading, a one-sentence takeaway computed
/// from the data, the inline SVG, its numbers as a table in `<details>`, and a CSV download.
struct ChartView {
    /// The figure's anchor, also the prefix of the SVG's `<title>`/`<desc>` ids.
    let id: String
    let heading: String
    /// `2` for `<h2>`, `3` for `<h3>`.
    let headingLevel: Int
    let takeaway: String
    /// Markup from SVGCharts, which escapes every text and attribute it writes.
    let svg: String
    /// An escaped `<table>` of the same numbers.
    let tableHTML: String
    /// Relative link to the chart's CSV file; nil when there is none.
    let csvURL: String?
    /// A small chart (sparkline) shown inline beside its takeaway.
    let inline: Bool

    init(
        id: String, heading: String, headingLevel: Int, takeaway: String, chart: any Chart,
        table: DataTable? = nil, csvURL: String? = nil, inline: Bool = false
    ) {
        self.id = id
        self.heading = heading
        self.headingLevel = headingLevel
        self.takeaway = takeaway
        svg = chart.svg()
        tableHTML = (table ?? chart.table).html(caption: heading)
        self.csvURL = csvURL
        self.inline = inline
    }
}

/// Sizes of the site's charts. Text stays at 12 px or more from 375 px up: every layout keeps
/// `fontSize / width` at least 12 / 375 (see SVGCharts).
enum ChartLayouts {
    /// The trends page's weekly charts.
    static let weekly = ChartLayout.standard
    /// A short weekly chart for the home and person pages.
    static let compact = ChartLayout(width: 600, height: 240, fontSize: 20)
}
