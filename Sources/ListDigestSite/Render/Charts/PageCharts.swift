import ListDigestCore
import SVGCharts

/// The small charts of the home, person and series pages.
enum PageCharts {
    static let recentWeeks = 26

    /// Messages per week over the last 26 weeks of the archive.
    static func home(_ site: SiteContext) -> ChartView? {
        let trends = site.trends
        guard !trends.weeks.isEmpty else { return nil }
        let positions = max(0, trends.weeks.count - recentWeeks)..<trends.weeks.count
        let weeks = Array(trends.weeks[positions])
        let values = Array(trends.messages[positions])
        let heading = "Messages per week, last \(plural(weeks.count, "week"))"
        let takeaway = Takeaways.busiestWeek(weeks, values, noun: "messages", singular: "message")
        let chart = WeeklyChart(
            info: ChartInfo(
                idPrefix: "recent-messages", title: heading,
                description: "Bar chart, one bar per week, \(weeks[0].id) to \(weeks[weeks.count - 1].id). " + takeaway),
            points: zip(weeks, values).map { WeekValue(week: $0.id, value: Double($1)) }, seriesName: "messages",
            unit: "messages", axes: AxisLabels(x: "week", y: "messages"), style: .bars, layout: ChartLayouts.compact)
        return ChartView(id: "recent-messages", heading: heading, headingLevel: 2, takeaway: takeaway, chart: chart)
    }

    /// How many weeks the chart of a person page shows at most: a year, as a longer span's bars
    /// grow too thin to read (their year pages show the years before).
    static let personWeeks = 52

    /// The weeks the activity chart of a person page shows: from their first message's week to
    /// their last one's, at most the last `personWeeks` of them; on a year page (`year`), the part
    /// of that span in the year. Nil when that is a single week. The span is the person's own, so
    /// a week they did not write in leaves their pages unchanged.
    static func personSpan(_ activity: PersonActivity, year: Int? = nil) -> ClosedRange<ISOWeek>? {
        guard var first = activity.messagesPerWeek.first?.week, var last = activity.messagesPerWeek.last?.week
        else { return nil }
        if let year {
            first = max(first, ISOWeek(year: year, week: 1)!)
            last = min(last, ISOWeek(year: year, week: ISOWeek.weeksIn(year: year))!)
        } else {
            first = max(first, last.adding(weeks: 1 - personWeeks))
        }
        return first < last ? first...last : nil
    }

    /// The person's messages per week, by the date each was sent, over `personSpan`.
    static func person(_ site: SiteContext, person: Int, year: Int? = nil) -> ChartView? {
        guard let activity = site.index.activity[person], let span = personSpan(activity, year: year) else {
            return nil
        }
        let (first, last) = (span.lowerBound, span.upperBound)
        // A year page says which weeks it shows: whether they are all of the person's depends
        // on other years, which the page does not show.
        let whole =
            year == nil && first == activity.messagesPerWeek.first?.week && last == activity.messagesPerWeek.last?.week
        let weeks = ArchiveTrends.consecutive(from: first, to: last)
        var values: [Int] = []
        values.reserveCapacity(weeks.count)
        activity.messages(in: span) { values.append($0) }
        // A year they only started a series in, between years they wrote in.
        guard values.contains(where: { $0 > 0 }) else { return nil }
        let activeWeeks = values.count { $0 > 0 }
        let top = values.indices.max { (values[$0], $1) < (values[$1], $0) }!
        let takeaway =
            "Most active in \(weeks[top].id) with \(plural(values[top], "message")); "
            + "wrote in \(formatCount(activeWeeks)) of the \(plural(weeks.count, "week")) "
            + (whole ? "from their first message to their last." : "from \(first.id) to \(last.id).")
        let heading =
            year.map { "Messages per week in \($0)" }
            ?? (whole ? "Messages per week" : "Messages per week, their last \(plural(weeks.count, "week"))")
        let chart = WeeklyChart(
            info: ChartInfo(
                idPrefix: "activity", title: heading,
                description: "Bar chart, one bar per week, \(first.id) to \(last.id). " + takeaway),
            points: zip(weeks, values).map { WeekValue(week: $0.id, value: Double($1)) }, seriesName: "messages",
            unit: "messages", axes: AxisLabels(x: "week", y: "messages"), style: .bars, layout: ChartLayouts.compact)
        return ChartView(id: "activity", heading: heading, headingLevel: 2, takeaway: takeaway, chart: chart)
    }

    /// A sparkline of the series' messages per week with a marker where each version first
    /// appeared; nil when all its messages fall in one week.
    static func series(_ site: SiteContext, series index: Int) -> ChartView? {
        let series = site.index.series.series[index]
        let messageWeeks = series.messages.map { ISOWeek(containing: site.index.sentAt($0).date) }
        guard let first = messageWeeks.min(), let last = messageWeeks.max(), first < last else { return nil }
        let weeks = ArchiveTrends.consecutive(from: first, to: last)
        var position: [ISOWeek: Int] = [:]
        for (i, week) in weeks.enumerated() { position[week] = i }
        var values = [Int](repeating: 0, count: weeks.count)
        for week in messageWeeks { values[position[week]!] += 1 }
        let markers = series.versions.compactMap { version in
            position[ISOWeek(containing: version.firstDate.date)].map {
                Sparkline.Marker(index: $0, label: version.label)
            }
        }
        let top = values.indices.max { (values[$0], $1) < (values[$1], $0) }!
        let takeaway =
            "\(plural(series.messages.count, "message")) over \(plural(weeks.count, "week")), "
            + "the most in \(weeks[top].id) (\(formatCount(values[top])))"
            + (series.versions.count > 1
                ? "; \(series.versions.count) versions, each marked where it first appeared." : ".")
        let heading = "Messages per week"
        let chart = Sparkline(
            info: ChartInfo(
                idPrefix: "series-activity", title: heading,
                description: "Line of messages per week from \(first.id) to \(last.id). " + takeaway),
            points: zip(weeks, values).map { LabeledValue(label: $0.id, value: Double($1)) }, markers: markers,
            labelHeader: "week", valueHeader: "messages", unit: "messages")
        return ChartView(
            id: "series-activity", heading: heading, headingLevel: 2, takeaway: takeaway, chart: chart, inline: true)
    }
}
