/// Weekly bars split by category, stacked in the caller's category order (first at the
/// bottom), with a text legend. At most six series are drawn: with more than six categories
/// the first five keep their colours and the rest are summed into `otherLabel`. A caller that
/// folds categories itself passes `otherLabel` as the last category; it is drawn as Other (grey).
public struct StackedWeeklyChart: Chart {
    public static let maximumSeries = 6

    public var info: ChartInfo
    public var unit: String
    public var axes: AxisLabels
    public var layout: ChartLayout
    /// Series names after folding extra categories into "Other".
    public let series: [String]
    /// One entry per point: its week and one value per series (missing values are 0).
    public let points: [WeekValues]
    private let hasOther: Bool

    public init(
        info: ChartInfo, categories: [String], points: [WeekValues], unit: String, axes: AxisLabels,
        otherLabel: String = "Other", layout: ChartLayout = .standard
    ) {
        self.info = info
        self.unit = unit
        self.axes = axes
        self.layout = layout
        let fold = categories.count > Self.maximumSeries
        let kept = fold ? Self.maximumSeries - 1 : categories.count
        series = Array(categories.prefix(kept)) + (fold ? [otherLabel] : [])
        hasOther = fold || (categories.count > 1 && categories.last == otherLabel)
        self.points = points.map { point in
            var values = (0..<categories.count).map { $0 < point.values.count ? point.values[$0] : 0 }
            if fold { values = Array(values.prefix(kept)) + [values.dropFirst(kept).reduce(0, +)] }
            return WeekValues(week: point.week, values: values)
        }
    }

    public var table: DataTable {
        DataTable(
            columns: ["week"] + series,
            rows: points.map { [$0.week] + $0.values.map(NumberFormat.plain) })
    }

    private func fill(_ index: Int) -> String {
        hasOther && index == series.count - 1 ? Palette.otherFill : Palette.seriesFill(index)
    }

    public func svg() -> String {
        let fs = layout.fontSize
        let totals = points.map { $0.values.reduce(0) { $0 + (($1.isFinite && $1 > 0) ? $1 : 0) } }
        let scale = NiceScale(
            maximum: totals.max() ?? 0, integerSteps: allIntegral(points.flatMap(\.values)))
        let legend = Legend(
            items: series.indices.map { Legend.Item(label: series[$0], fill: fill($0)) },
            fontSize: fs, left: fs * 0.2, right: layout.width - fs * 0.2)
        let legendSpace = legend.rows > 0 ? legend.height + fs * 0.4 : 0
        let frame = CartesianFrame(
            layout: layout, scale: scale, axes: axes, count: points.count, topInset: legendSpace)

        var svg = SVGWriter()
        svg.openRoot(
            info: info, width: layout.width, height: layout.height, kind: "chart-weekly chart-stacked",
            fontSize: fs)
        legend.draw(&svg, top: 0)
        frame.drawValueAxis(&svg)
        frame.drawWeekAxis(&svg, weeks: points.map(\.week))
        if points.isEmpty { frame.drawEmptyNote(&svg) }
        svg.open("g", ["class": "marks"])
        let width = frame.barWidth
        for (i, point) in points.enumerated() {
            svg.open("g", ["class": "stack", "data-week": point.week])
            let x = frame.bandStart(i) + (frame.band - width) / 2
            var base = 0.0
            for (s, value) in point.values.enumerated() {
                let top = base + (value.isFinite && value > 0 ? value : 0)
                let y0 = frame.y(base)
                let y1 = frame.y(top)
                svg.mark(
                    x: x, y: y1, width: width, height: y0 - y1, fill: fill(s), labelAttribute: "data-series",
                    label: series[s], value: value, unit: unit, tooltipPrefix: point.week)
                base = top
            }
            svg.close("g")
        }
        svg.close("g")
        svg.close("svg")
        return svg.output
    }
}
