/// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), used as
/// CSS custom properties with the light colour as fallback so charts work without the CSS.
public enum Palette {
    /// Series colours in the order categories receive them.
    static let series = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9"]
    /// Dark mode swaps the deep blue for sky blue, which stays visible on a dark page.
    static let seriesDark = ["#56B4E9", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#0072B2"]
    static let other = "#8C8C8C"
    static let otherDark = "#9A9A9A"
    /// Heatmap buckets: neutral for zero, then a single-hue blue ramp (order by lightness,
    /// which every reader can see).
    static let heat = ["#EBEDF0", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B"]
    static let heatDark = ["#2D333B", "#0E4A7B", "#2171B5", "#6BAED6", "#C6DBEF"]

    /// `var(--chart-N, #hex)` for series `index` (0-based); wraps past the sixth colour.
    public static func seriesFill(_ index: Int) -> String { seriesFills[index % seriesFills.count] }

    /// Made once: charts ask for a fill for every mark they draw.
    private static let seriesFills = series.indices.map { "var(--chart-\($0 + 1), \(series[$0]))" }

    public static let otherFill = "var(--chart-other, \(other))"

    /// `var(--chart-heat-N, #hex)` for bucket 0 (zero) … 4 (highest).
    public static func heatFill(_ bucket: Int) -> String {
        let i = min(max(bucket, 0), heat.count - 1)
        return "var(--chart-heat-\(i), \(heat[i]))"
    }
}

/// CSS for the site's stylesheet: palette variables, dark-mode variants, sizing.
public enum ChartStyle {
    public static let css: String = {
        func variables(_ series: [String], _ other: String, _ heat: [String], indent: String) -> String {
            var lines: [String] = []
            for (i, colour) in series.enumerated() {
                lines.append("\(indent)--chart-\(i + 1): \(colour);")
            }
            lines.append("\(indent)--chart-other: \(other);")
            for (i, colour) in heat.enumerated() {
                lines.append("\(indent)--chart-heat-\(i): \(colour);")
            }
            return lines.joined(separator: "\n")
        }
        return """
            :root {
            \(variables(Palette.series, Palette.other, Palette.heat, indent: "  "))
            }
            @media (prefers-color-scheme: dark) {
              :root {
            \(variables(Palette.seriesDark, Palette.otherDark, Palette.heatDark, indent: "    "))
              }
            }
            svg.chart { display: block; width: 100%; height: auto; max-width: 45rem; }
            svg.chart-sparkline { display: inline-block; width: 240px; max-width: 100%; vertical-align: middle; }
            svg.chart .mark:hover { opacity: 0.75; }

            """
    }()
}
