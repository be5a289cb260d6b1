import Foundation
import ListDigestCore
import ListDigestTestSupport
import Testing

@testable import ListDigestSite

/// Series and people pages, their JSON, and URLs that survive rebuilds.
@Suite struct LinkedPagesTests {
    static let v1 = ReportFixtures.report(
        threads: [
            ReportFixtures.thread(
                title: "[PATCH 0/2] KVM: arm64: Rework timer offsets",
                stats: "**📧 邮件数**: 2 | **👥 参与者**: 2 | **📅 开始时间**: Mon,  4 Aug 2025 10:00:00 +0000",
                messages: """
                    1. **[08-04 10:00]** [PATCH 0/2] KVM: arm64: Rework timer offsets
                       - 发件人: Marc Zyngier <maz@kernel.org>
                    2. **[08-05 09:00]** Re: [PATCH 0/2] KVM: arm64: Rework timer offsets
                       - 发件人: "Upton, Oliver" <oupton@kernel.org>
                    """)
        ], week: "2025-W32")
    static let v2 = ReportFixtures.report(
        threads: [
            ReportFixtures.thread(
                title: "[PATCH v2 0/2] KVM: arm64: Rework timer offsets",
                stats: "**📧 邮件数**: 2 | **👥 参与者**: 2 | **📅 开始时间**: Mon, 11 Aug 2025 10:00:00 +0000",
                summary: "v2 addresses **Oliver's** review.",
                messages: """
                    1. **[08-11 10:00]** [PATCH v2 0/2] KVM: arm64: Rework timer offsets
                       - 发件人: Marc Zyngier <maz@kernel.org>
                    2. **[08-12 09:00]** Re: [PATCH v2 0/2] KVM: arm64: Rework timer offsets
                       - 发件人: Oliver Upton <oliver.upton@linux.dev>
                    """)
        ], week: "2025-W33")

    @Test func seriesPageTellsTheWholeStory() async throws {
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": Self.v1, "kvmarm_2025_week33.md": Self.v2,
        ])
        defer { site.folder.remove() }
        let page = try site.text("series/kvm-arm64-rework-timer-offsets/index.html")
        #expect(page.contains("<h1>KVM: arm64: Rework timer offsets</h1>"))
        #expect(
            page.contains(
                "2 versions (v1 → v2) · discussed in 2 weeks, 2025-W32 to 2025-W33 · 4 messages from 2 people"))
        #expect(page.contains("<a href=\"#v1\">v1</a>") && page.contains("<a href=\"#v2\">v2</a>"))
        #expect(page.contains("<span class=\"badge badge-superseded\">superseded</span>"))
        #expect(
            page.contains("v2 addresses <strong>Oliver&#39;s</strong> review.")
                || page.contains("v2 addresses <strong>Oliver's</strong> review."))
        #expect(page.contains("href=\"../../weeks/2025-W33/index.html#kvm-arm64-rework-timer-offsets-v2\""))
        #expect(page.contains("href=\"../../people/oliver-upton/index.html\""))
        #expect(page.contains("https://lore.kernel.org/kvmarm/?q=s:%22KVM:%20arm64:%20Rework%20timer%20offsets%22"))
        #expect(page.contains("<meta name=\"description\" content=\"v2 addresses Oliver&#39;s review.\">"))

        let week = try site.text("weeks/2025-W33/index.html")
        #expect(week.contains("Series: <a href=\"../../series/kvm-arm64-rework-timer-offsets/index.html\">"))
        #expect(week.contains("v2 · follows v1, discussed 2025-W32"))
        let older = try site.text("weeks/2025-W32/index.html")
        #expect(older.contains("v1 · first version seen · superseded by v2 (2025-W33)"))
    }

    @Test func personPageMergesAddressesAndCountsOnce() async throws {
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": Self.v1, "kvmarm_2025_week33.md": Self.v2,
        ])
        defer { site.folder.remove() }
        let oliver = try site.text("people/oliver-upton/index.html")
        #expect(oliver.contains("<h1>Oliver Upton</h1>"))
        #expect(
            oliver.contains("<code>oupton@kernel.org</code>") && oliver.contains("<code>oliver.upton@linux.dev</code>"))
        #expect(oliver.contains("<dt>Messages</dt><dd>2</dd>"))
        #expect(
            oliver.contains(
                "<a href=\"../../people/marc-zyngier/index.html\">Marc Zyngier</a> <span class=\"muted\">1 thread</span>"
            ),
            "co-participant, counted in the singular")
        let marc = try site.text("people/marc-zyngier/index.html")
        #expect(marc.contains("<dt>Series started</dt><dd>1</dd>"))
        let index = try site.text("people/index.html")
        let marcRank = try #require(
            index.range(of: "marc-zyngier/index.html\">Marc Zyngier</a></th><td class=\"num\">2</td>"))
        #expect(index[..<marcRank.lowerBound].contains("<td class=\"num\">1</td>"))
    }

    @Test func aRowWithoutAValueShowsNothingRatherThanTheEnclosingPagesValue() async throws {
        // Marc was last seen in W33; his pull request was discussed in W32 only.
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": ReportFixtures.complete, "kvmarm_2025_week33.md": Self.v2,
        ])
        defer { site.folder.remove() }
        let marc = try site.text("people/marc-zyngier/index.html")
        #expect(marc.contains("last in <a href=\"../../weeks/2025-W33/index.html\">2025-W33</a>"))
        // In the series he started, which give no count of his own.
        let started = try #require(marc.range(of: "id=\"started-heading\""))
        let row = try #require(marc[started.upperBound...].range(of: "KVM/arm64 fixes for 6.17, take #1</a>"))
        let rest = marc[row.upperBound...].prefix(while: { $0 != "\n" })
        #expect(rest.contains("v1 · 2025-W32 · 1 message<"), "counted in the singular: \(rest)")
        #expect(!rest.contains("NavLink") && !rest.contains("– "), "\(rest)")
    }

    /// A person page lists their years, newest first; each year's page lists what they did that
    /// year, counts their messages of that year, and links to their other years.
    @Test func personYearPagesSplitTheirThreadsByYear() async throws {
        let december = ReportFixtures.report(
            threads: [
                ReportFixtures.thread(
                    title: "[PATCH 0/2] KVM: arm64: Rework timer offsets",
                    stats: "**📧 邮件数**: 2 | **👥 参与者**: 2 | **📅 开始时间**: Mon, 16 Dec 2024 10:00:00 +0000",
                    messages: """
                        1. **[12-16 10:00]** [PATCH 0/2] KVM: arm64: Rework timer offsets
                           - 发件人: Marc Zyngier <maz@kernel.org>
                        2. **[12-17 09:00]** Re: [PATCH 0/2] KVM: arm64: Rework timer offsets
                           - 发件人: Oliver Upton <oliver.upton@linux.dev>
                        """)
            ], week: "2024-W51")
        let january = ReportFixtures.report(
            threads: [
                ReportFixtures.thread(
                    title: "[PATCH 0/2] KVM: arm64: Rework timer offsets",
                    stats: "**📧 邮件数**: 3 | **👥 参与者**: 2 | **📅 开始时间**: Mon, 16 Dec 2024 10:00:00 +0000",
                    messages: """
                        1. **[12-16 10:00]** [PATCH 0/2] KVM: arm64: Rework timer offsets
                           - 发件人: Marc Zyngier <maz@kernel.org>
                        2. **[01-07 09:00]** Re: [PATCH 0/2] KVM: arm64: Rework timer offsets
                           - 发件人: Oliver Upton <oliver.upton@linux.dev>
                        3. **[01-08 09:00]** Re: [PATCH 0/2] KVM: arm64: Rework timer offsets
                           - 发件人: Oliver Upton <oliver.upton@linux.dev>
                        """),
                ReportFixtures.thread(
                    title: "[PATCH] KVM: arm64: Fix the vgic",
                    stats: "**📧 邮件数**: 1 | **👥 参与者**: 1 | **📅 开始时间**: Tue,  7 Jan 2025 10:00:00 +0000",
                    messages: """
                        1. **[01-07 10:00]** [PATCH] KVM: arm64: Fix the vgic
                           - 发件人: Oliver Upton <oliver.upton@linux.dev>
                        """),
            ], week: "2025-W02")
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2024_week51.md": december, "kvmarm_2025_week02.md": january,
        ])
        defer { site.folder.remove() }
        let oliver = try site.text("people/oliver-upton/index.html")
        let years = try #require(oliver.range(of: "id=\"years-heading\""))
        let yearList = String(oliver[years.upperBound...].split(separator: "</ul>")[0])
        #expect(
            yearList.contains(
                "<li><a href=\"../../people/oliver-upton/2025/index.html\">2025</a> <span class=\"muted\">"
                    + "2 threads · 3 messages · 1 series started</span></li>"))
        #expect(
            yearList.contains(
                "<li><a href=\"../../people/oliver-upton/2024/index.html\">2024</a> <span class=\"muted\">"
                    + "1 thread · 1 message</span></li>"))
        #expect(yearList.range(of: ">2025<")!.lowerBound < yearList.range(of: ">2024<")!.lowerBound)

        let in2024 = try site.text("people/oliver-upton/2024/index.html")
        #expect(in2024.contains("Rework timer offsets</a>"))
        #expect(!in2024.contains("Fix the vgic"))
        #expect(in2024.contains("· 1 by them</span>"))
        #expect(in2024.contains("<strong aria-current=\"page\">2024</strong>"))
        #expect(in2024.contains("<a rel=\"next\" href=\"../../../people/oliver-upton/2025/index.html\">2025 →</a>"))
        #expect(!in2024.contains("rel=\"prev\""))

        let in2025 = try site.text("people/oliver-upton/2025/index.html")
        let started = try #require(in2025.range(of: "id=\"threads-heading\""))
        #expect(in2025[..<started.lowerBound].contains("Fix the vgic</a>"), "started in 2025")
        #expect(
            in2025[started.upperBound...].contains(
                "Rework timer offsets</a> <span class=\"muted\">v1 · 2024-W51 – 2025-W02 · 4 messages · 2 by them</span>"
            ))
        #expect(in2025.contains("<a rel=\"prev\" href=\"../../../people/oliver-upton/2024/index.html\">← 2024</a>"))
        #expect(in2025.contains("<a href=\"../../../people/oliver-upton/index.html\">Oliver Upton, all years</a>"))
        // Each year page charts that year's part of their span; the person page all of it.
        let chart2025 = try #require(PageChart.named("activity", in: PageChart.all(in: in2025, page: "2025")))
        #expect(chart2025.marks.map { $0.attributes["data-week"] ?? "" } == ["2025-W01", "2025-W02"])
        #expect(chart2025.values == ["0", "3"])
        #expect(in2025.contains("Messages per week in 2025"))
        let whole = try #require(PageChart.named("activity", in: PageChart.all(in: oliver, page: "person")))
        #expect(whole.values == ["1", "0", "0", "3"])
        // In 2024, from their first week to the year's last: they wrote on into 2025.
        let chart2024 = try #require(PageChart.named("activity", in: PageChart.all(in: in2024, page: "2024")))
        #expect(chart2024.marks.map { $0.attributes["data-week"] ?? "" } == ["2024-W51", "2024-W52"])
        #expect(chart2024.values == ["1", "0"])
        // Marc's messages all fall in one week of 2024: no chart.
        #expect(PageChart.all(in: try site.text("people/marc-zyngier/2024/index.html"), page: "2024").isEmpty)
        // Marc wrote only in 2024: one year, no other to go to.
        let marc = try site.text("people/marc-zyngier/2024/index.html")
        #expect(!marc.contains("rel=\"next\"") && !marc.contains("rel=\"prev\""))
        #expect(!FileManager.default.fileExists(atPath: site.output + "/people/marc-zyngier/2025"))
    }

    /// The person page lists their 15 latest threads (the latest week's first) and the 10 series
    /// they started last (newest first); their year page lists them all.
    @Test func personPageListsTheirLatestThreadsAndSeries() async throws {
        // Titles with no word in common, so that no two are linked as versions of one series.
        let words = [
            "timer", "vgic", "pmu", "mmu", "sve", "psci", "smccc", "debug", "hyp", "stage2", "tlb", "cache",
            "fpsimd", "nested", "pkvm", "its", "lpi",
        ]
        func week(_ id: String, day: String, prefix: String, count: Int, from: Int) -> String {
            ReportFixtures.report(
                threads: (0..<count).map { number in
                    let title = "[PATCH] \(prefix)\(number) \(words[from + number])"
                    return ReportFixtures.thread(
                        title: title,
                        stats: "**📧 邮件数**: 1 | **👥 参与者**: 1 | **📅 开始时间**: Mon,  4 Aug 2025 10:00:00 +0000",
                        messages: """
                            1. **[08-\(day) 10:\(10 + number)]** \(title)
                               - 发件人: Marc Zyngier <maz@kernel.org>
                            """)
                }, week: id)
        }
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": week("2025-W32", day: "05", prefix: "a", count: 10, from: 0),
            "kvmarm_2025_week33.md": week("2025-W33", day: "12", prefix: "b", count: 7, from: 10),
        ])
        defer { site.folder.remove() }
        func titles(_ page: String, after heading: String) throws -> [String] {
            let start = try #require(page.range(of: "id=\"\(heading)\""))
            let list = page[start.upperBound...].split(separator: "</ul>")[0]
            return list.split(separator: "\n").compactMap { line in
                line.range(of: "<a href=").flatMap { link in
                    line[link.upperBound...].range(of: "\">").map { String(line[$0.upperBound...].prefix(2)) }
                }
            }
        }
        let marc = try site.text("people/marc-zyngier/index.html")
        #expect(
            try titles(marc, after: "recent-threads-heading")
                == ["b0", "b1", "b2", "b3", "b4", "b5", "b6", "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7"])
        #expect(
            try titles(marc, after: "started-heading") == ["b6", "b5", "b4", "b3", "b2", "b1", "b0", "a9", "a8", "a7"])
        #expect(marc.contains("<dt>Threads</dt><dd>17</dd>") && marc.contains("<dt>Series started</dt><dd>17</dd>"))
        let year = try site.text("people/marc-zyngier/2025/index.html")
        #expect(try titles(year, after: "threads-heading").count == 17)
        #expect(try titles(year, after: "started-heading").count == 17)
    }

    /// Over a longer span, the person page charts the last 52 weeks of it: a decade's bars
    /// would be too thin to read, and the year pages chart the years before.
    @Test func personChartShowsTheirLastYear() async throws {
        func week(_ id: String, day: String) -> String {
            ReportFixtures.report(
                threads: [
                    ReportFixtures.thread(
                        title: "[PATCH] KVM: arm64: Fix \(id)",
                        stats: "**📧 邮件数**: 1 | **👥 参与者**: 1 | **📅 开始时间**: Mon,  4 Aug 2025 10:00:00 +0000",
                        messages: """
                            1. **[\(day) 10:00]** [PATCH] KVM: arm64: Fix \(id)
                               - 发件人: Marc Zyngier <maz@kernel.org>
                            """)
                ], week: id)
        }
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2024_week02.md": week("2024-W02", day: "01-09"),
            "kvmarm_2025_week10.md": week("2025-W10", day: "03-04"),
        ])
        defer { site.folder.remove() }
        let marc = try site.text("people/marc-zyngier/index.html")
        let chart = try #require(PageChart.named("activity", in: PageChart.all(in: marc, page: "person")))
        #expect(chart.marks.count == 52)
        #expect(chart.marks.first?.attributes["data-week"] == "2024-W11")
        #expect(chart.marks.last?.attributes["data-week"] == "2025-W10")
        #expect(marc.contains("Messages per week, their last 52 weeks"))
        #expect(marc.contains("wrote in 1 of the 52 weeks from 2024-W11 to 2025-W10."))
        let in2024 = try site.text("people/marc-zyngier/2024/index.html")
        let year = try #require(PageChart.named("activity", in: PageChart.all(in: in2024, page: "2024")))
        #expect(year.marks.first?.attributes["data-week"] == "2024-W02")
        #expect(year.marks.last?.attributes["data-week"] == "2024-W52")
    }

    @Test func sameTitleBackportsAreToldApartInSeriesLists() async throws {
        let backport = { (tree: String) in
            ReportFixtures.thread(
                title: "[STABLE \(tree)] [PATCH] KVM: arm64: Fix softirq masking",
                messages: """
                    1. **[08-04 10:00]** [STABLE \(tree)] [PATCH] KVM: arm64: Fix softirq masking
                       - 发件人: Mark Brown <broonie@kernel.org>
                    """)
        }
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": ReportFixtures.report(threads: [backport("6.1.y"), backport("6.6.y")])
        ])
        defer { site.folder.remove() }
        let index = try site.text("series/index.html")
        for tree in ["6.1.y", "6.6.y"] {
            #expect(
                index.contains("Fix softirq masking</a> <span class=\"badge badge-tag\">\(tree)</span>"),
                "the \(tree) row shows its tree")
        }
    }

    @Test func seriesAndPeopleJSON() async throws {
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": Self.v1, "kvmarm_2025_week33.md": Self.v2,
        ])
        defer { site.folder.remove() }
        let series = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/series.json").utf8)) as? [[String: Any]])
        #expect(series.count == 1)
        #expect(series[0]["id"] as? String == "kvm-arm64-rework-timer-offsets")
        #expect(series[0]["url"] as? String == "https://example.org/kvmarm/series/kvm-arm64-rework-timer-offsets/")
        let versions = try #require(series[0]["versions"] as? [[String: Any]])
        #expect(versions.map { $0["version"] as? Int } == [1, 2])
        #expect(versions.map { $0["superseded"] as? Bool } == [true, false])
        #expect(versions.map { $0["weeks"] as? [String] } == [["2025-W32"], ["2025-W33"]])
        #expect(versions[1]["subjects"] as? [String] == ["[PATCH v2 0/2] KVM: arm64: Rework timer offsets"])
        #expect(series[0]["participants"] as? [String] == ["marc-zyngier", "oliver-upton"])

        let people = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/people.json").utf8)) as? [[String: Any]])
        let oliver = try #require(people.first { $0["id"] as? String == "oliver-upton" })
        #expect(oliver["addresses"] as? [String] == ["oupton@kernel.org", "oliver.upton@linux.dev"])
        #expect(oliver["messages"] as? Int == 2)
        #expect(oliver["bot"] as? Bool == false)
        #expect(oliver["threads"] as? [String] == ["kvm-arm64-rework-timer-offsets"])
        let marc = try #require(people.first { $0["id"] as? String == "marc-zyngier" })
        #expect(marc["seriesStarted"] as? [String] == ["kvm-arm64-rework-timer-offsets"])

        let weeks = try #require(
            try JSONSerialization.jsonObject(with: Data(site.text("data/weeks.json").utf8)) as? [[String: Any]])
        let thread = try #require((weeks[1]["threads"] as? [[String: Any]])?.first)
        #expect(thread["series"] as? String == "kvm-arm64-rework-timer-offsets")
    }

    @Test func everyURLSurvivesARebuildAndANewWeek() async throws {
        let site = try await BuiltSite.build(reports: [
            "kvmarm_2025_week32.md": Self.v1, "kvmarm_2025_week33.md": ReportFixtures.complete,
        ])
        defer { site.folder.remove() }
        func pages() throws -> Set<String> {
            let series = try FileManager.default.contentsOfDirectory(atPath: site.output + "/series").map {
                "series/" + $0
            }
            let people = try FileManager.default.contentsOfDirectory(atPath: site.output + "/people").map {
                "people/" + $0
            }
            return Set(series + people)
        }
        let first = try pages()
        _ = try await BuiltSite.build(in: site.folder, reportsFolder: site.folder.path + "/reports")
        #expect(try pages() == first)
        try site.folder.write(
            "reports/kvmarm_2025_week34.md", Self.v2.replacingOccurrences(of: "2025-W33", with: "2025-W34"))
        _ = try await BuiltSite.build(in: site.folder, reportsFolder: site.folder.path + "/reports")
        let later = try pages()
        #expect(first.isSubset(of: later))
    }
}
