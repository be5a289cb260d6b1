import Foundation
import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Ready to publish and to share: meta and social tags, the feed, the sitemap, robots.txt,
/// the 404 page, the search index, and links that work under a sub-path and from disk.
@Suite struct PublishingTests {
    static let seriesURL = "series/kvm-x86-add-support-for-mediated-vpmus/index.html"

    @Test func everyPageKindSaysWhatItIsWhenPasted() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        let series = try Meta(site.text(Self.seriesURL))
        #expect(series.title == "KVM: x86: Add support for mediated vPMUs · v5 · Test digest")
        #expect(series["og:title"] == "KVM: x86: Add support for mediated vPMUs")
        #expect(series["og:description"] == "本邮件线程讨论了 mediated vPMU 的支持。")
        #expect(series["description"] == series["og:description"])
        #expect(series["og:type"] == "article")
        #expect(series["og:url"] == "https://example.org/kvmarm/series/kvm-x86-add-support-for-mediated-vpmus/")
        #expect(series.canonical == series["og:url"])
        #expect(series["og:site_name"] == "Test digest")
        #expect(series["twitter:card"] == "summary_large_image")
        #expect(series["twitter:title"] == series["og:title"])

        let week = try Meta(site.text("weeks/2025-W32/index.html"))
        #expect(week["og:type"] == "article")
        #expect(week["og:title"] == "KVMARM 2025-W32 · 4–10 Aug 2025")
        let person = try Meta(site.text("people/sean-christopherson/index.html"))
        #expect(person["og:type"] == "profile" && person["og:title"] == "Sean Christopherson")
        let home = try Meta(site.text("index.html"))
        #expect(home["og:type"] == "website" && home.canonical == "https://example.org/kvmarm/")

        var titles: [String: String] = [:]
        for page in try site.pages() {
            let meta = try Meta(site.text(page))
            #expect(meta["og:image"] == "https://example.org/kvmarm/social.png", "\(page)")
            #expect(meta["twitter:image"] == meta["og:image"], "\(page)")
            #expect(meta["og:image:alt"] == "Test digest", "\(page)")
            #expect(!(meta["description"] ?? "").isEmpty && !(meta["og:title"] ?? "").isEmpty, "\(page)")
            #expect(titles.updateValue(page, forKey: meta.title) == nil, "\(page) repeats the title \(meta.title)")
        }
        #expect(site.exists("social.png"))
    }

    @Test func theSocialImageIsAPNGOf1200By630() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: ProjectPaths.exampleSite + "/static/social.png"))
        #expect(data.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let header = [UInt8](data[16..<24])
        let width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1200 && height == 630)
    }

    @Test func anImageFromTheConfigIsUsed() async throws {
        let config = try SiteConfig.parse("list = \"kvmarm\"\nimage = \"img/card.jpg\"", file: "c.toml")
        #expect(config.image == "img/card.jpg")
        #expect(SocialMeta.imageURL(config) == "/img/card.jpg")
        var absolute = config
        absolute.image = "https://cdn.example.org/card.png"
        #expect(SocialMeta.imageURL(absolute) == "https://cdn.example.org/card.png")
        for bad in ["../card.png", "/card.png", "javascript:alert(1)", "card .png", ""] {
            #expect(throws: SiteConfigError.self, "\(bad)") {
                try SiteConfig.parse("list = \"kvmarm\"\nimage = \"\(bad)\"", file: "c.toml")
            }
        }
    }

    @Test func feedHasAnEntryPerWeekNewestFirstWithIDsThatNeverChange() async throws {
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week31.md": ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W31"),
            "kvmarm_2025_week32.md": ReportFixtures.complete,
        ])
        defer { site.folder.remove() }
        let feed = try XMLElements(site.text("feed.xml"))
        #expect(feed.root == "feed")
        #expect(
            feed.texts("id") == [
                "https://example.org/kvmarm/", "https://example.org/kvmarm/weeks/2025-W32/",
                "https://example.org/kvmarm/weeks/2025-W31/",
            ])
        #expect(feed.texts("updated") == ["2025-10-27T11:50:54Z", "2025-10-27T11:50:54Z", "2025-10-27T11:50:54Z"])
        #expect(feed.texts("title")[1] == "KVMARM 2025-W32 · 4–10 Aug 2025")
        let content = try #require(feed.texts("content").first)
        #expect(
            content.contains(
                "<a href=\"https://example.org/kvmarm/weeks/2025-W32/#kvm-x86-add-support-for-mediated-vpmus-v5\">"))

        // A week added later, reports rebuilt: the feed is the same but for the new entry.
        let first = try site.text("feed.xml")
        try site.folder.write(
            "reports/kvmarm_2025_week33.md", ReportFixtures.report(threads: [ReportFixtures.thread()], week: "2025-W33")
        )
        _ = try await BuiltSite.build(in: site.folder, reportsFolder: site.folder.path + "/reports")
        let second = try XMLElements(site.text("feed.xml"))
        #expect(Array(second.texts("id").dropFirst(2)) == Array(feed.texts("id").dropFirst()))
        #expect(second.texts("id")[1] == "https://example.org/kvmarm/weeks/2025-W33/")
        try FileManager.default.removeItem(atPath: site.folder.path + "/reports/kvmarm_2025_week33.md")
        _ = try await BuiltSite.build(in: site.folder, reportsFolder: site.folder.path + "/reports")
        #expect(try site.text("feed.xml") == first)
    }

    /// Feed readers fetch the whole file on every poll: it lists the newest `feed_weeks` weeks.
    @Test(.enabled(if: Corpus.isPresent)) func feedListsTheNewestWeeksOnly() async throws {
        let archive = try await ArchiveLoader.load(folder: Corpus.folder)
        let index = ArchiveIndex(reports: archive.reports)
        func feed(feedWeeks: Int?) throws -> XMLElements {
            var config = SiteConfig(title: "T", baseURL: "https://example.org/", list: "kvmarm")
            if let feedWeeks { config.feedWeeks = feedWeeks }
            let site = SiteContext(
                config: config, index: index, summaries: archive.reports.map { $0.threads.map { _ in "" } })
            return try XMLElements(AtomFeed.xml(site))
        }
        func entries(feedWeeks: Int?) throws -> [String] {
            Array(try feed(feedWeeks: feedWeeks).texts("id").dropFirst())
        }
        // The feed's own date is the newest of the entries it lists.
        for weeks in [3, 20, 0] {
            let updated = try feed(feedWeeks: weeks).texts("updated")
            #expect(updated[0] == updated.dropFirst().max(), "\(weeks) weeks")
        }
        let newest = try entries(feedWeeks: nil)
        #expect(newest.count == 20)
        #expect(
            newest.first == "https://example.org/weeks/2025-W40/"
                && newest.last == "https://example.org/weeks/2025-W21/")
        #expect(try entries(feedWeeks: 0).count == 40)
        #expect(try entries(feedWeeks: 3) == Array(newest.prefix(3)))
    }

    @Test func hostileTextCannotBreakTheFeedTheIndexOrTheSearchPage() async throws {
        let text = ReportFixtures.report(threads: [
            ReportFixtures.thread(
                title: "[PATCH] <script>alert('t')</script> & \"q\" \u{1B}]]> title",
                summary: "<b>bold</b> ]]> 中文摘要。",
                messages: "1. **[08-04 10:00]** x\n   - 发件人: \"</script><b>Evil</b>\" <evil@example.org>")
        ])
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": text])
        defer { site.folder.remove() }
        let feed = try XMLElements(site.text("feed.xml"))
        #expect(feed.texts("content").first?.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &amp;") == true)
        #expect(try !site.text("feed.xml").contains("<script"))
        let index = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/search.json").utf8)) as? [String: Any])
        let people = try #require(index["people"] as? [[String: String]])
        #expect(people.contains { $0["title"] == "</script><b>Evil</b>" })
        // The search page's only script is the static search.js: no page text can reach it.
        let search = try site.text("search/index.html")
        #expect(!search.contains("<b>Evil"))
        #expect(search.components(separatedBy: "<script").count == 2)
        #expect(search.contains("<script src=\"../search.js\" defer></script>"))
    }

    @Test func sitemapListsEveryPageAndRobotsPointsToIt() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        let locs = try XMLElements(site.text("sitemap.xml")).texts("loc")
        let pages = try site.pages().filter { $0 != "404.html" }.map {
            "https://example.org/kvmarm/" + $0.replacingOccurrences(of: "index.html", with: "")
        }
        #expect(Set(locs) == Set(pages) && locs.count == pages.count)
        #expect(locs.contains("https://example.org/kvmarm/search/"))
        #expect(try site.text("robots.txt").contains("\nSitemap: https://example.org/kvmarm/sitemap.xml\n"))
    }

    @Test func everyLinkWorksFromDiskAndNoneLeavesTheSubPath() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        for page in try site.pages() where page != "404.html" {
            let folder = URL(fileURLWithPath: site.output + "/" + page).deletingLastPathComponent()
            for link in try links(in: site.text(page)) {
                if link.hasPrefix("#") || link.hasPrefix("https://lore.kernel.org/") { continue }
                if link.hasPrefix("https://example.org/kvmarm/") { continue }  // canonical, og: absolute
                #expect(!link.hasPrefix("/") && !link.contains("://"), "\(page): \(link) leaves the site")
                let file = link.split(separator: "#")[0]
                let target = folder.appendingPathComponent(String(file)).standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: target), "\(page): \(link) is broken")
            }
        }
    }

    @Test func notFoundPageWorksAtAnyDepth() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        let page = try site.text("404.html")
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(!page.contains("rel=\"canonical\""))
        let found = try links(in: page)
        #expect(found.contains("https://example.org/kvmarm/style.css"))
        #expect(found.contains("https://example.org/kvmarm/search/index.html"))
        for link in found where !link.hasPrefix("#") {
            #expect(link.hasPrefix("https://example.org/kvmarm/"), "\(link) would break at depth")
        }
    }

    @Test func pathOnlyBaseURLKeepsLinksUnderItAndSkipsTheSitemap() async throws {
        let site = try await BuiltSite.build(
            reports: ["kvmarm_2025_week32.md": ReportFixtures.complete], baseURL: "/kvmarm/")
        defer { site.folder.remove() }
        #expect(try site.text("404.html").contains("<link rel=\"stylesheet\" href=\"/kvmarm/style.css\">"))
        #expect(!site.exists("sitemap.xml"))
        #expect(try !site.text("robots.txt").contains("Sitemap"))
        let ids = try XMLElements(site.text("feed.xml")).texts("id")
        #expect(ids == ["urn:listdigest:kvmarm:", "urn:listdigest:kvmarm:weeks/2025-W32/"])
        #expect(try Meta(site.text(Self.seriesURL))["og:image"] == "/kvmarm/social.png")
    }

    @Test func searchIndexIsJSONAndHoldsChineseText() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        let index = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/search.json").utf8)) as? [String: Any])
        let series = try #require(index["series"] as? [[String: String]])
        let people = try #require(index["people"] as? [[String: String]])
        let weeks = try #require(index["weeks"] as? [[String: String]])
        #expect(series.count == 3 && weeks.count == 1 && people.count == 5)
        let vpmu = try #require(series.first { $0["title"] == "KVM: x86: Add support for mediated vPMUs" })
        #expect(vpmu["text"] == "本邮件线程讨论了 mediated vPMU 的支持。")
        #expect(vpmu["url"] == Self.seriesURL)
        #expect(series.contains { $0["text"]?.contains("嵌套虚拟化") == true })
        #expect(people.first?["title"] == "Sean Christopherson")
        #expect(people.first?["text"] == "seanjc@google.com")
        #expect(weeks.first?["title"] == "2025-W32")
        for entry in series + people + weeks {
            #expect(site.exists(entry["url"] ?? "-"), "\(entry)")
        }
        let page = try site.text("search/index.html")
        #expect(page.contains("data-index=\"../data/search.json\""))
        #expect(page.contains("<noscript>"))
        #expect(page.contains("href=\"../search/index.html\" aria-current=\"page\">Search</a>"))
        #expect(try site.text("index.html").contains("<a href=\"search/index.html\">Search</a>"))
    }

    @Test func publishingFilesAreByteIdenticalOnRebuild() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": ReportFixtures.complete])
        defer { site.folder.remove() }
        let files = ["feed.xml", "sitemap.xml", "robots.txt", "data/search.json", "404.html", "search/index.html"]
        let first = try files.map(site.text)
        _ = try await BuiltSite.build(in: site.folder, reportsFolder: site.folder.path + "/reports")
        #expect(try files.map(site.text) == first)
    }

    /// A page's `href` and `src` values, and the `content` values that are URLs; entities decoded.
    func links(in html: String) throws -> [String] {
        let pattern = try NSRegularExpression(pattern: #"\b(href|src|content)="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            let attribute = html[Range(match.range(at: 1), in: html)!]
            let value = Meta.decode(String(html[Range(match.range(at: 2), in: html)!]))
            let isURL = value.hasPrefix("http://") || value.hasPrefix("https://") || value.hasPrefix("/")
            return attribute != "content" || isURL ? value : nil
        }
    }
}

extension BuiltSite {
    /// Every HTML page of the built site, relative to its root.
    func pages() throws -> [String] {
        let files = FileManager.default.enumerator(atPath: output)?.allObjects as? [String] ?? []
        return files.filter { $0.hasSuffix(".html") }.sorted()
    }
}

/// The `<title>`, canonical link and `<meta>` tags of a page.
struct Meta {
    let title: String
    let canonical: String?
    private let values: [String: String]

    init(_ html: String) throws {
        func first(_ pattern: String) throws -> String? {
            let regex = try NSRegularExpression(pattern: pattern)
            guard let match = regex.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) else {
                return nil
            }
            return Self.decode(String(html[Range(match.range(at: 1), in: html)!]))
        }
        title = try first("<title>([^<]*)</title>") ?? ""
        canonical = try first(#"<link rel="canonical" href="([^"]*)">"#)
        var values: [String: String] = [:]
        let regex = try NSRegularExpression(pattern: #"<meta (?:property|name)="([^"]+)" content="([^"]*)">"#)
        for match in regex.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let key = String(html[Range(match.range(at: 1), in: html)!])
            values[key] = Self.decode(String(html[Range(match.range(at: 2), in: html)!]))
        }
        self.values = values
    }

    subscript(key: String) -> String? { values[key] }

    static func decode(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// A well-formed XML document's root name and the text of its elements, by name, in order.
/// Parsing fails (throws) on anything not well-formed.
final class XMLElements: NSObject, XMLParserDelegate {
    struct NotWellFormed: Error { let reason: String }

    private(set) var root = ""
    private var elements: [(name: String, text: String)] = []
    private var open: [Int] = []

    init(_ text: String) throws {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw NotWellFormed(reason: parser.parserError.map { "\($0)" } ?? "unknown")
        }
    }

    func texts(_ name: String) -> [String] { elements.filter { $0.name == name }.map(\.text) }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if root.isEmpty { root = name }
        elements.append((name, ""))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }
}
