// SVGCharts draws charts as inline SVG strings: no JavaScript, no fixed width or height
// (the site's CSS sets `width: 100%`), colours from CSS custom properties, text in
// `currentColor` so dark mode follows the page.
//
// Sizing. An SVG scaled to the page shrinks its text with it: a `fontSize` in a viewBox
// `width` units wide shows at `fontSize * displayWidth / width` pixels. To keep every label
// at 12 px or more on a 375 px phone, fontSize / width must be at least 12 / 375 = 0.032.
// `ChartLayout.standard` uses a 600-unit viewBox with 20-unit text (ratio 0.0333): 12.5 px at
// 375 px, 42.7 px at 1280 px. Large text on desktop is the price of one SVG working on both;
// `ChartStyle.css` caps charts at 45rem wide, which keeps desktop text near 24 px.
// Labels are placed by estimated text width (`TextMetrics`) and dropped or truncated rather
// than allowed to overlap. The sparkline is the exception to the 600-unit rule: it is drawn
// at its own small size and `ChartStyle.css` displays it at that size (240 px).

/// Identifies one chart in the page and describes it to assistive technology.
public struct ChartInfo: Sendable, Equatable {
    /// Prefix for the ids of `<title>` and `<desc>`; reduced to `[A-Za-z0-9_-]`.
    public var idPrefix: String
    public var title: String
    public var description: String

    public init(idPrefix: String, title: String, description: String) {
        self.idPrefix = idPrefix
        self.title = title
        self.description = description
    }
}

/// The viewBox width and the font size, in SVG user units. Heights of charts whose height
/// follows their content (ranked bars, heatmap) are computed; `height` applies to the others.
public struct ChartLayout: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var fontSize: Double

    public init(width: Double, height: Double, fontSize: Double) {
        self.width = width
        self.height = height
        self.fontSize = fontSize
    }

    /// Legible (≥ 12 px) at any display width from 375 px up.
    public static let standard = ChartLayout(width: 600, height: 360, fontSize: 20)

    /// The narrowest display width, in CSS pixels, at which text is still 12 px.
    public var minimumLegibleDisplayWidth: Double { 12 * width / fontSize }
}

/// Axis titles; an empty string draws no title.
public struct AxisLabels: Sendable, Equatable {
    public var x: String
    public var y: String

    public init(x: String, y: String) {
        self.x = x
        self.y = y
    }
}

/// One value for one ISO week, `week` spelled `YYYY-Www`.
public struct WeekValue: Sendable, Equatable {
    public var week: String
    public var value: Double

    public init(week: String, value: Double) {
        self.week = week
        self.value = value
    }
}

/// Several values (one per category) for one ISO week.
public struct WeekValues: Sendable, Equatable {
    public var week: String
    public var values: [Double]

    public init(week: String, values: [Double]) {
        self.week = week
        self.values = values
    }
}

/// A value with a text label (a ranked bar, a sparkline point).
public struct LabeledValue: Sendable, Equatable {
    public var label: String
    public var value: Double

    public init(label: String, value: Double) {
        self.label = label
        self.value = value
    }
}

/// What every chart offers: the SVG and its data as a table.
public protocol Chart: Sendable {
    /// The complete `<svg>` element.
    func svg() -> String
    /// The chart's data, one row per mark group, for CSV and HTML tables.
    var table: DataTable { get }
}

extension Chart {
    /// The data as RFC 4180 CSV.
    public func csv() -> String { table.csv() }

    /// The data as an escaped HTML `<table>`, for a `<details>` element.
    public func htmlTable(caption: String? = nil) -> String { table.html(caption: caption) }
}
