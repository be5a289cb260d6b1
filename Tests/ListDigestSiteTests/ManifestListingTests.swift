import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

/// The site before the current one is read from its manifest where its folders did not change
/// since it was finished, and read again where they did.
@Suite struct ManifestListingTests {
    /// A site of pages in nested folders, written twice so that `.public.previous` is a finished
    /// site; its path.
    func finishedSite(in folder: TemporaryFolder, files: [OutputFile]? = nil) throws -> String {
        let output = folder.path + "/public"
        let pages =
            files
            ?? [
                "index.html", "weeks/2025-W01/index.html", "weeks/2025-W02/index.html", "series/a/index.html",
                "series/b/index.html", "people/x/index.html", "people/x/2025/index.html", "data/series.json",
            ].map { OutputFile(path: $0, text: "page \($0)", fingerprint: "f-" + $0) }
        for _ in 0..<2 { try OutputWriter.replace(output: output, files: pages, staticDirectory: nil) }
        let root = folder.path + "/.public.previous"
        // A folder changed in the same tick of the file system's clock as the manifest was
        // written counts as changed since: finished again a little later, as a site of thousands
        // of pages is, its folders count as unchanged.
        if isRecorded(root) {
            usleep(30_000)
            try rewriteManifest(of: root) { $0 }
        }
        return root
    }

    /// The output `root` (`public` or `.public.previous`) belongs to.
    func output(of root: String) -> URL {
        URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("public")
    }

    /// The manifests recorded beside the output as listing every file of their sites.
    func finished(_ root: String) -> [ManifestListing.Stamp] {
        ManifestListing.finishedSites(beside: output(of: root))
    }

    /// Whether the manifest of the site at `root` is recorded as listing every file.
    func isRecorded(_ root: String) -> Bool {
        ManifestListing.Stamp(of: root + "/" + PageCache.fileName).map(finished(root).contains) ?? false
    }

    /// Writes the manifest of the site at `root` again, changed by `change`, and records it beside
    /// the output, as a build would (unless `recorded` is false).
    func rewriteManifest(of root: String, recorded: Bool = true, _ change: (String) -> String) throws {
        let path = root + "/" + PageCache.fileName
        let manifest = try String(contentsOfFile: path, encoding: .utf8)
        try FileManager.default.removeItem(atPath: path)
        try change(manifest).write(toFile: path, atomically: false, encoding: .utf8)
        guard recorded else { return }
        let stamp = ManifestListing.Stamp(of: path)
        #expect(stamp != nil)
        ManifestListing.record(stamp, after: finished(root), beside: output(of: root))
    }

    func manifestListing(_ root: String) -> ManifestListing? {
        let (recorded, paths) = PageCache.listing(in: root)
        return ManifestListing(root: root, recorded: recorded, paths: paths, finished: finished(root))
    }

    /// The previous site as reading every folder finds it.
    func readWhole(_ root: String) throws -> (files: [String: String?], folders: Set<String>) {
        let listed = try #require(FolderTree.list(root))
        let recorded = PageCache.entries(in: root)
        return (
            Dictionary(uniqueKeysWithValues: listed.files.map { ($0, recorded[$0]?.fingerprint) }), Set(listed.folders)
        )
    }

    func expectSame(_ root: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let site = try #require(
            PreviousSite(root: URL(fileURLWithPath: root), finished: finished(root)), sourceLocation: sourceLocation)
        let whole = try readWhole(root)
        #expect(site.files == whole.files, sourceLocation: sourceLocation)
        #expect(site.folderSet == whole.folders, sourceLocation: sourceLocation)
        #expect(
            Set(site.folders) == site.folderSet && site.folders.count == site.folderSet.count,
            sourceLocation: sourceLocation)
        // Parents before children: removing unused folders deepest first relies on it.
        for (position, folder) in site.folders.enumerated() {
            if let parent = StagingFolder.parent(of: folder) {
                #expect(site.folders.firstIndex(of: parent)! < position, "\(parent) before \(folder)")
            }
        }
    }

    @Test func aFinishedSiteIsReadFromItsManifest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = try finishedSite(in: folder)
        #expect(isRecorded(root))
        let listing = try #require(manifestListing(root))
        #expect(listing.gone.isEmpty)
        #expect(listing.unrecorded.sorted() == [".listdigest", ".listdigest-pages"], "the root is read")
        try expectSame(root)
    }

    /// An unchanged folder is taken to hold what the manifest says, without being read: a page
    /// the manifest lists in it is believed, although it is not there.
    @Test func anUnchangedFolderIsNotRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = try finishedSite(in: folder)
        // Rewriting the manifest changes the root only.
        try rewriteManifest(of: root) { $0 + "ffff\t-\tseries/a/ghost.html\n" }
        let site = try #require(PreviousSite(root: URL(fileURLWithPath: root), finished: finished(root)))
        #expect(site.files["series/a/ghost.html"] == "ffff")
        #expect(try readWhole(root).files["series/a/ghost.html"] == nil)
    }

    /// Whatever is added, removed or replaced after the site was finished, in any folder, is
    /// found: the folders it changed are read again.
    @Test func changesMadeSinceAreFound() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = try finishedSite(in: folder)
        try folder.write(".public.previous/people/x/2025/notes.txt", "added in a deep folder")
        try folder.write(".public.previous/pagefind/fragments/a.js", "a tree added")
        try folder.write(".public.previous/robots.txt", "added at the root")
        try FileManager.default.removeItem(atPath: root + "/weeks/2025-W02/index.html")
        try FileManager.default.removeItem(atPath: root + "/data/series.json")
        try FileManager.default.createDirectory(
            atPath: root + "/data/series.json", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: root + "/series/b/link", withDestinationPath: "index.html")
        try expectSame(root)
        let listing = try #require(manifestListing(root))
        #expect(listing.gone.sorted() == ["data/series.json", "weeks/2025-W02/index.html"])
        #expect(
            Set(listing.unrecorded)
                == [
                    ".listdigest", ".listdigest-pages", "people/x/2025/notes.txt", "pagefind/fragments/a.js",
                    "robots.txt", "series/b/link",
                ])
    }

    /// Read whole when the manifest cannot be trusted to list every file, or anything recorded is
    /// not as it was.
    @Test func otherwiseTheSiteIsReadWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // A file without a fingerprint is not in the manifest: it is not recorded as listing every file.
        let unlisted = try finishedSite(
            in: folder,
            files: [
                OutputFile(path: "a/index.html", text: "a", fingerprint: "f"), OutputFile(path: "b/x.txt", text: "x"),
            ])
        #expect(!isRecorded(unlisted))
        #expect(manifestListing(unlisted) == nil)
        try expectSame(unlisted)

        let cases: [(String, (String) throws -> Void)] = [
            // A recorded folder gone, with the folder holding it read again.
            ("a folder gone", { try FileManager.default.removeItem(atPath: $0 + "/series/a") }),
            // A recorded folder replaced by a file.
            (
                "a folder replaced",
                {
                    try FileManager.default.removeItem(atPath: $0 + "/weeks/2025-W01")
                    try "file".write(toFile: $0 + "/weeks/2025-W01", atomically: false, encoding: .utf8)
                }
            ),
            // A path leaving the folder.
            (
                "a path leaving the folder",
                { root in try rewriteManifest(of: root) { $0 + "ffff\t-\tseries/../../outside.html\n" } }
            ),
            // The manifest written again (as copying the site does) and not recorded.
            ("the manifest written again", { root in try rewriteManifest(of: root, recorded: false) { $0 } }),
            // The manifest changed since it was written (here: its mode, as `chmod -R` would).
            (
                "the manifest changed since",
                { root in
                    usleep(30_000)
                    try FileManager.default.setAttributes(
                        [.posixPermissions: 0o600], ofItemAtPath: root + "/" + PageCache.fileName)
                }
            ),
        ]
        for (name, change) in cases {
            let other = try TemporaryFolder()
            defer { other.remove() }
            let root = try finishedSite(in: other)
            try change(root)
            #expect(manifestListing(root) == nil, "\(name)")
            try expectSame(root)
        }
    }

    /// A file added to a folder of the live site is gone once that site has been brought up to
    /// date two builds later, whether it is read from its manifest or, when the manifest does not
    /// list every file (one without a fingerprint), whole.
    @Test(arguments: [true, false]) func aFileAddedToTheLiveSiteIsRemovedWhenItIsWrittenInto(listed: Bool) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.path + "/public"
        let pages =
            ["index.html", "series/a/index.html", "series/b/index.html"].map {
                OutputFile(path: $0, text: "page \($0)", fingerprint: "f-" + $0)
            } + (listed ? [] : [OutputFile(path: "series/b/plain.txt", text: "no fingerprint")])
        try OutputWriter.replace(output: output, files: pages, staticDirectory: nil)
        #expect(isRecorded(output) == listed)
        try folder.write("public/series/a/added.txt", "not ListDigest's")
        for _ in 0..<2 { try OutputWriter.replace(output: output, files: pages, staticDirectory: nil) }
        #expect(!FileManager.default.fileExists(atPath: output + "/series/a/added.txt"))
        let whole = try readWhole(output)
        #expect(Set(whole.files.keys) == Set(pages.map(\.path) + [".listdigest", ".listdigest-pages"]))
    }

    /// A build that takes over every file of the site it writes into still removes the folders
    /// that site holds without a file: one emptied since (its page deleted, here with the page no
    /// longer built) and one made empty.
    @Test func foldersLeftWithoutFilesAreRemoved() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = try finishedSite(in: folder)
        let output = output(of: root).path
        try FileManager.default.removeItem(atPath: root + "/series/b/index.html")
        try FileManager.default.createDirectory(atPath: root + "/empty/deeper", withIntermediateDirectories: true)
        let pages = [
            "index.html", "weeks/2025-W01/index.html", "weeks/2025-W02/index.html", "series/a/index.html",
            "people/x/index.html", "people/x/2025/index.html", "data/series.json",
        ].map { OutputFile(path: $0, text: "page \($0)", fingerprint: "f-" + $0) }
        try OutputWriter.replace(output: output, files: pages, staticDirectory: nil)
        let whole = try readWhole(output)
        #expect(!whole.folders.contains("series/b"))
        #expect(!whole.folders.contains("empty") && !whole.folders.contains("empty/deeper"))
        #expect(Set(whole.files.keys) == Set(pages.map(\.path) + [".listdigest", ".listdigest-pages"]))
    }
}
