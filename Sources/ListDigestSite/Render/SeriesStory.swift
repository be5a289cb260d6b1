import ListDigestCore

/// One line telling where a version sits in its series, as shown under a thread:
/// `v6 · follows v5, discussed 2025-W30 · superseded by v7`.
enum SeriesStory {
    static func text(_ series: Series, version index: Int, week: ISOWeek) -> String {
        let version = series.versions[index]
        var parts = [version.label]
        if index == 0 {
            parts.append(series.versions.count == 1 ? "only version seen" : "first version seen")
        } else {
            let previous = series.versions[index - 1]
            let discussed = previous.weeks.last { $0 <= week } ?? previous.weeks.last!
            let retitled = version.link == .retitled ? " under another title" : ""
            parts.append("follows \(previous.label)\(retitled), discussed \(discussed.id)")
        }
        if version.superseded {
            let latest = series.latestVersion
            parts.append("superseded by \(latest.label) (\(latest.weeks.first!.id))")
        }
        return parts.joined(separator: " · ")
    }
}
