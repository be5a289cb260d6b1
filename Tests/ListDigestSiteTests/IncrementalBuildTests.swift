import Foundation
import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

/// An incremental build writes exactly what a clean build writes, byte for byte.
@Suite(.enabled(if: Corpus.isPresent, "the corpus folder ../shared/corpus/kvm-ai-robot is absent"))
struct IncrementalBuildTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
        for week in 28...32 { try addWeek(week) }
    }

    func addWeek(_ week: Int) throws {
        let name = "kvmarm_2025_week\(week < 10 ? "0" : "")\(week).md"
        try folder.write("reports/\(name)", try Data(contentsOf: URL(fileURLWithPath: Corpus.folder + "/" + name)))
    }

    func build(output: String, clean: Bool) async throws -> BuildResult {
        var config = SiteConfig(
            title: "Test digest", baseURL: "https://example.org/kvmarm/", list: "kvmarm",
            templates: ProjectPaths.templates,
            staticFiles: ProjectPaths.exampleSite + "/static")
        config.mailmap = folder.path + "/mailmap"
        let site = SiteLocation(directory: folder.path, config: config, reportsOverride: folder.path + "/reports")
        return try await SiteBuilder.build(
            BuildRequest(site: site, outputDirectory: folder.path + "/" + output, clean: clean))
    }

    func snapshot(_ output: String) throws -> [String: Data] {
        let root = folder.path + "/" + output
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                result[relative] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
            }
        }
        return result
    }

    /// Deletes 40 series, people and week pages from the site at `output`; the pages deleted.
    func deletePages(from output: String) throws -> [String] {
        let deleted = try snapshot(output).keys.filter {
            $0.hasPrefix("series/") || $0.hasPrefix("people/") || $0.hasPrefix("weeks/2025-W28")
        }.sorted().prefix(40)
        #expect(deleted.count == 40)
        for page in deleted { try FileManager.default.removeItem(atPath: folder.path + "/\(output)/" + page) }
        return Array(deleted)
    }

    /// Builds incrementally into `public` and cleanly into `clean`, and compares every file.
    func expectSameAsClean(
        _ change: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> BuildResult {
        let incremental = try await build(output: "public", clean: false)
        _ = try await build(output: "clean", clean: true)
        let (a, b) = (try snapshot("public"), try snapshot("clean"))
        #expect(Set(a.keys) == Set(b.keys), "\(change): different files", sourceLocation: sourceLocation)
        let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
        #expect(differing.isEmpty, "\(change): \(differing.prefix(5))", sourceLocation: sourceLocation)
        return incremental
    }

    @Test func addingChangingAndRemovingWeeksMatchesACleanBuild() async throws {
        defer { folder.remove() }
        let first = try await build(output: "public", clean: true)
        #expect(first.summariesRendered == first.threads && first.threads > 100)

        let noop = try await build(output: "public", clean: false)
        #expect(noop.upToDate)

        func inode(_ file: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: folder.path + "/public/" + file)[.systemFileNumber] as! Int
        }
        /// Every file of the site but the build's own records, with its inode.
        func files() throws -> [String: (bytes: Data, inode: Int)] {
            try snapshot("public").filter { !$0.key.hasPrefix(".") }.reduce(into: [:]) {
                $0[$1.key] = ($1.value, try inode($1.key))
            }
        }
        /// Every page, data file and static file that a clean build would write unchanged is
        /// taken over, not written again. The files that did not change.
        func expectUnchangedKept(since before: [String: (bytes: Data, inode: Int)]) throws -> [String] {
            let after = try files()
            let unchanged = before.keys.filter { after[$0]?.bytes == before[$0]!.bytes }
            for file in unchanged {
                #expect(after[file]!.inode == before[file]!.inode, "\(file) did not change yet was written again")
            }
            return unchanged
        }
        var before = try files()
        try addWeek(33)
        let added = try await expectSameAsClean("a week added")
        #expect(!added.upToDate)
        // The message table of the weeks before is extended with the new week's messages.
        #expect(!first.messageTableExtended && added.messageTableExtended)
        let unchanged = try expectUnchangedKept(since: before)
        #expect(unchanged.contains("style.css"))
        #expect(added.pagesReused == unchanged.count { $0.hasSuffix(".html") })
        // Every summary is rendered once: the earlier weeks' come with their parse.
        #expect(added.summariesRendered == added.threads - first.threads && added.summariesRendered > 0)

        before = try files()
        let path = folder.path + "/reports/kvmarm_2025_week30.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "#### 🤖 AI 总结\n\n", with: "#### 🤖 AI 总结\n\n**Regenerated.** ").write(
            toFile: path, atomically: true, encoding: .utf8)
        let regenerated = try await expectSameAsClean("a week regenerated")
        let week30 = ArchiveLoader.parseReport(
            try Data(contentsOf: URL(fileURLWithPath: path)),
            source: ReportSource(path: path, week: ISOWeek(year: 2025, week: 30)!, listName: "kvmarm"))
        #expect(regenerated.summariesRendered == week30.report?.threads.count)
        // New summaries, the same counts: the trends' tables are kept, the search index written.
        let kept = try expectUnchangedKept(since: before)
        #expect(kept.contains("trends/messages-per-week.csv"))
        #expect(!kept.contains("data/search.json"))

        try FileManager.default.removeItem(atPath: folder.path + "/reports/kvmarm_2025_week28.md")
        let removed = try await expectSameAsClean("a week removed")
        #expect(!removed.messageTableExtended)

        // A new name for someone: every page that names or links them changes, and only those.
        try folder.write("mailmap", "Marc Z. Zyngier <maz@kernel.org>\n")
        let renamed = try await expectSameAsClean("a person renamed by the mailmap")
        #expect(renamed.messageTableExtended)
        #expect(renamed.pagesReused > 0)
        #expect(renamed.summariesRendered == 0)
        try folder.write("reports/kvmarm_2025_week34.md", "# not a report\n")
        _ = try await expectSameAsClean("a broken week added")
    }

    /// A page is taken over when what it is built from did not change, without building its view;
    /// debug builds render it anyway and compare it with the page in place, and a page that
    /// changed all the same (a key that misses something) fails the build rather than going out
    /// stale.
    @Test func pagesAreTakenOverByKeyAndCheckedInDebugBuilds() async throws {
        defer { folder.remove() }
        _ = try await build(output: "public", clean: true)
        // Make every page in place differ from what it renders to, keeping what it was built from.
        for page in try snapshot("public").keys where page.hasSuffix(".html") {
            let path = folder.path + "/public/" + page
            try (String(contentsOfFile: path, encoding: .utf8) + "<!-- edited -->\n").write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        try addWeek(33)

        await #expect(throws: SiteBuildError.self) {
            try await PageKeys.$verifying.withValue(true) { _ = try await build(output: "public", clean: false) }
        }
        // Unchecked, as in release builds, the key alone decides: the pages the week does not
        // touch are taken over as they are (the same file), the others rendered again.
        let inode = { (page: String) in
            try FileManager.default.attributesOfItem(atPath: self.folder.path + "/public/" + page)[.systemFileNumber]
                as! Int
        }
        let pages = try snapshot("public").keys.filter { $0.hasSuffix(".html") }
        let before = try pages.reduce(into: [String: Int]()) { $0[$1] = try inode($1) }
        let result = try await PageKeys.$verifying.withValue(false) { try await build(output: "public", clean: false) }
        let kept = try pages.filter { try inode($0) == before[$0] }
        #expect(kept.count == result.pagesReused)
        #expect(kept.count > pages.count / 2)
        // Week 32 gained a link to the next week.
        #expect(!kept.contains("weeks/2025-W32/index.html"))
    }

    /// A new week touches its own page, the week before it (its "next" link), its series,
    /// its people, the pages that show those series (the weeks that list them, their
    /// participants' pages), and the indexes and trends; every other page is left as it was.
    @Test func aNewWeekRendersOnlyThePagesItTouches() async throws {
        defer { folder.remove() }
        _ = try await build(output: "public", clean: true)
        let before = try snapshot("public").filter { $0.key.hasSuffix(".html") }
        try addWeek(33)
        _ = try await build(output: "public", clean: false)
        let after = try snapshot("public")
        let rendered = Set(after.keys.filter { $0.hasSuffix(".html") && after[$0] != before[$0] })

        let archive = try await ArchiveLoader.load(folder: folder.path + "/reports")
        let index = ArchiveIndex(reports: archive.reports)
        let newWeek = try #require(index.reports.firstIndex { $0.week.id == "2025-W33" })
        var touched: Set<String> = [
            "index.html", "weeks/index.html", "series/index.html", "people/index.html", "trends/index.html",
            "search/index.html", "404.html", "weeks/2025-W33/index.html", "weeks/2025-W32/index.html",
        ]
        // Their page, and their year pages that list a series the week touched.
        func person(_ person: Int, year: Int) -> [String] {
            let id = index.people.people[person].id
            return [SitePaths.person(id), SitePaths.person(id, year: year)].map(SitePaths.file(forPage:))
        }
        let newYear = index.reports[newWeek].week.year
        for (threadIndex, thread) in index.reports[newWeek].threads.enumerated() {
            if let location = index.location(report: newWeek, thread: threadIndex) {
                let series = index.series.series[location.series]
                touched.insert(SitePaths.file(forPage: SitePaths.series(series.id)))
                touched.formUnion(series.weeks.map { SitePaths.file(forPage: SitePaths.week($0)) })
                touched.formUnion(series.participantYears.flatMap { person($0.person, year: $0.year) })
                if let author = series.author {
                    touched.formUnion(person(author, year: ISOWeek(containing: series.versions[0].firstDate.date).year))
                }
            }
            touched.formUnion(
                thread.messages.compactMap { index.people.personIndex(of: $0.sender) }.flatMap {
                    person($0, year: newYear)
                })
        }
        #expect(rendered.subtracting(touched).isEmpty, "\(rendered.subtracting(touched).sorted().prefix(8))")
        // Most of the site is left alone: the week is one of six.
        #expect(rendered.count * 3 < after.keys.count { $0.hasSuffix(".html") })
    }

    /// The whole corpus, changed in the ways a real archive changes; each incremental build
    /// (whose pages debug builds check against their keys) must equal a clean one.
    @Test func everyKindOfChangeToTheWholeCorpusMatchesACleanBuild() async throws {
        defer { folder.remove() }
        for week in Array(1...27) + [34, 35, 36, 37, 38, 39] { try addWeek(week) }
        _ = try await build(output: "public", clean: true)
        try addWeek(40)
        _ = try await expectSameAsClean("the newest week added")

        func edit(_ week: Int, _ change: (String) -> String) throws {
            let path = folder.path + "/reports/kvmarm_2025_week\(week < 10 ? "0" : "")\(week).md"
            try change(try String(contentsOfFile: path, encoding: .utf8)).write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        try edit(20) { $0.replacingOccurrences(of: "发件人: Eric Auger <", with: "发件人: Eric A. Auger <") }
        _ = try await expectSameAsClean("a sender's name spelled differently in one week")
        try edit(12) { text in
            let end = text.range(of: "\n---", options: .backwards)!.lowerBound
            return String(text[..<end]) + "\n- 发件人: New Person <new.person@example.org>" + text[end...]
        }
        _ = try await expectSameAsClean("a line added to a thread's message list")
        // Without its title, a report's list name comes from its file name alone.
        try edit(2) { String($0.drop { $0 != "\n" }) }
        _ = try await expectSameAsClean("a report's title removed")
        try FileManager.default.moveItem(
            atPath: folder.path + "/reports/kvmarm_2025_week02.md",
            toPath: folder.path + "/reports/kvm-arm_2025_week02.md")
        _ = try await expectSameAsClean("a report without a title renamed")
        try FileManager.default.removeItem(atPath: folder.path + "/reports/kvmarm_2025_week15.md")
        _ = try await expectSameAsClean("a week in the middle removed")
        try addWeek(33)
        _ = try await expectSameAsClean("a missing week filled in")
        try folder.write("mailmap", "Cornelia Huck <cornelia.huck@example.org> <cohuck@redhat.com>\n")
        _ = try await expectSameAsClean("an address mapped to another by the mailmap")
        try folder.write("mailmap", "Marc Zyngier <maz@kernel.org> <oliver.upton@linux.dev>\n")
        let merged = try await expectSameAsClean("two people merged by the mailmap")
        #expect(merged.pagesReused > 0)
    }

    /// A page the previous build recorded with the same key, but that is no longer in the output
    /// (deleted by hand), is written again rather than taken over: nothing to take over.
    @Test func aPageDeletedFromTheOutputIsWrittenAgain() async throws {
        defer { folder.remove() }
        _ = try await build(output: "public", clean: true)
        let root = folder.path + "/public/"
        let deleted = try deletePages(from: "public")
        // A new week, so that the build does not stop at finding its inputs unchanged.
        try addWeek(33)
        let rebuilt = try await expectSameAsClean("pages deleted from the output")
        #expect(rebuilt.pagesReused > 100)
        for page in deleted { #expect(FileManager.default.fileExists(atPath: root + page), "\(page)") }
    }

    /// A page the folder written into (the site before the last) holds as it is needs nothing
    /// of the output: one deleted from the output is taken from there, not rendered again.
    @Test func aPageDeletedFromTheOutputIsTakenFromTheSiteBefore() async throws {
        defer { folder.remove() }
        _ = try await build(output: "public", clean: true)
        _ = try await build(output: "public", clean: true)
        let root = folder.path + "/public/"
        let deleted = try deletePages(from: "public")
        // A mailmap that maps nobody: the build runs, and no page changes.
        try folder.write("mailmap", "# nobody is renamed\n")
        let rebuilt = try await expectSameAsClean("pages deleted from the output, the site before holding them")
        #expect(!rebuilt.upToDate)
        #expect(rebuilt.pagesRendered == 0)
        for page in deleted { #expect(FileManager.default.fileExists(atPath: root + page), "\(page)") }
    }

    /// A data file is written as it is rendered, then renamed into place, or removed when the
    /// output or the folder written into (the site before the last) holds it already: none is
    /// left behind, and one that comes back to what the site before held keeps that file.
    @Test func dataFilesWrittenAsRenderedLeaveNothingBehind() async throws {
        defer { folder.remove() }
        _ = try await build(output: "public", clean: true)
        func inode(_ path: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: folder.path + "/public/" + path)[.systemFileNumber] as! Int
        }
        let first = try inode("data/weeks.json")
        try addWeek(33)
        _ = try await build(output: "public", clean: false)
        #expect(try inode("data/weeks.json") != first)
        try FileManager.default.removeItem(atPath: folder.path + "/reports/kvmarm_2025_week33.md")
        // Written into the site before the last, which holds this very weeks.json already.
        _ = try await expectSameAsClean("a week added, then removed again")
        #expect(try inode("data/weeks.json") == first)
        _ = try await build(output: "public", clean: false)
        for output in ["public", ".public.previous"] {
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/" + output)
            #expect(!left.contains { $0.hasPrefix(".listdigest-streaming") }, "\(output): \(left)")
        }
    }

    /// How many entries the site's keyed data files (weeks, series, people, and the search
    /// index's three arrays) list.
    func dataEntries(_ output: String) throws -> Int {
        func json(_ name: String) throws -> Any {
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: "\(folder.path)/\(output)/data/\(name).json")))
        }
        let arrays = try ["weeks", "series", "people"].reduce(0) { $0 + (try json($1) as! [Any]).count }
        let search = try json("search") as! [String: [Any]]
        return arrays + search.values.reduce(0) { $0 + $1.count }
    }

    /// A new week copies the data files' entries whose page keys did not change from the files in
    /// place and writes the others; a file changed in place is not copied from.
    @Test func dataFileEntriesTheWeekDoesNotTouchAreCopied() async throws {
        defer { folder.remove() }
        #expect(try await build(output: "public", clean: true).dataEntriesCopied == 0)
        try addWeek(33)
        let added = try await expectSameAsClean("a week added")
        let entries = try dataEntries("public")
        #expect(added.dataEntriesCopied > entries / 2 && added.dataEntriesCopied < entries)
        // Every entry of series.json edited in place (same length): none may be copied.
        let path = folder.path + "/public/data/series.json"
        let edited = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "\"pull\" : false", with: "\"pull\" : 00000")
        try edited.write(toFile: path, atomically: false, encoding: .utf8)
        try addWeek(34)
        let afterEdit = try await expectSameAsClean("a week added after series.json was edited")
        #expect(afterEdit.dataEntriesCopied > 0)
    }

    /// Debug builds write each copied entry again and fail when it differs: a record that gives
    /// every entry of people.json the first one's bytes is caught; unchecked, it is copied.
    @Test func copiedEntriesAreCheckedInDebugBuilds() async throws {
        defer { folder.remove() }
        _ = try await build(output: "public", clean: true)
        let recorded = DataEntries(in: folder.path + "/public", program: BuildInputs.program)
        let people = try #require(recorded.files[SitePaths.peopleData])
        #expect(people.entries.count > 10)
        let wrong = DataEntries.File(
            path: people.path, fingerprint: people.fingerprint,
            entries: people.entries.map { DataEntries.Entry(key: $0.key, range: people.entries[0].range) })
        let record = DataEntries.file(
            recorded.files.values.filter { $0.path != people.path } + [wrong], program: BuildInputs.program)
        var bytes: [UInt8] = []
        record.withBytes { bytes = Array($0) }
        try folder.write("public/" + DataEntries.fileName, Data(bytes))
        try addWeek(33)
        await #expect(throws: SiteBuildError.self) {
            try await PageKeys.$verifying.withValue(true) { _ = try await build(output: "public", clean: false) }
        }
        _ = try await PageKeys.$verifying.withValue(false) { try await build(output: "public", clean: false) }
        _ = try await build(output: "clean", clean: true)
        let peopleFile = "/data/people.json"
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: folder.path + "/public" + peopleFile))
                != Data(contentsOf: URL(fileURLWithPath: folder.path + "/clean" + peopleFile)))
    }

    /// A page whose key changed is rendered again; when it comes out as it was (its template
    /// shows nothing that changed), its file stays.
    @Test func aPageRenderedAgainTheSameKeepsItsFile() async throws {
        defer { folder.remove() }
        let templates = folder.path + "/templates"
        try FileManager.default.copyItem(atPath: ProjectPaths.templates, toPath: templates)
        // The layout's description counts people, so this index does without the layout.
        try folder.write("templates/people.mustache", "<!DOCTYPE html>\n<title>People</title>\n<h1>People</h1>\n")
        let config = SiteConfig(
            title: "Test digest", list: "kvmarm", templates: templates,
            staticFiles: ProjectPaths.exampleSite + "/static")
        let site = SiteLocation(directory: folder.path, config: config, reportsOverride: folder.path + "/reports")
        let request = BuildRequest(site: site, outputDirectory: folder.path + "/public")
        _ = try await SiteBuilder.build(request)
        let page = folder.path + "/public/people/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: page)[.systemFileNumber] as? Int
        try addWeek(33)
        let added = try await SiteBuilder.build(request)
        // The people index lists new numbers (its key changed) but its template shows none of them.
        #expect(added.pagesRendered > added.pages - added.pagesReused)
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.systemFileNumber] as? Int == before)
        _ = try await SiteBuilder.build(BuildRequest(site: site, outputDirectory: folder.path + "/clean", clean: true))
        #expect(try snapshot("public") == snapshot("clean"))
    }

    /// Editing a template renders again the pages that use it, and only those; the site is the
    /// one a clean build makes with the edited templates.
    @Test func aTemplateChangeRendersThePagesThatUseIt() async throws {
        defer { folder.remove() }
        let templates = folder.path + "/templates"
        try FileManager.default.copyItem(atPath: ProjectPaths.templates, toPath: templates)
        let config = SiteConfig(
            title: "Test digest", list: "kvmarm", templates: templates,
            staticFiles: ProjectPaths.exampleSite + "/static")
        let site = SiteLocation(directory: folder.path, config: config, reportsOverride: folder.path + "/reports")
        let request = BuildRequest(site: site, outputDirectory: folder.path + "/public")
        let first = try await SiteBuilder.build(request)
        func append(_ text: String, to template: String) throws {
            let path = templates + "/" + template + ".mustache"
            try (try String(contentsOfFile: path, encoding: .utf8) + text).write(
                toFile: path, atomically: true, encoding: .utf8)
        }
        func pages(_ folder: String) throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: self.folder.path + "/public/" + folder)
                .count { $0 != "index.html" }
        }

        // A partial: only the week pages include it.
        try append("<!-- thread changed -->\n", to: "thread")
        let weeksChanged = try await SiteBuilder.build(request)
        #expect(weeksChanged.pagesRendered == first.weeks)
        #expect(weeksChanged.pages - weeksChanged.pagesReused == first.weeks)
        let week = try String(contentsOfFile: folder.path + "/public/weeks/2025-W30/index.html", encoding: .utf8)
        #expect(week.contains("<!-- thread changed -->"))

        // A page template: its pages, nothing else.
        try append("<!-- series changed -->\n", to: "series")
        let seriesChanged = try await SiteBuilder.build(request)
        #expect(seriesChanged.pagesRendered == (try pages("series")))
        #expect(seriesChanged.pages - seriesChanged.pagesReused == seriesChanged.pagesRendered)

        // The template every page extends: every page.
        try append("<!-- base changed -->\n", to: "base")
        let allChanged = try await SiteBuilder.build(request)
        #expect(allChanged.pagesRendered == allChanged.pages && allChanged.pagesReused == 0)

        // A partial no template includes yet changes nothing; including it changes its pages.
        try folder.write("templates/aside.mustache", "<aside>new</aside>\n")
        let unused = try await SiteBuilder.build(request)
        #expect(unused.pagesRendered == 0 && unused.pagesReused == unused.pages)
        try append("{{>aside}}\n", to: "person-year")
        let yearsChanged = try await SiteBuilder.build(request)
        let yearPages = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/public/people")
            .filter { $0 != "index.html" }
            .reduce(0) { count, person in
                try count
                    + FileManager.default.contentsOfDirectory(atPath: folder.path + "/public/people/" + person)
                    .count { $0 != "index.html" }
            }
        #expect(yearsChanged.pagesRendered == yearPages && yearsChanged.pagesReused == yearsChanged.pages - yearPages)

        _ = try await SiteBuilder.build(BuildRequest(site: site, outputDirectory: folder.path + "/clean", clean: true))
        let (incremental, clean) = (try snapshot("public"), try snapshot("clean"))
        #expect(Set(incremental.keys) == Set(clean.keys))
        #expect(incremental.keys.filter { incremental[$0] != clean[$0] }.isEmpty)
        #expect(String(decoding: clean["people/index.html"] ?? Data(), as: UTF8.self).contains("base changed"))
    }
}
