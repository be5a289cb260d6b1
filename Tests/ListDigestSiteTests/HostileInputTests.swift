import Foundation
import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A report written to attack the site: every output shows the attack as text and runs none of it.
@Suite struct HostileInputTests {
    static let attack = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>'{{page.root}}]]>&amp;"

    static let report = ReportFixtures.report(threads: [
        ReportFixtures.thread(
            title: "[PATCH v2 0/1] \(attack) javascript:alert(3)",
            stats: "**📧 邮件数**: 2 | **👥 参与者**: 2 | **📅 开始时间**: Mon,  4 Aug 2025 10:00:00 +0000",
            summary: """
                \(attack)

                [click](javascript:alert(4)) <iframe src="javascript:alert(5)"></iframe> \u{1}\u{1B}[31m
                """,
            messages: """
                1. **[08-04 10:00]** [PATCH v2 0/1] \(attack) javascript:alert(3)
                   - 发件人: "\(attack)" <evil"onmouseover=alert(6)@example.org>
                2. **[08-05 10:00]** Re: [PATCH v2 0/1] \(attack) javascript:alert(3)
                   - 发件人: Marc Zyngier <maz@kernel.org>
                """)
    ])

    @Test func everyOutputShowsTheAttackAsTextOnly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("reports/kvmarm_2025_week32.md", Self.report)
        let config = SiteConfig(
            title: "Digest <b onmouseover=alert(7)>\"", description: "<script>alert(8)</script>",
            baseURL: "https://example.org/kvmarm/",
            list: "kvmarm", templates: ProjectPaths.templates, staticFiles: ProjectPaths.exampleSite + "/static")
        let site = SiteLocation(directory: folder.path, config: config, reportsOverride: folder.path + "/reports")
        let output = folder.path + "/public"
        let result = try await SiteBuilder.build(BuildRequest(site: site, outputDirectory: output))
        #expect(result.threads == 1)
        #expect(result.diagnostics.contains { $0.message == "control characters removed" })

        var checked = 0
        let enumerator = FileManager.default.enumerator(atPath: output)
        while let relative = enumerator?.nextObject() as? String {
            let path = output + "/" + relative
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            guard !isDirectory.boolValue, !relative.hasSuffix(".png") else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let text = String(decoding: data, as: UTF8.self)
            checked += 1
            // Paths stay inside the output, short and plain.
            #expect(relative.split(separator: "/").allSatisfy { $0.utf8.count <= 255 && !$0.hasPrefix("..") })
            #expect(
                !data.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D },
                "\(relative) holds a control character")
            let isMarkup = [".html", ".xml", ".svg"].contains { relative.hasSuffix($0) }
            if isMarkup {
                #expect(!text.contains("<img src=x"), "\(relative) holds a live <img>")
                #expect(!text.contains("<iframe"), "\(relative)")
                #expect(!text.contains("<b onmouseover"), "\(relative)")
            }
            if relative.hasSuffix(".html") {
                let scripts = text.components(separatedBy: "<script").count - 1
                let allowed = text.components(separatedBy: "<script src=\"").count - 1
                #expect(scripts == allowed, "\(relative) holds an inline script")
                #expect(!text.contains("href=\"javascript:") && !text.contains("src=\"javascript:"), "\(relative)")
                #expect(text.contains("http-equiv=\"Content-Security-Policy\""), "\(relative) has no CSP")
                #expect(!text.contains("<script>alert"), "\(relative)")
            }
            if relative.hasSuffix(".xml") || relative.hasSuffix(".svg") {
                #expect(XMLParser(data: data).parse(), "\(relative) is not well-formed XML")
            }
            if relative.hasSuffix(".json") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(relative) is not JSON")
            }
            if relative.hasSuffix(".csv") {
                #expect(
                    !text.contains("<script>alert(1)</script>\"><img") || text.contains("\"\""),
                    "\(relative): quotes must be doubled")
            }
        }
        #expect(checked > 10)

        // The attack is shown, as text, where it belongs.
        let week = try String(contentsOfFile: output + "/weeks/2025-W32/index.html", encoding: .utf8)
        #expect(
            week.contains(
                "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&#39;{{page.root}}]]&gt;&amp;amp;"
            ))
        let feed = try String(contentsOfFile: output + "/feed.xml", encoding: .utf8)
        // Entry content is HTML inside XML: the attack is escaped twice, and shows as text.
        #expect(feed.contains("&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;"))
        #expect(!feed.contains("&lt;script&gt;alert(1)"))
        let search = String(
            decoding: try Data(contentsOf: URL(fileURLWithPath: output + "/data/search.json")), as: UTF8.self)
        #expect(
            search.contains("\\u003cscript\\u003e") || search.contains("<script>alert(1)</script>"),
            "the index keeps the title as data")
        let series = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output + "/data/series.json")))
                as? [[String: Any]])
        #expect((series.first?["title"] as? String)?.hasPrefix(Self.attack) == true, "JSON keeps the title as data")
    }

    @Test func inlineSVGChartsParseAndCarryNoMarkupFromReports() async throws {
        let site = try await BuiltSite.build(reports: ["kvmarm_2025_week32.md": Self.report])
        defer { site.folder.remove() }
        for page in ["index.html", "trends/index.html"] {
            let html = try site.text(page)
            var rest = Substring(html)
            while let start = rest.range(of: "<svg"), let end = rest[start.lowerBound...].range(of: "</svg>") {
                let svg = String(rest[start.lowerBound..<end.upperBound])
                #expect(XMLParser(data: Data(svg.utf8)).parse(), "\(page): an SVG is not well-formed")
                #expect(!svg.contains("<script"))
                rest = rest[end.upperBound...]
            }
        }
    }
}
