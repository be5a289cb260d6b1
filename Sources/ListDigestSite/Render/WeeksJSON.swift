import Foundation
import ListDigestCore

/// `data/weeks.json`: one object per week, oldest first (schema in README.md).
struct WeeksJSON: JSONDataFile {
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

    let weeks: [Week]

    init(site: SiteContext) {
        weeks = site.reports.enumerated().map { reportIndex, report in
            Week(
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
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(weeks)
    }

    func write(to json: inout JSONWriter) {
        json.array(weeks) { json, week in
            json.object { json in
                if let declaredEmails = week.declaredEmails {
                    json.key("declaredEmails")
                    json.int(declaredEmails)
                }
                if let declaredThreads = week.declaredThreads {
                    json.key("declaredThreads")
                    json.int(declaredThreads)
                }
                json.key("threads")
                json.array(week.threads) { json, thread in
                    json.object { json in
                        json.key("anchor")
                        json.string(thread.anchor)
                        json.key("category")
                        json.string(thread.category)
                        json.key("declaredEmails")
                        json.int(thread.declaredEmails)
                        json.key("messages")
                        json.int(thread.messages)
                        json.key("rfc")
                        json.bool(thread.rfc)
                        if let series = thread.series {
                            json.key("series")
                            json.string(series)
                        }
                        json.key("subject")
                        json.string(thread.subject)
                        json.key("title")
                        json.string(thread.title)
                        json.key("version")
                        json.int(thread.version)
                    }
                }
                json.key("url")
                json.string(week.url)
                json.key("week")
                json.string(week.week)
            }
        }
    }
}
