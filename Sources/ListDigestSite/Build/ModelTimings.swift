import Foundation
import ListDigestCore

/// How long the steps that go over the whole archive on every build take (`listdigest-benchmark
/// --model`), each the best of several passes, on every core as a build runs them: linking series
/// and people, the archive's figures, the page keys and the data files.
/// An added week runs all of them again; like `PageTimings`, the best of passes over the same
/// work varies far less than whole builds do.
public struct ModelTimings: Sendable {
    public struct Step: Sendable {
        public let name: String
        public let seconds: Double
    }

    public let weeks: Int
    public let listedMessages: Int
    public let steps: [Step]

    /// Builds the site `request` names, then times the steps over its archive.
    public static func measure(_ request: BuildRequest, passes: Int) async throws -> ModelTimings {
        let (archive, site) = try await SiteBuilder.buildToTime(request)
        let mailmap = try request.site.loadMailmap()
        let settings = String(describing: site.config)
        // As a rebuild has them: kept with the reports' parses.
        let rendered = RenderedReport.all(archive.reports, summaries: site.summaries)
        // Made before the data files, as a build makes them for its pages first.
        let pages = SiteBuilder.pageJobs(site)
        let steps: [(String, () throws -> any Sendable)] = [
            ("link series and people", { ArchiveIndex(reports: archive.reports, mailmap: mailmap) }),
            ("aggregate figures", { SiteContext(config: site.config, index: site.index, rendered: rendered) }),
            ("key pages", { PageKeys(site: site, reportDigests: archive.reportDigests, settings: settings) }),
            ("data files", { try SiteBuilder.dataFileJobs(site, pages: pages).map { try $0() } }),
        ]
        return ModelTimings(
            weeks: archive.reports.count, listedMessages: archive.listedMessageCount,
            steps: try steps.map { name, work in Step(name: name, seconds: try best(of: passes, work)) })
    }

    /// The fastest of `passes` runs of `work`, in seconds. What a run made is freed after its
    /// time is taken: a build keeps its model until the command exits.
    private static func best(of passes: Int, _ work: () throws -> any Sendable) rethrows -> Double {
        var fastest = Double.infinity
        for _ in 0..<max(passes, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            let made = try work()
            fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            withExtendedLifetime(made) {}
        }
        return fastest
    }
}
