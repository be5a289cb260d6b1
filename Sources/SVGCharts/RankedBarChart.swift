/// Horizontal bars in the order given (rank them before passing), each with its label written
/// to its left and its value to its right, so no value axis is needed. The height grows with
/// the number of bars; only `layout.width` and `layout.fontSize` are used.
public struct RankedBarChart: Chart {
    public var info: ChartInfo
    public var items: [LabeledValue]
    /// CSV/table header for the label column (e.g. "sender").
    public var labelHeader: String
    /// CSV/table header for the values, what they count (e.g. "messages").
    public var valueHeader: String
    public var unit: String
    /// Title under the bars saying what their length measures; empty for none.
    public var valueAxisLabel: String
    public var layout: ChartLayout

    public init(
        info: ChartInfo, items: [LabeledValue], labelHeader: String, valueHeader: String, unit: String,
        valueAxisLabel: String, layout: ChartLayout = .standard
    ) {
        self.info = info
        self.items = items
        self.labelHeader = labelHeader
        self.valueHeader = valueHeader
        self.unit = unit
        self.valueAxisLabel = valueAxisLabel
        self.layout = layout
    }

    public var table: DataTable {
        DataTable(
            columns: [labelHeader, valueHeader],
            rows: items.map { [$0.label, NumberFormat.plain($0.value)] })
    }

    public func svg() -> String {
        let fs = layout.fontSize
        let margin = fs * 0.3
        let gap = fs * 0.4
        let rowHeight = fs * 1.6
        let labels = items.map {
            TextMetrics.truncate(Escaping.clean($0.label), toWidth: layout.width * 0.4, fontSize: fs)
        }
        let valueTexts = items.map { NumberFormat.plain($0.value) }
        let labelWidth = labels.map { TextMetrics.width($0, fontSize: fs) }.max() ?? 0
        let valueWidth = valueTexts.map { TextMetrics.width($0, fontSize: fs) }.max() ?? 0
        let barLeft = margin + labelWidth + gap
        let barSpan = max(layout.width - margin - valueWidth - gap - barLeft, 1)
        let maximum = items.map(\.value).filter(\.isFinite).max() ?? 0
        let rowsHeight = Double(max(items.count, 1)) * rowHeight
        let titleHeight = valueAxisLabel.isEmpty ? 0 : fs * 1.5
        let height = margin + rowsHeight + titleHeight + margin

        var svg = SVGWriter()
        svg.openRoot(
            info: info, width: layout.width, height: height, kind: "chart-ranked", fontSize: fs)
        if items.isEmpty {
            svg.text(
                "No data",
                [
                    "class": "empty-note", "x": num(layout.width / 2), "y": num(margin + rowHeight * 0.65),
                    "text-anchor": "middle", "fill": "currentColor",
                ])
        }
        svg.open("g", ["class": "marks"])
        for (i, item) in items.enumerated() {
            let rowTop = margin + Double(i) * rowHeight
            let baseline = rowTop + rowHeight / 2 + fs * 0.35
            let fraction = maximum > 0 && item.value.isFinite ? min(max(item.value / maximum, 0), 1) : 0
            let length = fraction * barSpan
            svg.text(
                labels[i],
                [
                    "class": "bar-label", "x": num(barLeft - gap), "y": num(baseline), "text-anchor": "end",
                    "fill": "currentColor",
                ])
            svg.mark(
                x: barLeft, y: rowTop + rowHeight * 0.15, width: length, height: rowHeight * 0.7,
                fill: Palette.seriesFill(0), labelAttribute: "data-label", label: item.label, value: item.value,
                unit: unit)
            svg.text(
                valueTexts[i],
                [
                    "class": "bar-value", "x": num(barLeft + length + gap), "y": num(baseline),
                    "fill": "currentColor",
                ])
        }
        svg.close("g")
        if !valueAxisLabel.isEmpty {
            let title = TextMetrics.truncate(valueAxisLabel, toWidth: barSpan + valueWidth, fontSize: fs)
            svg.text(
                title,
                [
                    "class": "axis-title axis-title-x", "x": num(barLeft),
                    "y": num(margin + rowsHeight + fs * 1.1),
                    "fill": "currentColor",
                ])
        }
        svg.close("svg")
        return svg.output
    }
}
