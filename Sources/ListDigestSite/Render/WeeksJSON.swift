import Foundation
import ListDigestCore

/// `data/weeks.json`: one object per week, oldest first (schema in README.md).
struct WeeksJSON: KeyedDataFile {
    struct Week: Encodable {
        let week: String
        let url: String
        let declaredEmails: Int?
        let declaredThreads: Int?
        let threads: [Thread]
    }

    struct Thread: Encodable {
        let title: String
        let subject: String
        let category: String
        let version: Int
        let rfc: Bool
        let declaredEmails: Int
        let messages: Int
        let anchor: String
        let series: String?
    }

    let site: SiteContext

    init(site: SiteContext) { self.site = site }

    var count: Int { site.reports.count }

    func page(ofEntry index: Int) -> KeyedPage { .week(index) }

    func item(_ reportIndex: Int) -> Week {
        let report = site.reports[reportIndex]
        return Week(
            week: report.week.id, url: site.absoluteURL(SitePaths.week(report.week)),
            declaredEmails: report.declaredEmails, declaredThreads: report.declaredThreads,
            threads: report.threads.enumerated().map { threadIndex, thread in
                Thread(
                    title: thread.subject.title, subject: thread.subjectLine, category: thread.category,
                    version: thread.subject.version, rfc: thread.subject.isRFC,
                    declaredEmails: thread.declaredEmails, messages: thread.messages.count,
                    anchor: site.anchors[reportIndex][threadIndex],
                    series: site.index.location(report: reportIndex, thread: threadIndex).map {
                        site.index.series.series[$0.series].id
                    })
            })
    }

    static func write(_ week: Week, to json: inout JSONWriter) {
        json.object { json in
            json.field("declaredEmails", week.declaredEmails)
            json.field("declaredThreads", week.declaredThreads)
            json.key("threads")
            json.array(week.threads) { json, thread in
                json.object { json in
                    json.field("anchor", thread.anchor)
                    json.field("category", thread.category)
                    json.field("declaredEmails", thread.declaredEmails)
                    json.field("messages", thread.messages)
                    json.field("rfc", thread.rfc)
                    json.field("series", thread.series)
                    json.field("subject", thread.subject)
                    json.field("title", thread.title)
                    json.field("version", thread.version)
                }
            }
            json.field("url", week.url)
            json.field("week", week.week)
        }
    }
}
