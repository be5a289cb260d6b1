import ListDigestCore

/// The one sentence under each chart that says what it shows, computed from its numbers.
enum Takeaways {
    /// "Busiest week: 2025-W38 with 323 messages; the median week had 180."
    static func busiestWeek(_ weeks: [ISOWeek], _ values: [Int], noun: String, singular: String) -> String {
        guard let top = values.indices.max(by: { (values[$0], $1) < (values[$1], $0) }) else {
            return "No weeks to show."
        }
        let name = { (count: Int) in count == 1 ? singular : noun }
        if values[top] == 0 {
            return "No \(noun) in \(weeks.count == 1 ? "this week" : "these \(weeks.count) weeks")."
        }
        if weeks.count == 1 { return "\(weeks[0].id) had \(formatCount(values[0])) \(name(values[0]))." }
        let median = Self.median(values)
        return "Busiest week: \(weeks[top].id) with \(formatCount(values[top])) \(name(values[top])); "
            + "the median week had \(median)."
    }

    /// "PATCH had the most threads: 600 of 1,059 (57%), then RFC with 120."
    static func categoryMix(_ categories: [String], _ perWeek: [[Int]]) -> String {
        let totals = categories.indices.map { c in perWeek.reduce(0) { $0 + $1[c] } }
        let all = totals.reduce(0, +)
        guard all > 0, let top = totals.indices.max(by: { (totals[$0], $1) < (totals[$1], $0) }) else {
            return "No threads in these weeks."
        }
        var sentence =
            "\(categories[top]) had the most threads: \(formatCount(totals[top])) of \(formatCount(all)) "
            + "(\(percent(totals[top], of: all)))"
        let rest = totals.indices.filter { $0 != top && totals[$0] > 0 }
        if let second = rest.max(by: { (totals[$0], $1) < (totals[$1], $0) }) {
            sentence += ", then \(categories[second]) with \(formatCount(totals[second]))"
        }
        return sentence + "."
    }

    /// "Most contributors: 2025-W38 with 85 people, 12 of them new; 310 people wrote for the first time in these weeks."
    static func contributors(_ weeks: [ISOWeek], active: [Int], firstTime: [Int]) -> String {
        guard let top = active.indices.max(by: { (active[$0], $1) < (active[$1], $0) }), active[top] > 0 else {
            return "Nobody wrote in these weeks."
        }
        let newcomers = firstTime.reduce(0, +)
        return "Most contributors: \(weeks[top].id) with \(plural(active[top], "person", "people")), "
            + "\(formatCount(firstTime[top])) of them new; "
            + "\(plural(newcomers, "person", "people")) wrote for the first time in these weeks."
    }

    /// "Longest-running: “…” (v1 → v7), discussed in 14 weeks, 2025-W20 to 2025-W45."
    static func longestRunning(_ trend: SeriesTrend?, index: ArchiveIndex) -> String {
        guard let trend else { return "No series in these weeks." }
        let series = index.series.series[trend.series]
        let weeks = trend.weeks
        let span =
            weeks.count == 1
            ? "discussed in \(weeks[0].id)"
            : "discussed in \(weeks.count) weeks, \(weeks[0].id) to \(weeks[weeks.count - 1].id)"
        return "Longest-running: “\(series.title)” (\(versionRange(trend, series))), \(span)."
    }

    /// "Busiest series: “…” with 200 messages."
    static func busiestSeries(_ trend: SeriesTrend?, index: ArchiveIndex) -> String {
        guard let trend else { return "No messages in these weeks." }
        let series = index.series.series[trend.series]
        return "Busiest series: “\(series.title)” with \(plural(trend.messages, "message"))."
    }

    /// `v5`, or `v1 → v7` when several versions were discussed.
    static func versionRange(_ trend: SeriesTrend, _ series: Series) -> String {
        let first = series.versions[trend.firstVersion].label
        let last = series.versions[trend.lastVersion].label
        return trend.firstVersion == trend.lastVersion ? first : "\(first) → \(last)"
    }

    /// The middle value, the mean of the two middle ones for an even count: `180`, `180.5`.
    static func median(_ values: [Int]) -> String {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return "0" }
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return formatCount(sorted[middle]) }
        let twice = sorted[middle - 1] + sorted[middle]
        return formatCount(twice / 2) + (twice % 2 == 0 ? "" : ".5")
    }

    /// `57%`, rounded; never `0%` for a share above zero.
    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let value = (part * 100 + whole / 2) / whole
        return part > 0 && value == 0 ? "<1%" : "\(value)%"
    }
}
