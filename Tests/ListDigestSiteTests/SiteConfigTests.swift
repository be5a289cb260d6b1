import Testing

@testable import ListDigestSite

@Suite struct SiteConfigTests {
    @Test func readsEverySetting() throws {
        let config = try SiteConfig.parse(
            """
            title = "KVMARM weekly digest"
            description = "What happened"
            base_url = "https://example.org/kvmarm"
            list = "kvmarm"
            language = "en"
            content_language = "zh-CN"
            reports = "reports"
            templates = "../Templates"
            static = "static"
            feed_weeks = 52
            """, file: "Site/config.toml")
        #expect(config.feedWeeks == 52)
        #expect(config.title == "KVMARM weekly digest")
        #expect(config.baseURL == "https://example.org/kvmarm/")
        #expect(config.list == "kvmarm")
        #expect(config.contentLanguage == "zh-CN")
    }

    @Test func defaultsWhenOnlyTheListIsGiven() throws {
        let config = try SiteConfig.parse("list = \"kvmarm\"", file: "c.toml")
        #expect(config.title == "kvmarm digest")
        #expect(config.baseURL == "/")
        #expect(config.reports == "reports")
        #expect(config.feedWeeks == 20)
    }

    @Test func errorsNameTheFileAndLine() {
        func message(_ text: String) -> String {
            do {
                _ = try SiteConfig.parse(text, file: "Site/config.toml")
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(
            message("list = \"kvmarm\"\ntitel = \"typo\"").hasPrefix(
                "Site/config.toml:2: error: unknown setting 'titel'"))
        #expect(
            message("list = \"kvmarm\"\nzz = 1\naa = 2\nmm = 3").hasPrefix(
                "Site/config.toml:2: error: unknown setting 'zz'"), "the first in the file, not in the alphabet")
        #expect(
            message("list = \"kvmarm\"\ntitle = 3").hasPrefix("Site/config.toml:2: error: 'title' must be a string"))
        for bad in ["-1", "\"20\"", "2.5"] {
            #expect(
                message("list = \"kvmarm\"\n\nfeed_weeks = \(bad)").hasPrefix(
                    "Site/config.toml:3: error: 'feed_weeks' must be a whole number"))
        }
        #expect(message("title = \"x\"").hasPrefix("Site/config.toml: error: 'list' is required"))
        #expect(message("list = \"kvmarm\"\n\ntitle = \"unterminated").hasPrefix("Site/config.toml:3: error: "))
        #expect(message("list = \"kvmarm\"\nbase_url = \"javascript:alert(1)\"").contains("must be an http(s) URL"))
    }
}
