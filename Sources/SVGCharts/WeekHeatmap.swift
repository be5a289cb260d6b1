/// One cell per ISO week coloured by bucket, with a legend naming each bucket's range.
/// `.yearRows`: a row per ISO year, a column per week number 1–53, month names on top.
/// `.singleRow`: the points in the order given, one row, month/year ticks below.
/// The height follows the content; only `layout.width` and `layout.fontSize` are used.
public struct WeekHeatmap: Chart {
    public enum Arrangement: Sendable, Equatable {
        case yearRows
        case singleRow
    }

    public var info: ChartInfo
    public var points: [WeekValue]
    public var seriesName: String
    public var unit: String
    /// Title under the cells; empty for none.
    public var xAxisLabel: String
    public var arrangement: Arrangement
    public var layout: ChartLayout

    public init(
        info: ChartInfo, points: [WeekValue], seriesName: String, unit: String, xAxisLabel: String,
        arrangement: Arrangement = .yearRows, layout: ChartLayout = .standard
    ) {
        self.info = info
        self.points = points
        self.seriesName = seriesName
        self.unit = unit
        self.xAxisLabel = xAxisLabel
        self.arrangement = arrangement
        self.layout = layout
    }

    public var table: DataTable {
        DataTable(
            columns: ["week", seriesName], rows: points.map { [$0.week, NumberFormat.plain($0.value)] })
    }

    /// Bucket 0 holds zero (and negative or missing) values; buckets 1–4 split 0…4×step evenly,
    /// the step a nice number so the legend reads in round figures.
    struct Buckets {
        let step: Double
        let integral: Bool

        init(values: [Double]) {
            integral = allIntegral(values)
            let maximum = values.filter(\.isFinite).max() ?? 0
            var step = maximum > 0 ? NiceScale.niceCeil(maximum / 4) : 1
            if integral { step = max(step, 1) }
            self.step = step
        }

        func bucket(_ value: Double) -> Int {
            guard value.isFinite, value > 0 else { return 0 }
            return min(Int((value / step).rounded(.up)), 4)
        }

        var labels: [String] {
            ["0"]
                + (1...4).map { k in
                    let upper = step * Double(k)
                    guard integral else { return "≤ " + NumberFormat.plain(upper) }
                    let lower = k == 1 ? 1 : step * Double(k - 1) + 1
                    return lower == upper
                        ? NumberFormat.plain(upper)
                        : NumberFormat.plain(lower) + "–" + NumberFormat.plain(upper)
                }
        }
    }

    public func svg() -> String {
        let fs = layout.fontSize
        let margin = fs * 0.3
        let buckets = Buckets(values: points.map(\.value))
        let legend = Legend(
            items: buckets.labels.enumerated().map { Legend.Item(label: $1, fill: Palette.heatFill($0)) },
            fontSize: fs, left: margin, right: layout.width - margin)
        var svg = SVGWriter()
        var body = SVGWriter()
        let bodyHeight: Double
        switch arrangement {
        case .yearRows: bodyHeight = drawYearRows(&body, buckets: buckets, top: margin)
        case .singleRow: bodyHeight = drawSingleRow(&body, buckets: buckets, top: margin)
        }
        var y = margin + bodyHeight
        if !xAxisLabel.isEmpty {
            let title = TextMetrics.truncate(xAxisLabel, toWidth: layout.width - 2 * margin, fontSize: fs)
            body.text(
                title,
                [
                    "class": "axis-title axis-title-x", "x": num(layout.width / 2), "y": num(y + fs * 1.1),
                    "text-anchor": "middle", "fill": "currentColor",
                ])
            y += fs * 1.5
        }
        legend.draw(&body, top: y + fs * 0.2)
        let height = y + fs * 0.2 + legend.height + margin
        svg.openRoot(
            info: info, width: layout.width, height: height, kind: "chart-heatmap", fontSize: fs)
        return svg.output + body.output + "</svg>\n"
    }

    private func cell(
        _ svg: inout SVGWriter, _ point: WeekValue, buckets: Buckets, x: Double, y: Double,
        width: Double,
        height: Double
    ) {
        let bucket = buckets.bucket(point.value)
        svg.element(
            "rect",
            [
                "class": "mark", "x": num(x), "y": num(y), "width": num(width), "height": num(height),
                "fill": Palette.heatFill(bucket), "data-week": point.week,
                "data-value": NumberFormat.plain(point.value),
                "data-bucket": String(bucket),
            ],
            tooltip: tooltip(point.week, point.value, unit: unit))
    }

    /// Returns the height used. Points whose week doesn't parse have no row and are left out.
    private func drawYearRows(_ svg: inout SVGWriter, buckets: Buckets, top: Double) -> Double {
        let fs = layout.fontSize
        let weeks = points.map { ChartWeek($0.week) }
        let years = Array(Set(weeks.compactMap { $0?.year })).sorted()
        guard let lastYear = years.last else { return emptyNote(&svg, top: top) }
        let left = fs * 0.3 + TextMetrics.width("0000", fontSize: fs) + fs * 0.4
        let right = layout.width - fs * 0.3
        let column = (right - left) / 53
        let gap = min(column * 0.15, 2)
        let headerHeight = fs * 1.3
        let rowHeight = fs * 1.3
        let gridTop = top + headerHeight

        // Month names over the columns, taken from the most recent year (they shift by at most a
        // column between years).
        let referenceWeeks = (1...ChartWeek.weeksIn(year: lastYear)).map {
            ChartWeek(year: lastYear, week: $0)
        }
        let ticks = TimeTicks.ticks(
            weeks: referenceWeeks, rawLabels: [], x: { left + Double($0) * column }, fontSize: fs,
            bounds: left...layout.width, monthNamesOnly: true)
        svg.open("g", ["class": "axis axis-x", "fill": "currentColor"])
        for tick in ticks {
            svg.text(
                tick.label,
                [
                    "class": "tick-label tick-x", "x": num(tick.labelX), "y": num(top + fs * 0.9),
                    "text-anchor": "middle",
                ])
        }
        for (row, year) in years.enumerated() {
            let baseline = gridTop + Double(row) * rowHeight + rowHeight / 2 + fs * 0.35
            svg.text(
                String(year),
                [
                    "class": "tick-label tick-y", "x": num(left - fs * 0.4), "y": num(baseline),
                    "text-anchor": "end",
                ])
        }
        svg.close("g")

        svg.open("g", ["class": "marks"])
        for (point, week) in zip(points, weeks) {
            guard let week, let row = years.firstIndex(of: week.year) else { continue }
            cell(
                &svg, point, buckets: buckets, x: left + Double(week.week - 1) * column + gap / 2,
                y: gridTop + Double(row) * rowHeight + gap / 2, width: column - gap, height: rowHeight - gap
            )
        }
        svg.close("g")
        return headerHeight + Double(years.count) * rowHeight
    }

    private func drawSingleRow(_ svg: inout SVGWriter, buckets: Buckets, top: Double) -> Double {
        let fs = layout.fontSize
        guard !points.isEmpty else { return emptyNote(&svg, top: top) }
        let left = fs * 0.3
        let column = (layout.width - 2 * left) / Double(points.count)
        let gap = column >= 4 ? min(column * 0.15, 2) : 0
        let rowHeight = fs * 2
        svg.open("g", ["class": "marks"])
        for (i, point) in points.enumerated() {
            cell(
                &svg, point, buckets: buckets, x: left + Double(i) * column + gap / 2, y: top,
                width: column - gap,
                height: rowHeight)
        }
        svg.close("g")
        let ticks = TimeTicks.ticks(
            weeks: points.map { ChartWeek($0.week) }, rawLabels: points.map(\.week),
            x: { left + Double($0) * column },
            fontSize: fs, bounds: 0...layout.width)
        svg.open("g", ["class": "axis axis-x", "fill": "currentColor"])
        let tickBottom = top + rowHeight + fs * 0.3
        for tick in ticks {
            svg.element(
                "line",
                [
                    "x1": num(tick.x), "x2": num(tick.x), "y1": num(top + rowHeight), "y2": num(tickBottom),
                    "stroke": "currentColor", "stroke-opacity": "0.6",
                ])
            svg.text(
                tick.label,
                [
                    "class": "tick-label tick-x", "x": num(tick.labelX), "y": num(tickBottom + fs * 1.1),
                    "text-anchor": "middle",
                ])
        }
        svg.close("g")
        return rowHeight + fs * 2.1
    }

    private func emptyNote(_ svg: inout SVGWriter, top: Double) -> Double {
        let fs = layout.fontSize
        svg.text(
            "No data",
            [
                "class": "empty-note", "x": num(layout.width / 2), "y": num(top + fs),
                "text-anchor": "middle", "fill": "currentColor",
            ])
        return fs * 1.4
    }
}
