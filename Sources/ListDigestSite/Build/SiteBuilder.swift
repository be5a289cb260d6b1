import Foundation
import ListDigestCore

/// What the command layer asks for.
public struct BuildRequest: Sendable {
    public var site: SiteLocation
    public var outputDirectory: String
    /// Replaces the config's `base_url`.
    public var baseURL: String?
    /// Refuse to write when a report has errors (skipped threads).
    public var strict: Bool

    public init(site: SiteLocation, outputDirectory: String, baseURL: String? = nil, strict: Bool = false) {
        self.site = site
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
        self.strict = strict
    }
}

/// Progress, reported in order from the building task.
public enum BuildProgress: Sendable {
    case reading(folder: String)
    case rendering(done: Int, total: Int)
    case writing(files: Int)
}

public struct BuildResult: Sendable {
    public let diagnostics: [Diagnostic]
    public let weeks: Int
    public let threads: Int
    public let pages: Int
    public let files: Int
    public let outputDirectory: String
}

/// load → render → write. Never prints; problems come back as values or errors.
public enum SiteBuilder {
    public static func build(
        _ request: BuildRequest, progress: @Sendable (BuildProgress) -> Void = { _ in }
    ) async throws -> BuildResult {
        var config = request.site.config
        if let baseURL = request.baseURL {
            config.baseURL = try SiteConfig.normalizedBaseURL(baseURL, file: "--base-url", line: 0)
        }
        let templates = try await TemplateSet(directory: request.site.templatesDirectory)
        progress(.reading(folder: request.site.reportsDirectory))
        let archive: Archive
        do {
            archive = try await ArchiveLoader.load(folder: request.site.reportsDirectory)
        } catch {
            throw SiteBuildError(file: request.site.reportsDirectory, line: 0, message: error.reason)
        }
        if request.strict && archive.diagnostics.errorCount > 0 {
            throw SiteBuildError(
                file: request.site.reportsDirectory, line: 0,
                message: "\(archive.diagnostics.errorCount) errors in the reports; nothing written (--strict)")
        }
        let site = SiteContext(config: config, reports: archive.reports)
        let files = try await render(site, templates: templates, progress: progress)
        progress(.writing(files: files.count))
        try OutputWriter.replace(
            output: request.outputDirectory, files: files, staticDirectory: request.site.staticDirectory)
        return BuildResult(
            diagnostics: archive.diagnostics, weeks: archive.reports.count, threads: archive.threadCount,
            pages: files.count { $0.path.hasSuffix(".html") }, files: files.count,
            outputDirectory: request.outputDirectory)
    }

    /// Renders every page; week pages in parallel, each summary rendered once.
    static func render(
        _ site: SiteContext, templates: TemplateSet, progress: @Sendable (BuildProgress) -> Void
    ) async throws(SiteBuildError) -> [OutputFile] {
        let total = site.reports.count + 2
        var files: [OutputFile] = []
        let weekPages: [OutputFile]
        do {
            weekPages = try await withThrowingTaskGroup(of: (Int, OutputFile).self) { group in
                for index in site.reports.indices {
                    group.addTask {
                        let report = site.reports[index]
                        let summaries = report.threads.map { MarkdownRenderer.html($0.summaryMarkdown) }
                        let view = WeekPageView(site: site, index: index, summaries: summaries)
                        let html = try templates.render(view, template: "week")
                        return (
                            index, OutputFile(path: SitePaths.file(forPage: SitePaths.week(report.week)), text: html)
                        )
                    }
                }
                var pages = [OutputFile?](repeating: nil, count: site.reports.count)
                var done = 0
                for try await (index, file) in group {
                    pages[index] = file
                    done += 1
                    progress(.rendering(done: done, total: total))
                }
                return pages.compactMap { $0 }
            }
        } catch let error as SiteBuildError {
            throw error
        } catch {
            throw SiteBuildError(file: templates.directory, line: 0, message: "rendering failed: \(error)")
        }
        files += weekPages
        files.append(
            OutputFile(
                path: SitePaths.file(forPage: SitePaths.weeksIndex),
                text: try templates.render(WeeksIndexView(site: site), template: "weeks")))
        files.append(
            OutputFile(
                path: SitePaths.file(forPage: SitePaths.home),
                text: try templates.render(HomeView(site: site), template: "home")))
        progress(.rendering(done: total, total: total))
        do {
            files.append(OutputFile(path: SitePaths.weeksData, contents: try WeeksJSON(site: site).data()))
        } catch {
            throw SiteBuildError(file: SitePaths.weeksData, line: 0, message: "cannot encode: \(error)")
        }
        return files
    }
}

extension ArchiveLoaderError {
    var reason: String {
        switch self {
        case .missingFolder: "reports folder does not exist"
        case .unreadableFolder(_, let reason): "cannot list the reports folder: \(reason)"
        }
    }
}
