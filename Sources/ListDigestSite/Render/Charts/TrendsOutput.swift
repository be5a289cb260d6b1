import Foundation
import ListDigestCore

/// The files the trends page links to: a CSV per chart (`trends/…csv`, `trends/<year>/…csv`)
/// and the weekly numbers as `data/trends.json`.
enum TrendsOutput {
    static func files(_ site: SiteContext, previous: PageCache = .empty) throws -> [OutputFile] {
        var files: [OutputFile] = []
        for section in site.trendSections {
            for item in section.items {
                files.append(OutputFile(path: section.folder + item.slug + ".csv", text: item.table.csv()))
            }
        }
        files.append(
            OutputFile(
                path: SitePaths.trendsData,
                bytes: SiteJSON.data(TrendsJSON(site.trends), sizeHint: previous.size(of: SitePaths.trendsData))))
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
            json.field("categories", categories)
            json.field("messagesOutside", messagesOutside)
            json.key("weeks")
            json.array(weeks) { json, week in
                json.object { json in
                    json.field("categoryThreads", week.categoryThreads)
                    json.field("contributors", week.contributors)
                    json.field("firstTimeContributors", week.firstTimeContributors)
                    json.field("messages", week.messages)
                    json.field("threads", week.threads)
                    json.field("week", week.week)
                }
            }
        }
    }
}
