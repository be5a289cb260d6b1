import Foundation
import ListDigestCore

/// One week as a line of a list: the archive page, the home page's recent weeks.
struct WeekSummaryView {
    let id: String
    let url: String
    let range: String
    /// The range without its year, for lists grouped by year.
    let shortRange: String
    let threads: Int
    let messages: Int
    let participants: Int
    let threadsLabel: String
    let messagesLabel: String
    let categories: String

    init(report: WeeklyReport, figures: WeekFigures, root: String) {
        id = report.week.id
        url = root + SitePaths.week(report.week)
        range = DateText.range(of: report.week)
        shortRange = DateText.rangeWithinYear(of: report.week)
        threads = figures.threads
        messages = figures.listedMessages
        participants = figures.participants
        threadsLabel = plural(threads, "thread")
        messagesLabel = plural(messages, "message")
        categories = figures.categories.map { "\($0.name) \($0.threads)" }.joined(separator: " · ")
    }
}

/// A category bar: its share of the week's threads as a CSS width.
struct CategoryBarView {
    let name: String
    let threads: String
    let messages: String
    let percent: String
    let anchor: String

    static func bars(_ figures: WeekFigures) -> [CategoryBarView] {
        let total = max(figures.threads, 1)
        return figures.categories.map { category in
            CategoryBarView(
                name: category.name, threads: plural(category.threads, "thread"),
                messages: plural(category.messages, "msg"),
                percent: String(format: "%.1f", Double(category.threads) * 100 / Double(total)),
                anchor: "category-" + Slug.make(category.name, fallback: "other"))
        }
    }
}

/// The category bars partial: bars and the page their anchors live on.
struct CategoryBarsView {
    let anchorPrefix: String
    let items: [CategoryBarView]
}
