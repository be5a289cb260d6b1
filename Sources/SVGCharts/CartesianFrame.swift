import Foundation

/// The plot area, value axis and week axis shared by the weekly bar and stacked charts.
struct CartesianFrame {
    let layout: ChartLayout
    let scale: NiceScale
    let axes: AxisLabels
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    let count: Int

    private var fontSize: Double { layout.fontSize }
    private var tickLength: Double { fontSize * 0.3 }

    /// - Parameter topInset: space reserved above the plot (a legend).
    init(layout: ChartLayout, scale: NiceScale, axes: AxisLabels, count: Int, topInset: Double) {
        self.layout = layout
        self.scale = scale
        self.axes = axes
        self.count = count
        let fs = layout.fontSize
        let tickLabelWidth =
            scale.ticks.map { TextMetrics.width(NumberFormat.compact($0), fontSize: fs) }.max() ?? 0
        let titleWidth = axes.y.isEmpty ? 0 : fs * 1.3
        left = fs * 0.2 + titleWidth + tickLabelWidth + fs * 0.4
        right = layout.width - fs * 0.6
        top = topInset + fs * 0.6
        let xTitle = axes.x.isEmpty ? 0 : fs * 1.4
        bottom = layout.height - (fs * 0.3 + fs * 0.3 + fs * 1.0 + xTitle + fs * 0.3)
    }

    var plotWidth: Double { right - left }
    var plotHeight: Double { max(bottom - top, 1) }
    var band: Double { plotWidth / Double(max(count, 1)) }

    func bandStart(_ index: Int) -> Double { left + Double(index) * band }

    /// Bar width inside a band: a small gap between bars, none when bars are thinner than 3 units,
    /// and never wider than three ems (one bar alone shouldn't fill the chart).
    var barWidth: Double {
        let width = band >= 3 ? band - min(band * 0.2, fontSize * 0.2) : band
        return min(width, fontSize * 3)
    }

    func y(_ value: Double) -> Double { bottom - scale.fraction(value) * plotHeight }

    func drawValueAxis(_ svg: inout SVGWriter) {
        let fs = fontSize
        svg.open("g", ["class": "axis axis-y", "fill": "currentColor"])
        // Ticks closer than a line of text would collide; keep every other one then.
        let spacing = plotHeight / Double(max(scale.ticks.count - 1, 1))
        let every = spacing >= fs * 1.2 ? 1 : 2
        for (i, tick) in scale.ticks.enumerated() {
            let ty = y(tick)
            svg.element(
                "line",
                [
                    "x1": num(left), "x2": num(right), "y1": num(ty), "y2": num(ty),
                    "stroke": "currentColor", "stroke-opacity": tick == 0 ? "0.6" : "0.15",
                ])
            guard i % every == 0 else { continue }
            svg.text(
                NumberFormat.compact(tick),
                [
                    "class": "tick-label tick-y", "x": num(left - fs * 0.4), "y": num(ty + fs * 0.35),
                    "text-anchor": "end",
                ])
        }
        if !axes.y.isEmpty {
            let title = TextMetrics.truncate(axes.y, toWidth: plotHeight, fontSize: fs)
            let cx = fs * 0.2 + fs * 0.85
            let cy = top + plotHeight / 2
            svg.text(
                title,
                [
                    "class": "axis-title axis-title-y", "x": "0", "y": "0", "text-anchor": "middle",
                    "transform": "translate(\(num(cx)) \(num(cy))) rotate(-90)",
                ])
        }
        svg.close("g")
    }

    func drawWeekAxis(_ svg: inout SVGWriter, weeks: [String]) {
        let fs = fontSize
        let parsed = weeks.map(ChartWeek.init)
        // Ticks mark where a week starts; a lone week's label belongs under its bar instead.
        let tickX: (Int) -> Double = { count == 1 ? bandStart($0) + band / 2 : bandStart($0) }
        let ticks = TimeTicks.ticks(
            weeks: parsed, rawLabels: weeks, x: tickX, fontSize: fs, bounds: 0...layout.width)
        svg.open("g", ["class": "axis axis-x", "fill": "currentColor"])
        let labelBaseline = bottom + tickLength + fs * 0.3 + fs * 0.8
        for tick in ticks {
            svg.element(
                "line",
                [
                    "x1": num(tick.x), "x2": num(tick.x), "y1": num(bottom), "y2": num(bottom + tickLength),
                    "stroke": "currentColor", "stroke-opacity": "0.6",
                ])
            svg.text(
                tick.label,
                [
                    "class": "tick-label tick-x", "x": num(tick.labelX), "y": num(labelBaseline),
                    "text-anchor": "middle",
                ])
        }
        if !axes.x.isEmpty {
            let title = TextMetrics.truncate(axes.x, toWidth: plotWidth, fontSize: fs)
            svg.text(
                title,
                [
                    "class": "axis-title axis-title-x", "x": num(left + plotWidth / 2),
                    "y": num(labelBaseline + fs * 1.4), "text-anchor": "middle",
                ])
        }
        svg.close("g")
    }

    func drawEmptyNote(_ svg: inout SVGWriter) {
        svg.text(
            "No data",
            [
                "class": "empty-note", "x": num(left + plotWidth / 2), "y": num(top + plotHeight / 2),
                "text-anchor": "middle", "fill": "currentColor",
            ])
    }
}

/// "2025-W32: 310 messages"; the unit is left out when empty.
func tooltip(_ name: String, _ value: Double, unit: String) -> String {
    let number = NumberFormat.plain(value)
    return name + ": " + (unit.isEmpty ? number : number + " " + unit)
}

/// True when every value is a whole number, so the value axis can use whole steps.
func allIntegral(_ values: [Double]) -> Bool {
    values.allSatisfy { !$0.isFinite || $0 == $0.rounded() }
}
