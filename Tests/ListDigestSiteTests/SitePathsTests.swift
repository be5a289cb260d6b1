import ListDigestCore
import Testing

@testable import ListDigestSite

/// Page URLs and files are their pieces one after another, whatever the pieces hold.
@Suite struct SitePathsTests {
    @Test(arguments: [
        "kvm-arm64-fix", "", "a", "oliver-upton-2", "zoë-ünïcode", "中文", String(repeating: "x", count: 300),
    ])
    func pathsAreTheirPiecesJoined(id: String) throws {
        #expect(SitePaths.series(id) == "series/" + id + "/")
        #expect(SitePaths.person(id) == "people/" + id + "/")
        #expect(SitePaths.person(id, year: 2025) == "people/" + id + "/2025/")
        #expect(SitePaths.file(forPage: SitePaths.series(id)) == "series/" + id + "/index.html")
        #expect(SitePaths.seriesFile(id) == SitePaths.file(forPage: SitePaths.series(id)))
        #expect(SitePaths.personFile(id) == SitePaths.file(forPage: SitePaths.person(id)))
        #expect(SitePaths.file(forPage: id + ".html") == id + ".html")
        let week = try #require(ISOWeek(year: 2025, week: 32))
        #expect(SitePaths.week(week) == "weeks/2025-W32/")
        #expect(SitePaths.file(forPage: "") == "index.html")
        // The page a file serves is the page the file was made for.
        for page in [SitePaths.series(id), SitePaths.person(id, year: 2025), SitePaths.week(week), "", "404.html"] {
            #expect(SitePaths.page(forFile: SitePaths.file(forPage: page)) == page)
        }
    }
}
