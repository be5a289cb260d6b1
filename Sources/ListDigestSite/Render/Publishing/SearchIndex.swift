import Foundation
import ListDigestCore

/// `data/search.json`: what the search page searches, in the browser. URLs are relative to the
/// site root. Written as JSON strings (escaped as JSONEncoder does), so untrusted titles and
/// names can only ever be strings. A class: each entry is written by a closure that uses it,
/// and as a struct it was copied (its lists retained) into each of 15,000 of them.
final class SearchIndex: EntryCopyingDataFile {
    struct Entry: Encodable {
        let title: String
        let url: String
        /// Shown under the title.
        let detail: String
        /// Searched too, shown for series: the latest summary's first sentence; for people: addresses.
        let text: String
    }

    /// Series, most recently discussed first; people, most messages first; weeks (by report),
    /// newest first. Each entry is made when it is written: a rebuild copies most of them from
    /// the file in place (`KeyedEntries`), each by the key of its series', person's or week's page,
    /// which covers everything the entry shows.
    private let seriesOrder: [Int]
    private let peopleOrder: [Int]
    private let weekOrder: [Int]
    private let messages: [Int]
    private let site: SiteContext

    init(site: SiteContext) {
        self.site = site
        let all = site.index.series.series
        seriesOrder = all.indices.sorted { (all[$1].weeks.last!, $0) < (all[$0].weeks.last!, $1) }
        let everyone = site.index.people.people
        let messages = everyone.indices.map { site.index.activity[$0]?.messages ?? 0 }
        peopleOrder = everyone.indices.sorted { (messages[$1], $0) < (messages[$0], $1) }
        self.messages = messages
        weekOrder = Array(site.reports.indices.reversed())
    }

    func seriesEntry(_ index: Int) -> Entry {
        // Each series and its row (linked from the site root) read in place: a copy of either
        // retains every text in it, for 12,000 series.
        let all = site.index.series.series
        let rows = site.seriesRows
        // Tags, versions, span and messages, joined by ` · `, into one string made at its
        // size: joined and added piece by piece, each of 12,000 details was five strings.
        let tags = all[index].key.identityTags
        let (versions, first, until) = (rows[index].versions, rows[index].firstWeek, rows[index].untilWeek)
        let label = rows[index].messagesLabel
        var detail = ""
        detail.reserveCapacity(
            tags.reduce(0) { $0 + $1.utf8.count + 4 } + versions.utf8.count + first.utf8.count
                + (until.map { $0.utf8.count + 5 } ?? 0) + label.utf8.count + 8)
        for tag in tags {
            detail += tag
            detail += " · "
        }
        detail += versions
        detail += " · "
        detail += first
        if let until {
            detail += " – "
            detail += until
        }
        detail += " · "
        detail += label
        return Entry(
            title: all[index].title, url: rows[index].url, detail: detail, text: site.summarySentences[index].text)
    }

    func personEntry(_ index: Int) -> Entry {
        let person = site.index.people.people[index]
        return Entry(
            title: person.name, url: site.personLink(index, root: ""),
            detail: (person.isBot ? "bot · " : "") + plural(messages[index], "message"),
            text: person.addresses.joined(separator: " "))
    }

    func weekEntry(_ report: Int) -> Entry {
        let week = site.reports[report].week
        let figures = site.figures[week]!
        return Entry(
            title: week.id, url: site.weekLink(week, root: ""),
            detail: "\(DateText.range(of: week)) · \(plural(figures.threads, "thread")) · "
                + plural(figures.listedMessages, "message"),
            text: figures.categories.map(\.name).joined(separator: " "))
    }

    /// As the arrays of entries it writes (for `JSONEncoder`, which tests hold its bytes to).
    private enum CodingKeys: String, CodingKey {
        case people, series, weeks
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(peopleOrder.map(personEntry), forKey: .people)
        try container.encode(seriesOrder.map(seriesEntry), forKey: .series)
        try container.encode(weekOrder.map(weekEntry), forKey: .weeks)
    }

    /// Compact (it is downloaded), keys sorted, so the same input gives the same bytes.
    func data() -> [UInt8] {
        var json = JSONWriter(pretty: Self.pretty)
        write(to: &json)
        return json.finished()
    }

    /// `write(to:)`, each entry copied from `previous` when it holds the key of the page it is
    /// written from (see `KeyedDataFile`).
    func write(
        to json: inout JSONWriter, path: String, keys: PageKeys, previous: PreviousEntries, verify: Bool
    ) throws(SiteBuildError) -> (entries: [DataEntries.Entry], copied: Int) {
        var keyed = KeyedEntries(path: path, keys: keys, previous: previous, verify: verify, pretty: Self.pretty)
        keyed.reserve(peopleOrder.count + seriesOrder.count + weekOrder.count)
        json.object { json in
            json.key("people")
            json.array { json in
                for person in peopleOrder {
                    keyed.element(.person(person), in: &json) { Self.write(personEntry(person), to: &$0) }
                }
            }
            json.key("series")
            json.array { json in
                for series in seriesOrder {
                    keyed.element(.series(series), in: &json) { Self.write(seriesEntry(series), to: &$0) }
                }
            }
            json.key("weeks")
            json.array { json in
                for report in weekOrder {
                    keyed.element(.week(report), in: &json) { Self.write(weekEntry(report), to: &$0) }
                }
            }
        }
        return try keyed.finished()
    }

    /// Compact: it is downloaded.
    static let pretty = false

    private static func write(_ entry: Entry, to json: inout JSONWriter) {
        json.object { json in
            json.field("detail", entry.detail)
            json.field("text", entry.text)
            json.field("title", entry.title)
            json.field("url", entry.url)
        }
    }
}
