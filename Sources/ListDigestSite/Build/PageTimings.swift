import Foundation
import ListDigestCore

/// How long making every page's view and rendering every page take on one core, each the best
/// of several passes over all the pages (`listdigest-benchmark --pages`). On a shared machine a
/// whole build varies by a tenth from one run to the next; the best of passes repeating the same
/// work on one thread varies by a few hundredths, small enough to see what one change to the
/// views or the renderer does.
public struct PageTimings: Sendable {
    /// One step over every page: its best pass, in seconds, in total and by template.
    public struct Step: Sendable {
        public let seconds: Double
        public let byTemplate: [String: Double]
    }

    public let pages: Int
    public let views: Step
    public let rendering: Step
    /// swift-mustache rendering the same views through their accessors (one pass): the reference
    /// the renderer is tested against, and what it is compared with.
    public let reference: Step

    /// Builds the site `request` names, then times its pages.
    public static func measure(_ request: BuildRequest, passes: Int) async throws -> PageTimings {
        let site = try await SiteBuilder.buildToTime(request).site
        let templates = try TemplateSet(directory: request.site.templatesDirectory)
        let jobs = SiteBuilder.pageJobs(site)
        let names = jobs.map(\.template)
        let views = best(of: passes, names) { _ = jobs[$0].view(site) }
        let built = jobs.map { $0.view(site) }
        let rendering = try best(of: passes, names) { _ = try templates.renderPage(built[$0], template: names[$0]) }
        let reference = try best(of: 1, names) {
            _ = try templates.renderWithSwiftMustache(built[$0], template: names[$0])
        }
        return PageTimings(pages: jobs.count, views: views, rendering: rendering, reference: reference)
    }

    /// `work` for every page (by its place in `templates`, each page's template), `passes` times:
    /// the fastest pass, with its time by template.
    private static func best(of passes: Int, _ templates: [String], _ work: (Int) throws -> Void) rethrows -> Step {
        var fastest = Step(seconds: .infinity, byTemplate: [:])
        for _ in 0..<max(passes, 1) {
            var byTemplate: [String: Double] = [:]
            var total = 0.0
            for page in templates.indices {
                let start = DispatchTime.now().uptimeNanoseconds
                try work(page)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                byTemplate[templates[page], default: 0] += seconds
                total += seconds
            }
            if total < fastest.seconds { fastest = Step(seconds: total, byTemplate: byTemplate) }
        }
        return fastest
    }
}
