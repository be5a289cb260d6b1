/// A small line without axes, optionally with labelled vertical markers (e.g. "v5" at the
/// week a version shipped). Drawn at its own size, meant to be displayed at that size in CSS
/// pixels (`ChartStyle.css` does this), so `fontSize` is the displayed pixel size.
public struct Sparkline: Chart {
    public struct Marker: Sendable, Equatable {
        /// Index into `points`; markers outside the points are ignored.
        public var index: Int
        public var label: String

        public init(index: Int, label: String) {
            self.index = index
            self.label = label
        }
    }

    public var info: ChartInfo
    public var points: [LabeledValue]
    public var markers: [Marker]
    /// CSV/table header for the point labels (e.g. "week").
    public var labelHeader: String
    /// CSV/table header for the values (e.g. "messages").
    public var valueHeader: String
    public var unit: String
    public var width: Double
    public var height: Double
    public var fontSize: Double

    public init(
        info: ChartInfo, points: [LabeledValue], markers: [Marker] = [], labelHeader: String = "week",
        valueHeader: String, unit: String, width: Double = 240, height: Double = 40,
        fontSize: Double = 13
    ) {
        self.info = info
        self.points = points
        self.markers = markers
        self.labelHeader = labelHeader
        self.valueHeader = valueHeader
        self.unit = unit
        self.width = width
        self.height = height
        self.fontSize = fontSize
    }

    private var validMarkers: [Marker] {
        markers.filter { points.indices.contains($0.index) }.sorted { $0.index < $1.index }
    }

    public var table: DataTable {
        let markerColumn = !validMarkers.isEmpty
        let rows = points.enumerated().map { i, point in
            let row = [point.label, NumberFormat.plain(point.value)]
            guard markerColumn else { return row }
            return row + [validMarkers.filter { $0.index == i }.map(\.label).joined(separator: " ")]
        }
        return DataTable(
            columns: [labelHeader, valueHeader] + (markerColumn ? ["marker"] : []), rows: rows)
    }

    public func svg() -> String {
        let markers = validMarkers
        let pad = 2.0
        let labelRow = markers.isEmpty ? 0 : fontSize * 1.2
        let totalHeight = height + labelRow
        let plotTop = labelRow + pad
        let plotBottom = totalHeight - pad
        let step = points.count > 1 ? (width - 2 * pad) / Double(points.count - 1) : 0
        func x(_ i: Int) -> Double { points.count > 1 ? pad + Double(i) * step : width / 2 }
        let maximum = points.map(\.value).filter(\.isFinite).max() ?? 0
        func y(_ value: Double) -> Double {
            let fraction = maximum > 0 && value.isFinite ? min(max(value / maximum, 0), 1) : 0
            return plotBottom - fraction * (plotBottom - plotTop)
        }

        var svg = SVGWriter()
        svg.openRoot(
            info: info, width: width, height: totalHeight, kind: "chart-sparkline", fontSize: fontSize)
        drawMarkers(&svg, markers, x: x, top: labelRow, bottom: plotBottom)
        if !points.isEmpty {
            let xs = points.count > 1 ? points.indices.map(x) : [pad, width - pad]
            let ys =
                points.count > 1 ? points.map { y($0.value) } : [y(points[0].value), y(points[0].value)]
            let d = "M" + zip(xs, ys).map { "\(num($0)),\(num($1))" }.joined(separator: " L")
            svg.element(
                "path",
                [
                    "class": "line", "d": d, "fill": "none", "stroke": Palette.seriesFill(0),
                    "stroke-width": "1.5",
                    "stroke-linejoin": "round",
                ])
            let last = points.count - 1
            svg.element(
                "circle",
                [
                    "class": "last", "cx": num(x(last)), "cy": num(y(points[last].value)), "r": "2.5",
                    "fill": Palette.seriesFill(0),
                ])
        }
        svg.open("g", ["class": "marks", "fill": "currentColor", "fill-opacity": "0"])
        let hitWidth = points.count > 1 ? step : width
        for (i, point) in points.enumerated() {
            svg.mark(
                x: max(x(i) - hitWidth / 2, 0), y: 0, width: hitWidth, height: totalHeight,
                labelAttribute: "data-label",
                label: point.label, value: point.value, unit: unit)
        }
        svg.close("g")
        svg.close("svg")
        return svg.output
    }

    /// Dashed lines at each marker; a label is written only where it clears the previous one.
    private func drawMarkers(
        _ svg: inout SVGWriter, _ markers: [Marker], x: (Int) -> Double, top: Double, bottom: Double
    ) {
        guard !markers.isEmpty else { return }
        svg.open("g", ["class": "markers", "fill": "currentColor"])
        var previousRight = -Double.infinity
        for marker in markers {
            let mx = x(marker.index)
            svg.element(
                "line",
                [
                    "class": "marker", "x1": num(mx), "x2": num(mx), "y1": num(top), "y2": num(bottom),
                    "stroke": "currentColor", "stroke-opacity": "0.5", "stroke-dasharray": "2 2",
                ],
                tooltip: marker.label + " (" + points[marker.index].label + ")")
            let text = TextMetrics.truncate(
                Escaping.clean(marker.label), toWidth: width, fontSize: fontSize)
            let half = TextMetrics.width(text, fontSize: fontSize) / 2
            let centre = min(max(mx, half), width - half)
            guard !text.isEmpty, centre - half >= previousRight + fontSize * 0.3 else { continue }
            previousRight = centre + half
            svg.text(
                text,
                [
                    "class": "marker-label", "x": num(centre), "y": num(fontSize * 0.95),
                    "text-anchor": "middle",
                ])
        }
        svg.close("g")
    }
}
