import Foundation
import ListDigestCore

/// The files the trends page links to: a CSV per chart (`trends/…csv`, `trends/<year>/…csv`)
/// and the weekly numbers as `data/trends.json`.
enum TrendsOutput {
    static func files(_ site: SiteContext) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for section in TrendSection.all(site) {
            for item in section.items {
                files.append(OutputFile(path: section.folder + item.slug + ".csv", text: item.table.csv()))
            }
        }
        files.append(OutputFile(path: SitePaths.trendsData, contents: SiteJSON.data(TrendsJSON(site.trends))))
        return files
    }
}

/// `data/trends.json`: the numbers of the weekly charts (schema in README.md).
struct TrendsJSON: JSONDataFile {
    struct Week: Encodable {
        let week: String
        let messages: Int
        let threads: Int
        let categoryThreads: [Int]
        let contributors: Int
        let firstTimeContributors: Int
    }

    let categories: [String]
    let messagesOutside: Int
    let weeks: [Week]

    init(_ trends: ArchiveTrends) {
        categories = trends.categories
        messagesOutside = trends.messagesOutside
        weeks = trends.weeks.indices.map { i in
            Week(
                week: trends.weeks[i].id, messages: trends.messages[i], threads: trends.threads[i],
                categoryThreads: trends.categoryThreads[i], contributors: trends.contributors[i],
                firstTimeContributors: trends.firstTimeContributors[i])
        }
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("categories")
            json.array(categories)
            json.key("messagesOutside")
            json.int(messagesOutside)
            json.key("weeks")
            json.array(weeks) { json, week in
                json.object { json in
                    json.key("categoryThreads")
                    json.array(week.categoryThreads)
                    json.key("contributors")
                    json.int(week.contributors)
                    json.key("firstTimeContributors")
                    json.int(week.firstTimeContributors)
                    json.key("messages")
                    json.int(week.messages)
                    json.key("threads")
                    json.int(week.threads)
                    json.key("week")
                    json.string(week.week)
                }
            }
        }
    }
}
