import ListDigestCore
import ListDigestTestSupport
import Testing

@Suite struct TrendsTests {
    typealias Spec = ArchiveBuilder.ThreadSpec

    func trends(_ weeks: [(week: String, threads: [Spec])]) -> (ArchiveTrends, ArchiveIndex) {
        let index = ArchiveIndex(reports: ArchiveBuilder.reports(weeks))
        return (ArchiveTrends(index), index)
    }

    @Test func messagesCountOnceInTheWeekTheyWereSent() {
        let first = Spec(
            "[PATCH v2 0/3] KVM: arm64: Fix things", from: "Marc Zyngier <maz@kernel.org>", at: "2025-08-05 10:00",
            replies: [("Oliver Upton <oliver.upton@linux.dev>", "2025-08-06 11:00")])
        // The next report lists the same two messages again, plus a reply sent that week.
        let again = Spec(
            "[PATCH v2 0/3] KVM: arm64: Fix things", from: "Marc Zyngier <maz@kernel.org>", at: "2025-08-05 10:00",
            replies: [
                ("Oliver Upton <oliver.upton@linux.dev>", "2025-08-06 11:00"),
                ("Will Deacon <will@kernel.org>", "2025-08-12 09:00"),
            ])
        let (t, _) = trends([("2025-W32", [first]), ("2025-W33", [again])])
        #expect(t.weeks.map(\.id) == ["2025-W32", "2025-W33"])
        #expect(t.messages == [2, 1])
        #expect(t.threads == [1, 1])
        #expect(t.contributors == [2, 1])
        #expect(t.firstTimeContributors == [2, 1])
        #expect(t.messagesOutside == 0)
    }

    @Test func everyWeekOfTheRangeIsThereZerosIncluded() {
        let spec = Spec("[PATCH] KVM: a", from: "A Person <a@example.org>", at: "2024-12-23 10:00")
        let late = Spec("[PATCH] KVM: b", from: "A Person <a@example.org>", at: "2025-01-14 10:00")
        let (t, _) = trends([("2024-W52", [spec]), ("2025-W03", [late])])
        #expect(t.weeks.map(\.id) == ["2024-W52", "2025-W01", "2025-W02", "2025-W03"])
        #expect(t.messages == [1, 0, 0, 1])
        #expect(t.threads == [1, 0, 0, 1])
        #expect(t.contributors == [1, 0, 0, 1])
        #expect(t.firstTimeContributors == [1, 0, 0, 0])
        #expect(t.years == [2024, 2025])
        #expect(t.positions(ofYear: 2024) == 0..<1)
        #expect(t.positions(ofYear: 2025) == 1..<4)
        #expect(t.positions(ofYear: 2023).isEmpty)
    }

    @Test func historyBeforeTheFirstWeekIsCountedApart() {
        let spec = Spec(
            "[PATCH] KVM: a", from: "A Person <a@example.org>", at: "2025-06-02 10:00",
            replies: [("B Person <b@example.org>", "2025-08-05 10:00")])
        let (t, _) = trends([("2025-W32", [spec])])
        #expect(t.messages == [1])
        #expect(t.messagesOutside == 1)
        // A's first message was sent before the archive's weeks: not new in W32, and not active in it.
        #expect(t.contributors == [1])
        #expect(t.firstTimeContributors == [1])
    }

    @Test func botsAreNotContributors() {
        let spec = Spec(
            "[PATCH] KVM: a", from: "A Person <a@example.org>", at: "2025-08-05 10:00",
            replies: [("kernel test robot <lkp@intel.com>", "2025-08-05 11:00")])
        let (t, _) = trends([("2025-W32", [spec])])
        #expect(t.messages == [2])
        #expect(t.contributors == [1])
    }

    @Test func fiveCategoriesInFixedOrderThenOther() {
        func threads(_ category: String, _ count: Int, week: String) -> [Spec] {
            (0..<count).map {
                Spec(
                    "[PATCH] \(category) topic \($0) \(week)", from: "A Person <a@example.org>", at: "2025-08-05 10:00",
                    category: category)
            }
        }
        let w32 =
            threads("PATCH", 6, week: "32") + threads("RFC", 5, week: "32") + threads("Other", 9, week: "32")
            + threads("GIT PULL", 4, week: "32") + threads("Bug Report", 3, week: "32")
            + threads("Discussion", 2, week: "32") + threads("Question", 2, week: "32")
        let (t, _) = trends([("2025-W32", w32), ("2025-W33", threads("Selftest", 1, week: "33"))])
        // The reports' own "Other" is never a named category; Discussion and Question tie, A–Z wins.
        #expect(t.categories == ["PATCH", "RFC", "GIT PULL", "Bug Report", "Discussion", "Other"])
        #expect(t.categoryThreads == [[6, 5, 4, 3, 2, 11], [0, 0, 0, 0, 0, 1]])
        #expect(t.categoryThreads.map { $0.reduce(0, +) } == t.threads)
    }

    @Test func fewCategoriesNeedNoOther() {
        let spec = Spec("[PATCH] KVM: a", from: "A Person <a@example.org>", at: "2025-08-05 10:00")
        let (t, _) = trends([("2025-W32", [spec])])
        #expect(t.categories == ["PATCH"])
        #expect(t.categoryThreads == [[1]])
    }

    @Test func degenerateArchives() {
        let (empty, _) = trends([])
        #expect(empty.weeks.isEmpty && empty.messages.isEmpty && empty.categories.isEmpty)
        #expect(empty.years.isEmpty)
        let (silent, _) = trends([("2025-W10", [])])
        #expect(silent.weeks.map(\.id) == ["2025-W10"])
        #expect(silent.messages == [0] && silent.threads == [0] && silent.categoryThreads == [[]])
        let spec = Spec("[PATCH] KVM: a", from: "A Person <a@example.org>", at: "2016-01-05 10:00")
        let (decade, _) = trends([("2016-W01", [spec]), ("2025-W40", [])])
        #expect(decade.weeks.count == 509)
        #expect(decade.weeks.last?.id == "2025-W40")
        #expect(decade.years == Array(2016...2025))
        #expect(zip(decade.weeks, decade.weeks.dropFirst()).allSatisfy { $0.adding(weeks: 1) == $1 })
        #expect(decade.messages.reduce(0, +) == 1)
    }

    /// A year's series are those discussed in it, in the index's order; ranked among them only,
    /// a year's stretch gives what it gives among every series.
    @Test func aYearsSeriesAreThoseDiscussedInIt() throws {
        let maz = "Marc Zyngier <maz@kernel.org>"
        let (trends, index) = trends([
            ("2024-W51", [Spec("[PATCH] KVM: arm64: Old one", from: maz, at: "2024-12-17 10:00")]),
            ("2024-W52", [Spec("[PATCH v1] KVM: arm64: Across", from: maz, at: "2024-12-24 10:00")]),
            ("2025-W01", [Spec("[PATCH v2] KVM: arm64: Across", from: maz, at: "2024-12-31 10:00")]),
            ("2025-W02", [Spec("[PATCH] KVM: arm64: New one", from: maz, at: "2025-01-07 10:00")]),
        ])
        let byYear = SeriesTrend.discussedByYear(index)
        let title = { (position: Int) in index.series.series[position].title }
        #expect(Set(byYear.keys) == [2024, 2025])
        #expect(byYear[2024]!.map(title).sorted() == ["KVM: arm64: Across", "KVM: arm64: Old one"])
        #expect(byYear[2025]!.map(title).sorted() == ["KVM: arm64: Across", "KVM: arm64: New one"])
        #expect(byYear.values.allSatisfy { $0 == $0.sorted() })
        for year in trends.years {
            let positions = trends.positions(ofYear: year)
            let stretch = trends.weeks[positions.lowerBound]...trends.weeks[positions.upperBound - 1]
            let among = SeriesTrend.all(index, weeks: stretch, among: byYear[year])
            #expect(among == SeriesTrend.all(index, weeks: stretch), "\(year)")
            #expect(among.count == 2, "\(year)")
        }
    }

    @Test func seriesRankings() {
        let maz = "Marc Zyngier <maz@kernel.org>"
        let reply = [("Oliver Upton <oliver.upton@linux.dev>", "2025-08-06 11:00")]
        let (_, index) = trends([
            (
                "2025-W32",
                [Spec("[PATCH v1 0/2] KVM: arm64: Long one", from: maz, at: "2025-08-05 10:00", replies: reply)]
            ),
            ("2025-W33", [Spec("[PATCH v2 0/2] KVM: arm64: Long one", from: maz, at: "2025-08-12 10:00")]),
            (
                "2025-W34",
                [
                    Spec("[PATCH v3 0/2] KVM: arm64: Long one", from: maz, at: "2025-08-19 10:00"),
                    Spec(
                        "[PATCH] KVM: arm64: Busy one", from: maz, at: "2025-08-18 10:00",
                        replies: Array(repeating: ("Will Deacon <will@kernel.org>", "2025-08-19 10:00"), count: 1)
                            + [
                                ("Fuad Tabba <tabba@google.com>", "2025-08-19 11:00"),
                                ("Joey Gouly <joey.gouly@arm.com>", "2025-08-19 12:00"),
                                ("Steven Price <steven.price@arm.com>", "2025-08-19 13:00"),
                            ]),
                ]
            ),
        ])
        let all = SeriesTrend.all(index)
        let titles = { (ranked: [SeriesTrend]) in ranked.map { index.series.series[$0.series].title } }
        let longest = SeriesTrend.longestRunning(all, in: index, limit: 10)
        #expect(titles(longest) == ["KVM: arm64: Long one", "KVM: arm64: Busy one"])
        #expect(longest[0].weeks.count == 3 && longest[0].versionCount == 3 && longest[0].messages == 4)
        let busiest = SeriesTrend.busiest(all, in: index, limit: 1)
        #expect(titles(busiest) == ["KVM: arm64: Busy one"])
        #expect(busiest[0].messages == 5)
        let w34 = ISOWeek(id: "2025-W34")!
        let late = SeriesTrend.all(index, weeks: w34...w34)
        let long = late.first { index.series.series[$0.series].title == "KVM: arm64: Long one" }!
        #expect(long.weeks.count == 1 && long.messages == 1 && long.versionCount == 1)
        #expect(index.series.series[long.series].versions[long.firstVersion].label == "v3")
    }

    /// A stretch's series, counted as the weeks each week and message falls in: for every year
    /// of the corpus and stretches starting and ending on every weekday of its messages.
    @Test(.enabled(if: Corpus.isPresent)) func stretchesCountTheWeeksTheirMessagesFallIn() async throws {
        let index = ArchiveIndex(reports: try await ArchiveLoader.load(folder: Corpus.folder).reports)
        let weeks = index.reports.map(\.week)
        var stretches = Set(weeks.map(\.year)).map { year in
            weeks.filter { $0.year == year }.min()!...weeks.filter { $0.year == year }.max()!
        }
        for (start, length) in [(0, 1), (3, 2), (7, 5), (20, 1), (weeks.count - 2, 2)] {
            stretches.append(weeks[start]...weeks[start + length - 1])
        }
        struct Trend: Equatable {
            let series: Int
            let weeks: [ISOWeek]
            let messages: Int
            let firstVersion: Int
            let lastVersion: Int
        }
        for stretch in stretches {
            let trends = SeriesTrend.all(index, weeks: stretch).map {
                Trend(
                    series: $0.series, weeks: $0.weeks, messages: $0.messages, firstVersion: $0.firstVersion,
                    lastVersion: $0.lastVersion)
            }
            #expect(!trends.isEmpty)
            var expected: [Trend] = []
            for (position, series) in index.series.series.enumerated() {
                let inStretch = series.weeks.filter { stretch.contains($0) }
                guard !inStretch.isEmpty else { continue }
                let discussed = series.versions.indices.filter {
                    series.versions[$0].weeks.contains(where: stretch.contains)
                }
                expected.append(
                    Trend(
                        series: position, weeks: inStretch,
                        messages: series.messages.count {
                            stretch.contains(ISOWeek(containing: index.message($0).sentAt.date))
                        },
                        firstVersion: discussed.first ?? 0, lastVersion: discussed.last ?? 0))
            }
            #expect(trends == expected, "\(stretch)")
        }
    }
}
