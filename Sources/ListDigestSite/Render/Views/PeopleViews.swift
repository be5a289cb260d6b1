import Foundation
import ListDigestCore

/// `people/index.html`: everyone, ranked, then alphabetically; bots apart.
struct PeopleIndexView {
    let page: LayoutView
    let ranked: [RankedPerson]
    let letters: [LetterSection]
    let bots: [RankedPerson]
    let total: Int
    /// `1 person`, `42 people`.
    let totalLabel: String

    struct RankedPerson {
        let rank: Int
        let name: String
        let url: String
        let messages: Int
        let series: Int
        let started: Int
    }

    struct LetterSection {
        let letter: String
        let anchor: String
        let people: [RankedPerson]
    }

    init(site: SiteContext) {
        let url = SitePaths.peopleIndex
        let root = SitePaths.root(fromPage: url)
        let people = site.index.people.people
        let rows = people.indices.compactMap { index -> (Person, RankedPerson)? in
            guard let activity = site.index.activity[index] else { return nil }
            return (
                people[index],
                RankedPerson(
                    rank: 0, name: people[index].name, url: site.personLink(index, root: root),
                    messages: activity.messages,
                    series: activity.threads.count, started: activity.seriesStarted.count)
            )
        }
        // Most messages first, then by name: the names (copied to be compared) only on a tie.
        let humans = rows.filter { !$0.0.isBot }.sorted { a, b in
            a.1.messages != b.1.messages ? b.1.messages < a.1.messages : a.1.name < b.1.name
        }
        ranked = humans.enumerated().map { position, row in
            RankedPerson(
                rank: position + 1, name: row.1.name, url: row.1.url, messages: row.1.messages, series: row.1.series,
                started: row.1.started)
        }
        let byLetter = Dictionary(grouping: ranked) { PeopleIndexView.letter(of: $0.name) }
        letters = byLetter.keys.sorted().map { letter in
            LetterSection(
                letter: letter, anchor: "letter-" + Slug.make(letter, fallback: "other"),
                people: Self.sortedByName(byLetter[letter]!))
        }
        bots = rows.filter { $0.0.isBot }.map(\.1).sorted { $0.messages > $1.messages }
        total = ranked.count
        totalLabel = plural(ranked.count, "person", "people")
        page = LayoutView(
            site: site, pageURL: url, title: "People · \(site.config.title)",
            description:
                "Everyone who wrote to \(site.config.list): \(plural(ranked.count, "person", "people")), ranked by messages."
        )
    }

    /// By name, ignoring case; each name lower-cased once, not at every comparison.
    private static func sortedByName(_ people: [RankedPerson]) -> [RankedPerson] {
        let names = people.map { $0.name.lowercased() }
        return people.indices.sorted { names[$0] < names[$1] }.map { people[$0] }
    }

    /// A–Z by the first letter, `#` for everything else.
    static func letter(of name: String) -> String {
        // An ASCII first character folds to itself, lower-cased: Foundation's folding (of the
        // whole name, for thousands of people) is kept for the names that need it.
        if let first = name.first, first.isASCII { return first.isLetter ? first.uppercased() : "#" }
        guard let first = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).first,
            first.isASCII, first.isLetter
        else { return "#" }
        return first.uppercased()
    }
}

/// `series/index.html`: every series, most recently active first.
struct SeriesIndexView {
    let page: LayoutView
    let series: [SeriesRowView]
    let total: Int
    let multiVersion: Int

    init(site: SiteContext) {
        let url = SitePaths.seriesIndex
        let root = SitePaths.root(fromPage: url)
        let all = site.index.series.series
        // Each title lower-cased and each last week read once: thousands of series are compared
        // a dozen times each, and reading a series' weeks in a comparison retained them.
        let titles = all.map { $0.title.lowercased() }
        let lastWeeks = all.map { $0.weeks.last! }
        // As the tuples (last week, descending; title) compare, the titles (copied to be
        // compared) only on a tie.
        let order = all.indices.sorted { a, b in
            lastWeeks[a] != lastWeeks[b] ? lastWeeks[b] < lastWeeks[a] : titles[a] < titles[b]
        }
        series = order.map { SeriesRowView(site: site, series: $0, root: root) }
        total = all.count
        multiVersion = all.count { $0.versions.count > 1 }
        page = LayoutView(
            site: site, pageURL: url, title: "Series · \(site.config.title)",
            description: "Every patch series and thread of \(site.config.list), followed across weeks and versions.")
    }
}
