import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

@Suite struct OutputWriterTests {
    @Test func replacesAPreviousBuildWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path + "/public"
        try OutputWriter.replace(
            output: output, files: [OutputFile(path: "old.html", text: "old")], staticDirectory: nil)
        try OutputWriter.replace(
            output: output, files: [OutputFile(path: "a/new.html", text: "new")], staticDirectory: nil)
        #expect(!FileManager.default.fileExists(atPath: output + "/old.html"))
        #expect(try String(contentsOfFile: output + "/a/new.html", encoding: .utf8) == "new")
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix(".") && $0 != ".public.lock" && $0 != ".public.listed"
        }
        #expect(beside == [".public.previous"], "only the site before is kept")
        #expect(try String(contentsOfFile: folder.path + "/.public.previous/old.html", encoding: .utf8) == "old")
    }

    /// Every file of a folder and its text, the build's own bookkeeping files left out.
    func contents(_ path: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for entry in try FileManager.default.subpathsOfDirectory(atPath: path) {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + entry, isDirectory: &isFolder)
            if !isFolder.boolValue, !entry.hasPrefix(".listdigest") {
                result[entry] = try String(contentsOfFile: path + "/" + entry, encoding: .utf8)
            }
        }
        return result
    }

    @Test func theSiteBeforeIsBroughtUpToDateAndHoldsNothingElse() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path + "/public"
        let page = { (path: String, text: String) in OutputFile(path: path, text: text, fingerprint: "f-" + text) }
        let builds: [[OutputFile]] = [
            [
                page("a/index.html", "a1"), page("b/index.html", "b1"), page("gone/index.html", "g"),
                OutputFile(path: "data/x.json", text: "1"), page("file-then-folder", "f"),
            ],
            [
                page("a/index.html", "a2"), page("b/index.html", "b1"), OutputFile(path: "data/x.json", text: "2"),
                page("file-then-folder/index.html", "nested"), page("deep/er/index.html", "d"),
            ],
            // The third build is written into the first one's folder.
            [
                page("a/index.html", "a2"), page("b/index.html", "b3"), page("new/index.html", "n"),
                page("gone", "now a file"), OutputFile(path: "data/x.json", text: "3"),
                page("file-then-folder/index.html", "nested"),
            ],
        ]
        var expected: [[String: String]] = []
        for files in builds {
            // Pages the live site has with the same fingerprint are reused, as the page cache would say.
            let live = PageCache(output: output)
            let marked = files.map { file in
                file.fingerprint.map { live.isUnchanged(file.path, fingerprint: $0) } == true
                    ? OutputFile.reused(file.path, fingerprint: file.fingerprint!) : file
            }
            try OutputWriter.replace(output: output, files: marked, staticDirectory: nil)
            expected.append(
                Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) }))
            let got = try contents(output)
            #expect(
                got == expected.last!,
                "\(got.sorted { $0.key < $1.key }) vs \(expected.last!.sorted { $0.key < $1.key })")
        }
        #expect(try contents(folder.path + "/.public.previous") == expected[1])
        #expect(
            !FileManager.default.fileExists(atPath: output + "/deep"), "folders of the first site that emptied are gone"
        )
    }

    /// The manifest lists every fingerprinted file once, sorted by path, and reads back as
    /// written; a line with a missing or empty field is skipped, the lines around it are read.
    @Test func theManifestReadsBackAsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let files: [(path: String, fingerprint: String?, key: String?)] = [
            ("series/b/index.html", "00ff00ff00ff00ff", "00ff00ff00ff00ff"),
            ("index.html", "1234abcd1234abcd", nil),
            ("people/é/index.html", "aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"),
            ("static/a\tb.txt", "cccccccccccccccc", nil),
            ("streamed.json", nil, nil),
        ]
        let manifest = PageCache.manifest(files)
        let text = String(decoding: manifest.contents, as: UTF8.self)
        #expect(
            text.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 2).last! }
                == ["index.html", "people/é/index.html", "series/b/index.html", "static/a\tb.txt"])
        try folder.write(PageCache.fileName, text + "only\ttwo\n\t-\tno-fingerprint\nfff\t\tno-key\n")
        let entries = PageCache.entries(in: folder.path)
        #expect(entries.count == 4)
        for file in files where file.fingerprint != nil {
            #expect(entries[file.path]?.fingerprint == file.fingerprint, "\(file.path)")
            #expect(entries[file.path]?.key == file.key, "\(file.path)")
        }
        #expect(PageCache.manifest([]).contents == Data("\n".utf8))
    }

    /// The manifest's lines come in the order of their paths as texts, whether the paths are
    /// compared as bytes (ASCII only) or as texts: prefixes, cases, digits, accents and other
    /// scripts mixed. (All composed: Swift orders a text with a combining mark inconsistently
    /// against composed ones, so no one order of such paths comes out of every sort.)
    @Test func theManifestIsSortedAsTextsAre() {
        var random = SystemRandomNumberGenerator()
        let pieces = ["a", "A", "b", "series", "series-", "z", "0", "9", "é", "ü", "日", "-", "_", "/", "Z"]
        var paths = Set<String>()
        while paths.count < 2_000 {
            paths.insert(
                (0..<Int.random(in: 1...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined())
        }
        let files = paths.shuffled(using: &random).map {
            (path: $0, fingerprint: Optional("f"), key: Optional<String>.none)
        }
        let listed = String(decoding: PageCache.manifest(files).contents, as: UTF8.self).split(separator: "\n").map {
            String($0.dropFirst(4))
        }
        #expect(listed == paths.sorted())
    }

    /// The previous site is listed whole: every file and link, every folder (empty ones too),
    /// relative to its root, links not followed.
    @Test func thePreviousSiteIsListedWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("site/index.html", "home")
        try folder.write("site/weeks/2025-W01/index.html", "week")
        try folder.write("site/.listdigest", "marker")
        try FileManager.default.createDirectory(atPath: folder.path + "/site/empty", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/site/link", withDestinationPath: "weeks")
        let listed = try #require(FolderTree.list(folder.path + "/site"))
        #expect(listed.files.sorted() == [".listdigest", "index.html", "link", "weeks/2025-W01/index.html"])
        #expect(listed.folders.sorted() == ["empty", "weeks", "weeks/2025-W01"])
        // A folder comes before what it holds: removing unused ones deepest first relies on it.
        #expect(listed.folders.firstIndex(of: "weeks")! < listed.folders.firstIndex(of: "weeks/2025-W01")!)
        #expect(FolderTree.list(folder.path + "/missing") == nil)
    }

    /// Folders nested far deeper than any site's are listed whole, without running out of stack.
    @Test func aDeepTreeIsListedWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let levels = (1...1500).map { Array(repeating: "d", count: $0).joined(separator: "/") }
        try folder.write("site/" + levels.last! + "/index.html", "page")
        let listed = try #require(FolderTree.list(folder.path + "/site"))
        #expect(listed.folders.sorted() == levels.sorted())
        #expect(listed.files == [levels.last! + "/index.html"])
    }

    /// Two files whose paths differ only in case cannot both be written: on a file system that
    /// ignores case (macOS, Windows hosts), one would replace the other.
    @Test func pathsDifferingOnlyInCaseAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for (first, second) in [
            ("data/weeks.json", "Data/weeks.json"), ("people/émile/index.html", "people/Émile/index.html"),
            ("feed.xml", "feed.xml"),
        ] {
            var staging = StagingFolder(root: URL(fileURLWithPath: folder.path + "/site-\(UUID().uuidString)"))
            try FileManager.default.createDirectory(at: staging.root, withIntermediateDirectories: true)
            try staging.write(OutputFile(path: first, text: "one"))
            #expect(throws: SiteBuildError.self, "\(second)") {
                try staging.write(OutputFile(path: second, text: "two"))
            }
            try staging.write(OutputFile(path: first + ".other", text: "three"))
        }
    }

    /// A folder of more names than one read of the system's listing holds is listed whole.
    @Test func aFolderOfThousandsOfPagesIsListedWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let names = (0..<1500).map { "series/a-series-title-long-enough-to-fill-the-listing-\($0)" }
        for name in names { try folder.write("site/\(name)/index.html", "page") }
        let listed = try #require(FolderTree.list(folder.path + "/site"))
        #expect(listed.files.sorted() == names.map { $0 + "/index.html" }.sorted())
        #expect(listed.folders.sorted() == (["series"] + names).sorted())
    }

    @Test func aSiteLeftRetiredByAKilledFallbackSwapIsPutBack() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path + "/public"
        try OutputWriter.replace(output: output, files: [OutputFile(path: "a.html", text: "old")], staticDirectory: nil)
        // Killed between the two renames of a swap without renameat2: no output, the old site retired.
        try FileManager.default.moveItem(atPath: output, toPath: folder.path + "/.public.old-999")
        try folder.write(".public.building-999/half.html", "half")
        #expect(throws: SiteBuildError.self) {
            try OutputWriter.replace(
                output: output, files: [OutputFile(path: "../escape.html", text: "x")], staticDirectory: nil)
        }
        #expect(try contents(output) == ["a.html": "old"], "the old site is back although this build failed")
        let beside = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            $0.hasPrefix(".") && $0 != ".public.lock" && $0 != ".public.listed"
        }
        #expect(beside == [], "leftovers are gone: \(beside)")
    }

    @Test func abandoningAfterFinishingChangesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let writer = try SiteWriter.begin(output: folder.path + "/public", reusePrevious: true, waiting: {})
        try writer.write([OutputFile(path: "a.html", text: "a")])
        var phases = BuildPhases()
        try writer.finish(OutputWriter.BuiltRecord(inputs: nil), phases: &phases)
        writer.abandon()
        #expect(try contents(folder.path + "/public") == ["a.html": "a"])
        // The lock is free again: another build can take it at once.
        try OutputWriter.replace(output: folder.path + "/public", files: [], staticDirectory: nil)
        #expect(try contents(folder.path + "/public") == [:])
    }

    @Test func aCleanBuildStartsFromAnEmptyFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path + "/public"
        for text in ["one", "two"] {
            try OutputWriter.replace(
                output: output, files: [OutputFile(path: "\(text).html", text: text)], staticDirectory: nil)
        }
        try folder.write(".public.previous/stray.txt", "not part of any site")
        var phases = BuildPhases()
        try OutputWriter.replace(
            output: output, files: [OutputFile(path: "three.html", text: "three")], staticDirectory: nil,
            reusePrevious: false, phases: &phases)
        #expect(try contents(output) == ["three.html": "three"])
        #expect(try contents(folder.path + "/.public.previous") == ["two.html": "two"])
    }

    @Test func aPreviousFolderListDigestDidNotWriteIsLeftAlone() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write(".public.previous/notes.txt", "mine")
        let output = folder.path + "/public"
        for text in ["one", "two"] {
            try OutputWriter.replace(
                output: output, files: [OutputFile(path: "\(text).html", text: text)], staticDirectory: nil)
        }
        #expect(try contents(output) == ["two.html": "two"])
        #expect(try contents(folder.path + "/.public.previous") == ["notes.txt": "mine"])
    }

    @Test func refusesAFolderItDidNotBuild() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("precious/notes.txt", "keep me")
        #expect(throws: SiteBuildError.self) {
            try OutputWriter.replace(
                output: folder.path + "/precious", files: [OutputFile(path: "x.html", text: "x")], staticDirectory: nil)
        }
        #expect(try String(contentsOfFile: folder.path + "/precious/notes.txt", encoding: .utf8) == "keep me")
    }

    @Test func aFailedWriteLeavesThePreviousSiteUntouched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path + "/public"
        try OutputWriter.replace(
            output: output, files: [OutputFile(path: "index.html", text: "v1")], staticDirectory: nil)
        for bad in ["../escape.html", "/etc/x", "a//b", "a/./b", "a/..", "a/", "", ".", "b/../../x"] {
            #expect(throws: SiteBuildError.self) {
                try OutputWriter.replace(
                    output: output,
                    files: [OutputFile(path: "index.html", text: "v2"), OutputFile(path: bad, text: "x")],
                    staticDirectory: nil)
            }
        }
        #expect(throws: SiteBuildError.self) {
            try OutputWriter.replace(
                output: output, files: [OutputFile(path: "A.html", text: "1"), OutputFile(path: "a.html", text: "2")],
                staticDirectory: nil)
        }
        #expect(try String(contentsOfFile: output + "/index.html", encoding: .utf8) == "v1")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/escape.html"))
        // Dots that are part of a name are names.
        try OutputWriter.replace(
            output: output,
            files: [OutputFile(path: "...", text: "3"), OutputFile(path: "a/..b/.c/x.html", text: "x")],
            staticDirectory: nil)
        #expect(try String(contentsOfFile: output + "/a/..b/.c/x.html", encoding: .utf8) == "x")
    }

    @Test func templateErrorsNameTheTemplateAndLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in TemplateSet.requiredTemplates { try folder.write("\(name).mustache", "<p>{{title}}</p>\n") }
        try folder.write("week.mustache", "<p>\n{{#open}}\n<p>{{/close}}\n")
        do {
            _ = try TemplateSet(directory: folder.path)
            Issue.record("a broken template must not load")
        } catch {
            #expect(error.description.hasPrefix("\(folder.path)/week.mustache:3: error: template error"))
        }
    }

    /// Templates a build checked are not parsed by swift-mustache again while their bytes stay the
    /// same; an edited one is, and its error still names the file and line.
    @Test func templatesCheckedBeforeAreCheckedAgainOnlyOnceEdited() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for name in TemplateSet.requiredTemplates { try folder.write("\(name).mustache", "<p>{{title}}</p>\n") }
        let first = try TemplateSet(directory: folder.path)
        _ = try first.renderWithSwiftMustache(["title": "x"], template: "home")
        let trusted = try TemplateSet(directory: folder.path, checked: first.checkedDigest)
        #expect(trusted.checkedDigest == first.checkedDigest)
        #expect(throws: SiteBuildError.self, "swift-mustache did not parse them") {
            try trusted.renderWithSwiftMustache(["title": "x"], template: "home")
        }
        try folder.write("week.mustache", "<p>\n{{#open}}\n<p>{{/close}}\n")
        do {
            _ = try TemplateSet(directory: folder.path, checked: first.checkedDigest)
            Issue.record("an edited, broken template must not load")
        } catch {
            #expect(error.description.hasPrefix("\(folder.path)/week.mustache:3: error: template error"))
        }
        // A template added changes what was checked too.
        try folder.write("week.mustache", "<p>{{title}}</p>\n")
        #expect(try TemplateSet(directory: folder.path).checkedDigest == first.checkedDigest)
        try folder.write("extra.mustache", "{{#a}}\n")
        #expect(throws: SiteBuildError.self) { try TemplateSet(directory: folder.path, checked: first.checkedDigest) }
    }
}
