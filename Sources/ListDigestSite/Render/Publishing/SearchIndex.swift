import Foundation
import ListDigestCore

/// `data/search.json`: what the search page searches, in the browser. URLs are relative to the
/// site root. Written as JSON strings (escaped as JSONEncoder does), so untrusted titles and
/// names can only ever be strings.
struct SearchIndex: JSONDataFile {
    struct Entry: Encodable {
        let title: String
        let url: String
        /// Shown under the title.
        let detail: String
        /// Searched too, shown for series: the latest summary's first sentence; for people: addresses.
        let text: String
    }

    /// Most recently discussed first.
    let series: [Entry]
    /// Most messages first.
    let people: [Entry]
    /// Newest first.
    let weeks: [Entry]

    init(site: SiteContext) {
        let all = site.index.series.series
        let order = all.indices.sorted { (all[$1].weeks.last!, $0) < (all[$0].weeks.last!, $1) }
        // Each series and its row (linked from the site root) read in place: a copy of either
        // retains every text in it, for 12,000 series.
        let rows = site.seriesRows
        series = order.map { index in
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
                title: all[index].title, url: rows[index].url, detail: detail, text: site.summarySentences[index])
        }
        let everyone = site.index.people.people
        let messages = everyone.indices.map { site.index.activity[$0]?.messages ?? 0 }
        people = everyone.indices.sorted { (messages[$1], $0) < (messages[$0], $1) }.map { index in
            Entry(
                title: everyone[index].name, url: site.personLink(index, root: ""),
                detail: (everyone[index].isBot ? "bot · " : "") + plural(messages[index], "message"),
                text: everyone[index].addresses.joined(separator: " "))
        }
        weeks = site.reports.reversed().map { report in
            let figures = site.figures[report.week]!
            return Entry(
                title: report.week.id, url: site.weekLink(report.week, root: ""),
                detail: "\(DateText.range(of: report.week)) · \(plural(figures.threads, "thread")) · "
                    + plural(figures.listedMessages, "message"),
                text: figures.categories.map(\.name).joined(separator: " "))
        }
    }

    /// Compact (it is downloaded), keys sorted, so the same input gives the same bytes.
    func data(sizeHint: Int? = nil) -> [UInt8] {
        var json = JSONWriter(pretty: false, capacity: SiteJSON.capacity(for: sizeHint))
        write(to: &json)
        return json.finished()
    }

    func write(to json: inout JSONWriter) {
        func entries(_ entries: [Entry], _ json: inout JSONWriter) {
            json.array(entries) { json, entry in
                json.object { json in
                    json.field("detail", entry.detail)
                    json.field("text", entry.text)
                    json.field("title", entry.title)
                    json.field("url", entry.url)
                }
            }
        }
        json.object { json in
            json.key("people")
            entries(people, &json)
            json.key("series")
            entries(series, &json)
            json.key("weeks")
            entries(weeks, &json)
        }
    }
}
