/// One value per ISO week drawn as bars, a filled area or a line, with a value axis and
/// month/quarter/year ticks. Points are placed one per band in the order given: pass one
/// point per consecutive week (zeros included) so distance on the axis is time.
public struct WeeklyChart: Chart {
    public enum Style: Sendable, Equatable {
        case bars
        case area
        case line
    }

    public var info: ChartInfo
    public var points: [WeekValue]
    /// What the values count, the CSV/table column header (e.g. "messages").
    public var seriesName: String
    /// Word after the number in tooltips (e.g. "messages").
    public var unit: String
    public var axes: AxisLabels
    public var style: Style
    public var layout: ChartLayout

    public init(
        info: ChartInfo, points: [WeekValue], seriesName: String, unit: String, axes: AxisLabels,
        style: Style = .bars, layout: ChartLayout = .standard
    ) {
        self.info = info
        self.points = points
        self.seriesName = seriesName
        self.unit = unit
        self.axes = axes
        self.style = style
        self.layout = layout
    }

    public var table: DataTable {
        DataTable(
            columns: ["week", seriesName], rows: points.map { [$0.week, NumberFormat.plain($0.value)] })
    }

    public func svg() -> String {
        let values = points.map(\.value)
        let maximum = values.filter(\.isFinite).max() ?? 0
        let scale = NiceScale(maximum: maximum, integerSteps: allIntegral(values))
        let frame = CartesianFrame(
            layout: layout, scale: scale, axes: axes, count: points.count, topInset: 0)
        let kind: String
        switch style {
        case .bars: kind = "chart-weekly chart-bars"
        case .area: kind = "chart-weekly chart-area"
        case .line: kind = "chart-weekly chart-line"
        }
        var svg = SVGWriter()
        svg.openRoot(
            info: info, width: layout.width, height: layout.height, kind: kind, fontSize: layout.fontSize)
        frame.drawValueAxis(&svg)
        frame.drawWeekAxis(&svg, weeks: points.map(\.week))
        if points.isEmpty {
            frame.drawEmptyNote(&svg)
        } else if style == .bars {
            drawBars(&svg, frame)
        } else {
            drawShape(&svg, frame)
        }
        svg.close("svg")
        return svg.output
    }

    private func drawBars(_ svg: inout SVGWriter, _ frame: CartesianFrame) {
        svg.open("g", ["class": "marks", "fill": Palette.seriesFill(0)])
        let width = frame.barWidth
        for (i, point) in points.enumerated() {
            let top = frame.y(point.value)
            svg.mark(
                x: frame.bandStart(i) + (frame.band - width) / 2, y: top, width: width, height: frame.bottom - top,
                label: point.week, value: point.value, unit: unit)
        }
        svg.close("g")
    }

    /// The area or line through band centres, then one invisible full-height mark per week
    /// that carries the tooltip.
    private func drawShape(_ svg: inout SVGWriter, _ frame: CartesianFrame) {
        var xs = points.indices.map { frame.bandStart($0) + frame.band / 2 }
        var ys = points.map { frame.y($0.value) }
        if points.count == 1 {
            // A lone point becomes a flat segment across its band so it is visible.
            xs = [frame.left, frame.right]
            ys = [ys[0], ys[0]]
        }
        let line = zip(xs, ys).map { "\(num($0)),\(num($1))" }.joined(separator: " L")
        if style == .area {
            let path =
                "M\(num(xs[0])),\(num(frame.bottom)) L\(line) L\(num(xs[xs.count - 1])),\(num(frame.bottom)) Z"
            svg.element(
                "path", ["class": "area", "d": path, "fill": Palette.seriesFill(0), "fill-opacity": "0.35"])
        }
        svg.element(
            "path",
            [
                "class": "line", "d": "M" + line, "fill": "none", "stroke": Palette.seriesFill(0),
                "stroke-width": num(layout.fontSize * 0.15), "stroke-linejoin": "round",
            ])
        svg.open("g", ["class": "marks", "fill": "currentColor", "fill-opacity": "0"])
        for (i, point) in points.enumerated() {
            svg.mark(
                x: frame.bandStart(i), y: frame.top, width: frame.band, height: frame.plotHeight, label: point.week,
                value: point.value, unit: unit)
        }
        svg.close("g")
    }
}
