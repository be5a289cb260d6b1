/// Chooses x-axis ticks for a weekly series: month, two-month, quarter, half-year or
/// n-year steps, the finest whose labels fit side by side without overlapping.
enum TimeTicks {
    struct Tick: Equatable {
        /// Index of the point (week) the tick marks.
        var index: Int
        var x: Double
        var label: String
        /// Centre of the label, moved inward when it would cross the chart's edge.
        var labelX: Double
    }

    struct MonthStart: Equatable {
        var index: Int
        var date: ChartDate
    }

    enum Level: Equatable {
        case months(Int)
        case years(Int)
    }

    static let levels: [Level] = [
        .months(1), .months(2), .months(3), .months(6),
        .years(1), .years(2), .years(5), .years(10), .years(20), .years(50), .years(100),
    ]

    /// Points whose week's Monday is the first Monday of a month (the month changed since the
    /// previous point, or the first point's Monday falls on day 1–7). Unparsable weeks are skipped.
    static func monthStarts(_ weeks: [ChartWeek?]) -> [MonthStart] {
        var starts: [MonthStart] = []
        var previous: ChartDate?
        for (index, week) in weeks.enumerated() {
            guard let monday = week?.monday else { continue }
            let isStart: Bool
            if let previous {
                isStart = previous.year != monday.year || previous.month != monday.month
            } else {
                isStart = monday.day <= 7
            }
            if isStart { starts.append(MonthStart(index: index, date: monday)) }
            previous = monday
        }
        return starts
    }

    /// - Parameters:
    ///   - weeks: parsed weeks in chart order (nil where unparsable).
    ///   - rawLabels: the caller's week strings, for the single-week fallback.
    ///   - x: the x coordinate of the start of point `index`.
    ///   - bounds: labels must stay inside this horizontal range.
    ///   - monthNamesOnly: label months by name only and never step by years (column headers
    ///     of a heatmap whose rows are years).
    static func ticks(
        weeks: [ChartWeek?], rawLabels: [String], x: (Int) -> Double, fontSize: Double,
        bounds: ClosedRange<Double>, monthNamesOnly: Bool = false
    ) -> [Tick] {
        // A single point is labelled with its own week: a month name would say less.
        let starts = weeks.count == 1 && !monthNamesOnly ? [] : monthStarts(weeks)
        for level in levels {
            if monthNamesOnly, case .years = level { break }
            let chosen = starts.filter { matches($0.date, level) }
            if chosen.isEmpty { continue }
            let labels = chosen.enumerated().map { position, start in
                monthNamesOnly
                    ? start.date.monthAbbreviation : label(start.date, level: level, isFirst: position == 0)
            }
            let positions = chosen.map { x($0.index) }
            if let centres = place(labels, at: positions, fontSize: fontSize, bounds: bounds) {
                return chosen.indices.map {
                    Tick(index: chosen[$0].index, x: positions[$0], label: labels[$0], labelX: centres[$0])
                }
            }
        }
        if monthNamesOnly { return [] }
        return fallback(weeks: weeks, rawLabels: rawLabels, x: x, fontSize: fontSize, bounds: bounds)
    }

    /// No month starts (a short series): one label at the first point, the week itself for a
    /// single point, else its month.
    private static func fallback(
        weeks: [ChartWeek?], rawLabels: [String], x: (Int) -> Double, fontSize: Double,
        bounds: ClosedRange<Double>
    ) -> [Tick] {
        guard let first = rawLabels.first else { return [] }
        var text = Escaping.clean(first)
        if weeks.count > 1, let monday = weeks[0]?.monday {
            text = monday.monthAbbreviation + " " + String(monday.year)
        }
        text = TextMetrics.truncate(
            text, toWidth: bounds.upperBound - bounds.lowerBound, fontSize: fontSize)
        guard !text.isEmpty, let centre = place([text], at: [x(0)], fontSize: fontSize, bounds: bounds)
        else { return [] }
        return [Tick(index: 0, x: x(0), label: text, labelX: centre[0])]
    }

    static func matches(_ date: ChartDate, _ level: Level) -> Bool {
        switch level {
        case .months(let step): return (date.month - 1) % step == 0
        case .years(let step): return date.month == 1 && date.year % step == 0
        }
    }

    /// Month steps label January with its year and give the first label its year; year steps
    /// show only the year.
    static func label(_ date: ChartDate, level: Level, isFirst: Bool) -> String {
        if case .years = level { return String(date.year) }
        if date.month == 1 { return String(date.year) }
        return isFirst ? date.monthAbbreviation + " " + String(date.year) : date.monthAbbreviation
    }

    /// Centres for labels centred on `positions`, shifted inside `bounds`; nil if any two would
    /// come closer than half an em.
    static func place(
        _ labels: [String], at positions: [Double], fontSize: Double, bounds: ClosedRange<Double>
    ) -> [Double]? {
        let gap = fontSize * 0.5
        var centres: [Double] = []
        var previousRight = -Double.infinity
        for (text, position) in zip(labels, positions) {
            let half = TextMetrics.width(text, fontSize: fontSize) / 2
            guard half * 2 <= bounds.upperBound - bounds.lowerBound else { return nil }
            let centre = min(max(position, bounds.lowerBound + half), bounds.upperBound - half)
            if centre - half < previousRight + gap { return nil }
            previousRight = centre + half
            centres.append(centre)
        }
        return centres
    }
}
