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
    /// Ignore every cache: read, render and write everything.
    public var clean: Bool

    public init(
        site: SiteLocation, outputDirectory: String, baseURL: String? = nil, strict: Bool = false, clean: Bool = false
    ) {
        self.site = site
        self.outputDirectory = outputDirectory
        self.baseURL = baseURL
        self.strict = strict
        self.clean = clean
    }
}

/// Progress, reported in order from the building task.
public enum BuildProgress: Sendable {
    case reading(folder: String)
    case rendering(done: Int, total: Int)
    case writing(files: Int)
    /// Another build is writing the same output; this one waits its turn.
    case waitingForLock
}

public struct BuildResult: Sendable {
    public let diagnostics: [Diagnostic]
    public let weeks: Int
    public let threads: Int
    public let pages: Int
    public let files: Int
    public let outputDirectory: String
    /// Nothing the site is built from changed since the last build, so nothing was done.
    public var upToDate = false
    /// Pages taken over unchanged from the previous build.
    public var pagesReused = 0
    /// Pages whose template was run: those whose key or view changed (one may still come out
    /// as the page in place, and be taken over).
    public var pagesRendered = 0
    /// Thread summaries rendered from Markdown; the others were kept from the build that
    /// parsed their report.
    public var summariesRendered = 0
    /// Entries of the data files (weeks, series, people) copied from the site being replaced,
    /// their page keys unchanged (see `DataEntries`).
    public var dataEntriesCopied = 0
    /// The message table was the previous build's, extended with the reports added after its
    /// own (see `KeptMessageTable`).
    public var messageTableExtended = false
    /// How many of the files the site is built from (reports, templates, static files, mailmap)
    /// were read to tell whether they changed, and how many there are: the others were stamped
    /// as when an earlier build read them (see `InputStamps`).
    public var inputFilesRead: (read: Int, of: Int) = (0, 0)
    /// When the site was written into the one before the current site: how many of that site's
    /// folders (and its root) were read to list it (few when it was read from its manifest, see
    /// `ManifestListing`), and how many it has.
    public var previousFoldersRead: (read: Int, of: Int)?
    /// How long each step took.
    public var phases = BuildPhases()
    /// The reports and linked model the site was built from, with the list of files written and
    /// the previous site's fingerprints, freed with the result: freeing hundreds of thousands of
    /// messages and thousands of paths takes a twentieth of a second that a command about to
    /// exit need not spend (see `BuildCommand`).
    package var model: (any Sendable)?
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
        var phases = BuildPhases()
        let outputURL = URL(fileURLWithPath: request.outputDirectory).standardizedFileURL
        let keptStamps =
            request.clean
            ? InputStamps.empty
            : InputStamps.load(from: OutputWriter.cacheFile("stamps", beside: outputURL), program: BuildInputs.program)
        let inputs = BuildInputs(site: request.site, config: config, strict: request.strict, stamps: keptStamps)
        phases.end("hash inputs")
        let built = request.clean ? nil : OutputWriter.builtRecord(of: request.outputDirectory)
        if let built, built.inputs == inputs.digest {
            try OutputWriter.removeLeftovers(beside: request.outputDirectory)
            return BuildResult(
                diagnostics: [], weeks: 0, threads: 0, pages: 0, files: 0, outputDirectory: request.outputDirectory,
                upToDate: true, inputFilesRead: inputs.filesRead, phases: phases)
        }
        // The templates are parsed while the parse cache is read, and their errors come first.
        async let templateSet = Result { () throws(SiteBuildError) in
            try TemplateSet(directory: request.site.templatesDirectory, checked: built?.checkedTemplates)
        }
        // Linking's subject lines are mapped and checked meanwhile too.
        async let parsedSubjects =
            request.clean
            ? ParsedSubjectCache.empty
            : ParsedSubjectCache.load(
                from: OutputWriter.cacheFile("subjects", beside: outputURL), program: BuildInputs.program)
        async let keptTable =
            request.clean
            ? KeptMessageTable.empty
            : KeptMessageTable.load(
                from: OutputWriter.cacheFile("table", beside: outputURL), program: BuildInputs.program)
        let cache =
            request.clean
            ? .empty
            : ParsedReportCache.load(
                from: OutputWriter.cacheFile("parsed", beside: outputURL), program: BuildInputs.program)
        let templates = try await templateSet.get()
        progress(.reading(folder: request.site.reportsDirectory))
        let archive: Archive
        do {
            archive = try await ArchiveLoader.load(
                folder: request.site.reportsDirectory, cache: cache, digests: inputs.reportDigests)
        } catch {
            throw SiteBuildError(file: request.site.reportsDirectory, line: 0, message: error.reason)
        }
        // Only the cache's bookkeeping is needed to update it. The file stays mapped while the
        // reports read from it keep their summaries there (see `StoredText`).
        let cacheEntries = cache.withoutContents()
        _ = consume cache
        if request.strict && archive.diagnostics.errorCount > 0 {
            throw SiteBuildError(
                file: request.site.reportsDirectory, line: 0,
                message: "\(archive.diagnostics.errorCount) errors in the reports; nothing written (--strict)")
        }
        phases.end("read reports")
        let mailmap = try request.site.loadMailmap()
        let diagnostics = archive.diagnostics + mailmap.diagnostics
        // Linking leaves a core idle for part of its time: meanwhile the reports parsed anew are
        // worked out for their pages (their summaries rendered) and the output opened. The lock
        // is taken before the previous site's fingerprints are read: another build must not swap
        // in a different site between reading them and linking its pages. Nothing may throw from here until the
        // writer is in the `do` below, which abandons it on error: leaving this scope early would
        // drop an opened writer (lock held, the previous site under a building name).
        async let rendering = renderReports(archive)
        async let opened = openOutput(request, progress: progress)
        let digests = archive.reportDigests
        let index = ArchiveIndex(
            reports: archive.reports, mailmap: mailmap, parsedSubjects: await parsedSubjects,
            keptTable: await keptTable, digests: digests)
        phases.end("link series and people")
        let (rendered, summariesRendered) = await rendering
        phases.end("render summaries")
        let (writer, previous) = try await opened
        phases.end("open output")
        // Only once the output is known to be ours, and while pages are rendered.
        async let cachesKept: Void = keepCaches(
            archive, rendered: rendered, cache: cacheEntries, index: index, digests: digests,
            stamps: inputs.stamps == keptStamps ? nil : inputs.stamps, beside: outputURL)
        // The model's digests need only the index: made on a thread of their own meanwhile, they
        // fill the moments the aggregates leave a core idle.
        let modelDigests = BackgroundWork.start { ModelDigests(index: index, reportDigests: digests) }
        let site = SiteContext(config: config, index: index, rendered: rendered)
        phases.end("aggregate figures")
        let keys = PageKeys(site: site, digests: modelDigests.value(), settings: inputs.settings)
        phases.end("key pages")
        // Made once: the pages are rendered from them, and the sitemap lists them.
        let jobs = pageJobs(site)
        // Each entry of the data files whose page key did not change is copied from the file in place.
        async let dataRendered = renderData(
            site, pages: jobs, previous: previous, streamingInto: writer.staging.path, keys: keys,
            recorded: request.clean ? .none : DataEntries(in: writer.outputURL.path, program: BuildInputs.program),
            output: writer.outputURL.path, emit: writer.write)
        var counts: RenderCounts
        do {
            try writer.write(StaticFiles.read(from: request.site.staticDirectory).map(previous.file))
            counts = try await render(
                site, jobs: jobs, templates: templates, previous: previous, keys: keys, progress: progress,
                emit: writer.write)
            counts.add(try await dataRendered)
            phases.end("render pages and data")
            progress(.writing(files: counts.files))
            await cachesKept
            try writer.finish(.init(inputs: inputs.digest, checkedTemplates: templates.checkedDigest), phases: &phases)
        } catch {
            // Nothing may be written once the writer is abandoned.
            _ = try? await dataRendered
            await cachesKept
            writer.abandon()
            throw error
        }
        return BuildResult(
            diagnostics: diagnostics, weeks: archive.reports.count, threads: archive.threadCount,
            pages: counts.pages, files: counts.files, outputDirectory: request.outputDirectory,
            pagesReused: counts.reused, pagesRendered: counts.rendered, summariesRendered: summariesRendered,
            dataEntriesCopied: counts.entriesCopied, messageTableExtended: index.extendedKeptTable,
            inputFilesRead: inputs.filesRead,
            previousFoldersRead: writer.previousFoldersRead, phases: phases,
            model: (archive, site, writer, previous, keys))
    }

    /// Builds the site `request` names and hands back the reports it read and the site it made
    /// of them: what the benchmark's timings (`PageTimings`, `ModelTimings`) go over again.
    static func buildToTime(_ request: BuildRequest) async throws -> (archive: Archive, site: SiteContext) {
        let result = try await build(request)
        guard let (archive, site, _, _, _) = result.model as? (Archive, SiteContext, SiteWriter, PageCache, PageKeys)
        else { throw SiteBuildError(file: request.site.directory, line: 0, message: "nothing was built to time") }
        return (archive, site)
    }

    /// Takes the output's lock and prepares the folder the site is written into, with the
    /// fingerprints of the pages already there.
    static func openOutput(
        _ request: BuildRequest, progress: @Sendable (BuildProgress) -> Void
    ) throws(SiteBuildError) -> (SiteWriter, PageCache) {
        let writer = try SiteWriter.begin(
            output: request.outputDirectory, reusePrevious: !request.clean, waiting: { progress(.waitingForLock) })
        guard !request.clean else { return (writer, PageCache.empty) }
        return (writer, PageCache(output: writer.outputURL.path, staging: writer.staging.path, staged: writer.staged))
    }

    /// Each report worked out for its pages (`RenderedReport`: its summaries as HTML, their
    /// first sentences, its anchors and figures): kept with its parse when an earlier build
    /// worked it out, otherwise worked out now, each report's on any core. With how many
    /// summaries were rendered.
    static func renderReports(_ archive: Archive) async -> (rendered: [RenderedReport], summariesRendered: Int) {
        let kept = Dictionary(
            archive.files.compactMap { file in keptRendering(of: file).map { (file.path, $0) } }
        ) { first, _ in first }
        return await withTaskGroup(of: (Int, RenderedReport).self) { group in
            var result = [RenderedReport?](repeating: nil, count: archive.reports.count)
            var summariesRendered = 0
            for (index, report) in archive.reports.enumerated() {
                if let rendered = kept[report.path] {
                    result[index] = rendered
                    continue
                }
                summariesRendered += report.threads.count
                group.addTask { (index, RenderedReport(rendering: report)) }
            }
            for await (index, rendered) in group { result[index] = rendered }
            return (result.map { $0! }, summariesRendered)
        }
    }

    /// What was worked out from a file's report and kept with its parse, when it fits the report.
    private static func keptRendering(of file: ParsedFile) -> RenderedReport? {
        guard let rendered = file.rendered, let threads = file.parsed.report?.threads.count,
            rendered.fits(threads: threads)
        else { return nil }
        return rendered
    }

    /// Brings the parsed-report cache up to date: the reports parsed anew, with the summaries
    /// rendered for them; and the parsed-subject cache: the subject lines parsed anew; and the
    /// input files' digests (`stamps`, nil when they are the ones kept already). Written whole
    /// under a leftover's name first, so a killed build leaves nothing another one would not
    /// remove. Only caches: if one cannot be written, the next build parses those reports (and
    /// renders their summaries) or those subject lines again, or reads those inputs again.
    static func keepCaches(
        _ archive: Archive, rendered: [RenderedReport], cache: ParsedReportCache, index: ArchiveIndex,
        digests: [UInt64], stamps: InputStamps?, beside output: URL
    ) {
        try? stamps?.write(
            to: OutputWriter.cacheFile("stamps", beside: output),
            temporary: OutputWriter.temporaryCacheFile("stamps", beside: output), program: BuildInputs.program)
        // The message table stands on the subject cache it was written with: it goes before the
        // cache changes and comes back only once the cache is written.
        let table = OutputWriter.cacheFile("table", beside: output)
        unlink(table)
        let subjectCacheSize = try? ParsedSubjectCache.keep(
            index.subjectsToKeep, file: OutputWriter.cacheFile("subjects", beside: output),
            temporary: OutputWriter.temporaryCacheFile("subjects", beside: output), program: BuildInputs.program)
        if let subjectCacheSize = subjectCacheSize ?? nil, digests.count == archive.reports.count {
            try? KeptMessageTable.keep(
                index.tableToKeep(digests: digests, subjectCacheSize: subjectCacheSize), file: table,
                temporary: OutputWriter.temporaryCacheFile("table", beside: output), program: BuildInputs.program)
        }
        let byPath = Dictionary(zip(archive.reports.map(\.path), rendered)) { first, _ in first }
        let files = archive.files.map { file in
            guard keptRendering(of: file) == nil, let rendered = byPath[file.path] else { return file }
            return file.withRendered(rendered)
        }
        try? cache.update(
            files, file: OutputWriter.cacheFile("parsed", beside: output),
            temporary: OutputWriter.temporaryCacheFile("parsed", beside: output),
            program: BuildInputs.program)
    }

    /// One page to render: the file it goes to, with which template, from which view; and which
    /// keyed page it is, when it is one.
    struct PageJob: Sendable {
        let path: String
        let template: String
        var keyed: KeyedPage? = nil
        let view: @Sendable (SiteContext) -> any MustacheView

        /// The page's URL: its folder, or a file's name.
        var url: String { SitePaths.page(forFile: path) }
    }

    static func pageJobs(_ site: SiteContext) -> [PageJob] {
        var jobs: [PageJob] = [
            PageJob(page: SitePaths.home, template: "home") { HomeView(site: $0) },
            PageJob(page: SitePaths.weeksIndex, template: "weeks") { WeeksIndexView(site: $0) },
            PageJob(page: SitePaths.seriesIndex, template: "series-index", keyed: .seriesIndex) {
                SeriesIndexView(site: $0)
            },
            PageJob(page: SitePaths.peopleIndex, template: "people", keyed: .peopleIndex) { PeopleIndexView(site: $0) },
            PageJob(page: SitePaths.trends, template: "trends") { TrendsPageView(site: $0) },
            PageJob(page: SitePaths.search, template: "search") { SearchPageView(site: $0) },
            PageJob(page: SitePaths.notFound, template: "404") { NotFoundPageView(site: $0) },
        ]
        let sections = site.trendSections
        for position in TrendSection.yearPages(sections) {
            jobs.append(
                PageJob(page: sections[position].folder, template: "trends-year", keyed: .trendYear(position)) {
                    TrendsYearPageView(site: $0, section: position)
                })
        }
        for (index, report) in site.reports.enumerated() {
            jobs.append(
                PageJob(page: SitePaths.week(report.week), template: "week", keyed: .week(index)) {
                    WeekPageView(site: $0, index: index)
                })
        }
        // Series and people by index, their ids read in place: enumerating them copied each
        // (retaining every list in it) to read one text. Their files are the ones the site's
        // lists link to, made once.
        let (allSeries, people) = (site.index.series.series, site.index.people.people)
        jobs.reserveCapacity(jobs.count + allSeries.count + people.count)
        for index in allSeries.indices {
            jobs.append(
                PageJob(path: site.seriesFile(index), template: "series", keyed: .series(index)) {
                    SeriesPageView(site: $0, seriesIndex: index)
                })
        }
        for index in people.indices {
            jobs.append(
                PageJob(path: site.personFile(index), template: "person", keyed: .person(index)) {
                    PersonPageView(site: $0, person: index)
                })
            for (position, year) in (site.index.activity[index]?.years ?? []).enumerated() {
                jobs.append(
                    PageJob(
                        page: SitePaths.person(people[index].id, year: year.year), template: "person-year",
                        keyed: .personYear(person: index, year: position)
                    ) {
                        PersonYearPageView(site: $0, person: index, year: position)
                    })
            }
        }
        return jobs
    }

    struct RenderCounts {
        var files = 0
        var pages = 0
        var reused = 0
        /// Pages whose template was run (one can still come out as the page in place).
        var rendered = 0
        /// Data file entries copied from the site being replaced.
        var entriesCopied = 0

        init() {}

        init(_ files: [OutputFile], rendered: Int) {
            self.files = files.count
            pages = files.count { $0.path.hasSuffix(".html") }
            reused = files.count { $0.reused && $0.path.hasSuffix(".html") }
            self.rendered = rendered
        }

        /// Files that are all pages: nothing to tell apart by its name (for 12,700 pages a
        /// build, looking at each name twice took longer than counting).
        init(pages: [OutputFile], rendered: Int) {
            files = pages.count
            self.pages = pages.count
            reused = pages.count { $0.reused }
            self.rendered = rendered
        }

        mutating func add(_ other: RenderCounts) {
            files += other.files
            pages += other.pages
            reused += other.reused
            rendered += other.rendered
            entriesCopied += other.entriesCopied
        }
    }

    /// Renders the data files, each in a task of its own, handing each task's files to `emit`;
    /// then the record of the keyed files' entries (`DataEntries`). An entry whose page key is
    /// the one `recorded` holds is copied from the file in `output`. `pages`: the site's pages
    /// (`pageJobs`), which the sitemap lists.
    static func renderData(
        _ site: SiteContext, pages: [PageJob], previous: PageCache = .empty, streamingInto folder: String? = nil,
        keys: PageKeys = .none, recorded: DataEntries = .none, output: String = "",
        emit: @escaping @Sendable ([OutputFile]) throws -> Void
    ) async throws(SiteBuildError) -> RenderCounts {
        do {
            return try await withThrowingTaskGroup(of: (RenderCounts, [DataEntries.File]).self) { group in
                for dataFiles in dataFileJobs(
                    site, pages: pages, previous: previous, streamingInto: folder, keys: keys, recorded: recorded,
                    output: output)
                {
                    group.addTask {
                        let made: DataFiles
                        do {
                            made = try dataFiles()
                        } catch let error as SiteBuildError {
                            throw error
                        } catch {
                            throw SiteBuildError(file: "data/", line: 0, message: "cannot encode: \(error)")
                        }
                        // Each kept as it is when its bytes did not change, as pages are.
                        let files = made.files.map(previous.file)
                        try emit(files)
                        var counts = RenderCounts(files, rendered: 0)
                        counts.entriesCopied = made.copied
                        return (counts, made.entries)
                    }
                }
                var counts = RenderCounts()
                var entries: [DataEntries.File] = []
                for try await (chunk, recorded) in group {
                    counts.add(chunk)
                    entries += recorded
                }
                if !entries.isEmpty {
                    let record = [previous.file(DataEntries.file(entries, program: BuildInputs.program))]
                    try emit(record)
                    counts.add(RenderCounts(record, rendered: 0))
                }
                return counts
            }
        } catch let error as SiteBuildError {
            throw error
        } catch {
            throw SiteBuildError(file: "data/", line: 0, message: "cannot write: \(error)")
        }
    }

    /// Renders every page in parallel (both cores busy); each task hands the files it made to
    /// `emit`, which writes them while the other tasks render.
    static func render(
        _ site: SiteContext, jobs: [PageJob], templates: TemplateSet, previous: PageCache = .empty,
        keys: PageKeys = .none, progress: @Sendable (BuildProgress) -> Void,
        emit: @escaping @Sendable ([OutputFile]) throws -> Void
    ) async throws(SiteBuildError) -> RenderCounts {
        let salts = Self.salts(of: jobs, templates: templates)
        var counts = RenderCounts()
        do {
            try await withThrowingTaskGroup(of: RenderCounts.self) { group in
                for positions in Self.renderTasks(jobs) {
                    group.addTask {
                        var rendered: [OutputFile] = []
                        var renderedPages = 0
                        // Jobs come by template: its salt is looked up when the template changes.
                        var (template, salt, salted) = ("", "", StableHasher())
                        for position in positions {
                            let job = jobs[position]
                            let path = job.path
                            if job.template != template {
                                template = job.template
                                (salt, salted) = salts[template]!
                            }
                            // A page with a key is decided by its key: built from the same inputs as the
                            // page in place, not even its view is needed. Otherwise it is rendered, and
                            // the page in place kept (not rewritten) if it came out the same.
                            if let keyed = job.keyed, let key = keys.key(for: keyed, salted: salted) {
                                guard previous.isUnchanged(path, key: key) else {
                                    let html = try templates.renderPage(job.view(site), template: job.template)
                                    renderedPages += 1
                                    rendered.append(previous.page(path, rendered: html, fingerprint: key, key: key))
                                    continue
                                }
                                if PageKeys.verifying {
                                    let html = try templates.renderPage(job.view(site), template: job.template)
                                    guard previous.page(path, rendered: html, fingerprint: key, key: key).reused else {
                                        throw SiteBuildError(
                                            file: path, line: 0,
                                            message: "changed although what it is built from did not (a ListDigest "
                                                + "bug; build --clean renders every page)")
                                    }
                                }
                                rendered.append(.reused(path, fingerprint: key, key: key))
                                continue
                            }
                            // Without a key (the indexes, trends): rendered when what its view shows changed,
                            // and still kept when it came out the same.
                            let view = job.view(site)
                            let fingerprint = ViewFingerprint.of(view, salt: salt)
                            if previous.isUnchanged(path, fingerprint: fingerprint) {
                                rendered.append(.reused(path, fingerprint: fingerprint))
                            } else {
                                let html = try templates.renderPage(view, template: job.template)
                                renderedPages += 1
                                rendered.append(previous.page(path, rendered: html, fingerprint: fingerprint))
                            }
                        }
                        try emit(rendered)
                        return RenderCounts(pages: rendered, rendered: renderedPages)
                    }
                }
                for try await chunk in group {
                    counts.add(chunk)
                    progress(.rendering(done: counts.pages, total: jobs.count))
                }
            }
        } catch let error as SiteBuildError {
            throw error
        } catch {
            throw SiteBuildError(file: templates.directory, line: 0, message: "rendering failed: \(error)")
        }
        return counts
    }

    /// By template: what every page of it depends on besides its view or key, as text and as a
    /// seeded hasher: the program, and the templates it uses (only those: editing one renders
    /// only its pages again). Jobs come by template: their names are looked up only where they
    /// change (a set of all 12,700 hashed each).
    private static func salts(of jobs: [PageJob], templates: TemplateSet) -> [String: (String, StableHasher)] {
        var salts: [String: (String, StableHasher)] = [:]
        var previous = ""
        for job in jobs where job.template != previous {
            previous = job.template
            guard salts[job.template] == nil else { continue }
            let salt = BuildInputs.program + " " + templates.pageDigest(of: job.template) + " " + job.template
            salts[job.template] = (salt, PageKeys.seeded(salt))
        }
        return salts
    }

    /// The jobs each rendering task does, in the order the tasks are started. The pages over the
    /// whole site, which come first (home, the indexes, trends: without a key, or keyed as an
    /// index), are a task each: each is rendered again on every change, the series index and
    /// trends take longer than whole batches of other pages, and batched together they kept one
    /// core rendering them while the other had nothing left. The others come in batches, which
    /// keep the task count small on big archives, and small enough that the last one, which
    /// renders while the other core has nothing left, ends soon.
    static func renderTasks(_ jobs: [PageJob]) -> [Range<Int>] {
        let wholeSite = jobs.prefix { $0.keyed?.isIndex ?? true }.count
        let batch = max(1, jobs.count / 256)
        return (0..<wholeSite).map { $0..<($0 + 1) }
            + stride(from: wholeSite, to: jobs.count, by: batch).map { $0..<min($0 + batch, jobs.count) }
    }

    /// The JSON data, trends CSV files, feed, search index and sitemap, in independent parts.
    /// `pages`: the site's pages (`pageJobs`), which the sitemap lists. `previous`: the site
    /// being replaced, whose files' sizes tell how big the new ones will be.
    /// `streamingInto`: the folder the new site is written into, where the largest files are
    /// written as they are rendered (`StreamedFile`); without it, they are made in memory.
    /// `keys`, `recorded`, `output`: the page keys the entries of the weeks, series and people
    /// files are keyed by, and what the site in `output` recorded of its entries (`DataEntries`).
    static func dataFileJobs(
        _ site: SiteContext, pages: [PageJob], previous: PageCache = .empty, streamingInto folder: String? = nil,
        keys: PageKeys = .none, recorded: DataEntries = .none, output: String = ""
    ) -> [@Sendable () throws -> DataFiles] {
        @Sendable func keyed(_ path: String, _ file: any EntryCopyingDataFile) throws -> DataFiles {
            let previousEntries = PreviousEntries(recorded.files[path], in: output)
            let (written, entries, copied) = try SiteJSON.write(
                file, as: path, streamingInto: folder, keys: keys, previous: previousEntries,
                sizeHint: folder == nil ? previous.size(of: path) : nil)
            return DataFiles(files: [written], entries: entries.entries.isEmpty ? [] : [entries], copied: copied)
        }
        return [
            { try keyed(SitePaths.weeksData, WeeksJSON(site: site)) },
            { try keyed(SitePaths.seriesData, SeriesJSON(site: site)) },
            { try keyed(SitePaths.peopleData, PeopleJSON(site: site)) },
            { DataFiles(files: try TrendsOutput.files(site, previous: previous)) },
            { DataFiles(files: try PublishingFiles.files(site, pages: pages)) },
            { try keyed(SitePaths.searchData, SearchIndex(site: site)) },
        ]
    }

    /// What a data job made: its files, and for the keyed ones the record of their entries and
    /// how many entries were copied from the site being replaced.
    struct DataFiles: Sendable {
        var files: [OutputFile]
        var entries: [DataEntries.File] = []
        var copied = 0
    }
}

extension SiteBuilder.PageJob {
    /// The page at `url` (its folder, or a file's name).
    init(
        page url: String, template: String, keyed: KeyedPage? = nil,
        view: @escaping @Sendable (SiteContext) -> any MustacheView
    ) {
        self.init(path: SitePaths.file(forPage: url), template: template, keyed: keyed, view: view)
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
