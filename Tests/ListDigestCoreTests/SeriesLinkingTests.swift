import ListDigestTestSupport
import Testing

@testable import ListDigestCore

private typealias T = ArchiveBuilder.ThreadSpec

private let steven = "Steven Price <steven.price@arm.com>"
private let marc = "Marc Zyngier <maz@kernel.org>"
private let oliver = "Oliver Upton <oliver.upton@linux.dev>"
private let gavin = "Gavin Shan <gshan@redhat.com>"

private func link(_ weeks: [(week: String, threads: [T])]) -> (reports: [WeeklyReport], index: ArchiveIndex) {
    let reports = ArchiveBuilder.reports(weeks)
    return (reports, ArchiveIndex(reports: reports))
}

/// The series holding the thread with this subject in this week.
private func seriesOf(_ index: ArchiveIndex, week: String, subject: String) -> Series? {
    for (reportIndex, report) in index.reports.enumerated() where report.week.id == week {
        for (threadIndex, thread) in report.threads.enumerated() where thread.subjectLine == subject {
            return index.location(report: reportIndex, thread: threadIndex).map { index.series.series[$0.series] }
        }
    }
    return nil
}

@Suite struct SeriesLinkingTests {
    @Test func theSameThreadReportedInSeveralWeeksIsOneVersion() throws {
        let (_, index) = link([
            (
                "2025-W07",
                [
                    T(
                        "[PATCH v7 00/45] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-02-13 15:00",
                        replies: [(gavin, "2025-02-14 10:00")])
                ]
            ),
            (
                "2025-W08",
                [
                    T(
                        "[PATCH v7 00/45] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-02-13 15:00",
                        replies: [(gavin, "2025-02-14 10:00"), (marc, "2025-02-18 09:00")])
                ]
            ),
        ])
        #expect(index.series.series.count == 1)
        let series = try #require(index.series.series.first)
        #expect(series.versions.map(\.label) == ["v7"])
        #expect(series.versions[0].weeks.map(\.id) == ["2025-W07", "2025-W08"])
        #expect(series.messages.count == 3, "history listed again counts once")
        #expect(series.id == "arm64-support-for-arm-cca-in-kvm")
    }

    @Test func risingVersionsChainAndOlderOnesAreSuperseded() throws {
        let (_, index) = link([
            (
                "2025-W07",
                [T("[PATCH v7 00/45] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-02-13 15:00")]
            ),
            (
                "2025-W16",
                [T("[PATCH v8 00/43] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-04-16 14:00")]
            ),
            (
                "2025-W24",
                [T("[PATCH v9 00/43] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-06-11 11:00")]
            ),
            (
                "2025-W34",
                [T("[PATCH v10 00/43] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-08-20 15:00")]
            ),
        ])
        let series = try #require(index.series.series.first)
        #expect(index.series.series.count == 1)
        #expect(series.versions.map(\.label) == ["v7", "v8", "v9", "v10"])
        #expect(series.versions.map(\.superseded) == [true, true, true, false])
        #expect(series.versions.map(\.link) == [.first, .sameTitle, .sameTitle, .sameTitle])
        #expect(series.weeks.map(\.id) == ["2025-W07", "2025-W16", "2025-W24", "2025-W34"])
    }

    @Test func rfcContinuesIntoPatchEvenWhenTheVersionRestarts() throws {
        let (_, index) = link([
            (
                "2025-W10",
                [T("[RFC PATCH 0/3] KVM: arm64: Drop support for 32-bit kvmtool", from: oliver, at: "2025-03-05 10:00")]
            ),
            (
                "2025-W12",
                [
                    T(
                        "[RFC PATCH v2 0/3] KVM: arm64: Drop support for 32-bit kvmtool", from: oliver,
                        at: "2025-03-18 10:00")
                ]
            ),
            (
                "2025-W13",
                [T("[PATCH 0/3] KVM: arm64: Drop support for 32-bit kvmtool", from: oliver, at: "2025-03-26 10:00")]
            ),
            (
                "2025-W14",
                [T("[PATCH v2 0/3] KVM: arm64: Drop support for 32-bit kvmtool", from: oliver, at: "2025-04-02 10:00")]
            ),
        ])
        #expect(index.series.series.count == 1)
        #expect(index.series.series.first?.versions.map(\.label) == ["RFC v1", "RFC v2", "v1", "v2"])
    }

    @Test func aFirstVersionWithoutV1AndGapsBetweenVersions() throws {
        let (_, index) = link([
            (
                "2025-W02",
                [
                    T(
                        "[PATCH 00/18] KVM: arm64: Support FEAT_PMUv3 on Apple hardware", from: oliver,
                        at: "2025-01-08 10:00")
                ]
            ),
            (
                "2025-W06",
                [
                    T(
                        "[PATCH v3 00/14] KVM: arm64: Support FEAT_PMUv3 on Apple hardware", from: oliver,
                        at: "2025-02-03 10:00")
                ]
            ),
            (
                "2025-W09",
                [
                    T(
                        "[PATCH v5 00/14] KVM: arm64: Support FEAT_PMUv3 on Apple hardware", from: oliver,
                        at: "2025-02-25 10:00")
                ]
            ),
        ])
        #expect(index.series.series.count == 1)
        #expect(index.series.series.first?.versions.map(\.label) == ["v1", "v3", "v5"])
    }

    @Test func aLonePartJoinsTheSeriesWhoseCoverListsIt() throws {
        let (_, index) = link([
            (
                "2025-W20",
                [
                    T(
                        "[PATCH v7 0/5] KVM: arm64: Map GPU device memory as cacheable",
                        from: "Ankit Agrawal <ankita@nvidia.com>", at: "2025-06-18 04:00")
                ]
            ),
            (
                "2025-W21",
                [
                    T(
                        "[PATCH v7 4/5] KVM: arm64: Allow cacheable stage 2 mapping using VMA flags",
                        from: "Ankit Agrawal <ankita@nvidia.com>", at: "2025-06-18 04:00",
                        replies: [(marc, "2025-06-20 12:00")])
                ]
            ),
        ])
        var reports = index.reports
        // The cover's message list names part 4, as the reports list every part of a series.
        let cover = reports[0].threads[0]
        let part = Message(
            sentAt: ArchiveBuilder.time("2025-06-18 04:00"),
            subjectLine: "[PATCH v7 4/5] KVM: arm64: Allow cacheable stage 2 mapping using VMA flags",
            sender: Sender(parsing: "Ankit Agrawal <ankita@nvidia.com>")!, line: 2)
        reports[0] = WeeklyReport(
            week: reports[0].week, listName: "KVMARM", path: reports[0].path, generatedAt: nil, period: nil,
            declaredEmails: nil,
            declaredThreads: 1, declaredLargeThreads: nil, categories: [],
            threads: [
                ReportThread(
                    number: 1, category: "PATCH", subjectLine: cover.subjectLine, declaredEmails: 2,
                    declaredParticipants: nil,
                    startedAt: nil, summaryMarkdown: "", messages: cover.messages + [part], line: 10)
            ])
        let linked = ArchiveIndex(reports: reports)
        #expect(linked.series.series.count == 1)
        let series = try #require(linked.series.series.first)
        #expect(series.title == "KVM: arm64: Map GPU device memory as cacheable")
        #expect(series.versions.count == 1)
        #expect(series.versions[0].weeks.map(\.id) == ["2025-W20", "2025-W21"])
    }

    @Test func aLonePartFallsBackToTheOneCoverFromItsAuthor() throws {
        let (_, index) = link([
            (
                "2025-W25",
                [
                    T(
                        "[PATCH v3 00/29] KVM: arm64: SMMUv3 driver for pKVM",
                        from: "Mostafa Saleh <smostafa@google.com>", at: "2025-06-16 10:00"),
                    T(
                        "[PATCH v3 12/29] iommu/arm-smmu-v3: Add host stage-2 ops",
                        from: "Mostafa Saleh <smostafa@google.com>", at: "2025-06-16 10:00",
                        replies: [(oliver, "2025-06-17 10:00")]),
                ]
            )
        ])
        #expect(index.series.series.count == 1)
        #expect(index.series.series.first?.versions.first?.threads.count == 2)
    }

    @Test func aRetitledSeriesIsLinkedOnlyOnStrongEvidence() throws {
        let fuad = "Fuad Tabba <tabba@google.com>"
        let (_, index) = link([
            (
                "2025-W23",
                [
                    T(
                        "[PATCH v12 00/18] KVM: Mapping guest_memfd backed memory at the host for software protected VMs",
                        from: fuad, at: "2025-06-11 10:00")
                ]
            ),
            (
                "2025-W28",
                [
                    T(
                        "[PATCH v13 00/20] KVM: Enable mapping guest_memfd backed memory at the host for non-CoCo VMs",
                        from: fuad, at: "2025-07-09 10:00"),
                    // Same author, close in time, but a different topic: kept apart.
                    T("[PATCH v13 0/2] KVM: arm64: Fix PMU event filter handling", from: fuad, at: "2025-07-10 10:00"),
                ]
            ),
        ])
        let series = try #require(
            seriesOf(
                index, week: "2025-W28",
                subject: "[PATCH v13 00/20] KVM: Enable mapping guest_memfd backed memory at the host for non-CoCo VMs")
        )
        #expect(series.versions.map(\.label) == ["v12", "v13"])
        #expect(series.versions.map(\.link) == [.first, .retitled])
        #expect(series.title == "KVM: Enable mapping guest_memfd backed memory at the host for non-CoCo VMs")
        #expect(
            series.id == "kvm-mapping-guest-memfd-backed-memory-at-the-host-for-software",
            "from the first title, cut at a word")
        #expect(index.series.series.count == 2)
    }

    @Test func retitlesFromAnotherAuthorOrMonthsLaterAreNotLinked() {
        let fuad = "Fuad Tabba <tabba@google.com>"
        let (_, index) = link([
            (
                "2025-W10",
                [T("[PATCH v2 0/4] KVM: arm64: Rework pKVM vCPU state handling", from: fuad, at: "2025-03-05 10:00")]
            ),
            (
                "2025-W12",
                [T("[PATCH v3 0/4] KVM: arm64: Rework pKVM vCPU state tracking", from: marc, at: "2025-03-19 10:00")]
            ),
            (
                "2025-W40",
                [
                    T(
                        "[PATCH v3 0/4] KVM: arm64: Rework the pKVM vCPU state handling", from: fuad,
                        at: "2025-10-01 10:00")
                ]
            ),
        ])
        #expect(index.series.series.count == 3)
    }

    @Test func recurringPullRequestsAreSeparateSeriesOfOneFamily() throws {
        let (_, index) = link([
            (
                "2025-W06",
                [
                    T(
                        "[GIT PULL] KVM/arm64 fixes for 6.14, take #1", from: marc, at: "2025-02-07 10:00",
                        category: "GIT PULL")
                ]
            ),
            (
                "2025-W07",
                [
                    T(
                        "[GIT PULL] KVM/arm64 fixes for 6.14, take #2", from: marc, at: "2025-02-14 10:00",
                        category: "GIT PULL")
                ]
            ),
        ])
        #expect(index.series.series.count == 2)
        let families = Set(index.series.series.map(\.key.familyTitle))
        #expect(families == ["kvm/arm64 fixes for 6.14"])
        #expect(index.series.series.allSatisfy { $0.isPull })
        #expect(
            Set(index.series.series.map(\.id)) == [
                "kvm-arm64-fixes-for-6-14-take-1", "kvm-arm64-fixes-for-6-14-take-2",
            ])
    }

    @Test func identicalTitlesFromDifferentPeopleOrYearsApartStayApart() throws {
        let (_, index) = link([
            ("2024-W10", [T("[PATCH] KVM: arm64: Fix build with clang", from: marc, at: "2024-03-05 10:00")]),
            (
                "2025-W20",
                [
                    T("[PATCH] KVM: arm64: Fix build with clang", from: oliver, at: "2025-05-13 10:00"),
                    T("[PATCH v2] KVM: arm64: Fix build with clang", from: marc, at: "2025-05-14 10:00"),
                ]
            ),
        ])
        #expect(index.series.series.count == 3)
        let ids = index.series.series.map(\.id).sorted()
        #expect(
            ids == [
                "kvm-arm64-fix-build-with-clang", "kvm-arm64-fix-build-with-clang-2025-w20",
                "kvm-arm64-fix-build-with-clang-2025-w20-" + ids[2].suffix(6),
            ])
        #expect(
            seriesOf(index, week: "2024-W10", subject: "[PATCH] KVM: arm64: Fix build with clang")?.id
                == "kvm-arm64-fix-build-with-clang")
    }

    @Test func stableSiblingsAndKvmtoolTwinsAreDifferentSeries() {
        let mark = "Mark Brown <broonie@kernel.org>"
        let andre = "Andre Przywara <andre.przywara@arm.com>"
        let (_, index) = link([
            (
                "2025-W11",
                [
                    T("[PATCH 6.1.y] KVM: arm64: Backport of SVE fixes", from: mark, at: "2025-03-13 10:00"),
                    T("[PATCH 6.6.y] KVM: arm64: Backport of SVE fixes", from: mark, at: "2025-03-13 10:05"),
                    T(
                        "[PATCH kvmtool v2 0/6] arm64: Nested virtualization support", from: andre,
                        at: "2025-03-12 10:00"),
                    T("[PATCH v2 0/6] arm64: Nested virtualization support", from: andre, at: "2025-03-12 11:00"),
                ]
            )
        ])
        #expect(index.series.series.count == 4)
        #expect(Set(index.series.series.map(\.id)).contains("kvmtool-arm64-nested-virtualization-support"))
        #expect(Set(index.series.series.map(\.id)).contains("6-1-y-kvm-arm64-backport-of-sve-fixes"))
    }

    @Test func aThreadListedOnlyWithRepliesJoinsItsVersion() throws {
        let (_, index) = link([
            (
                "2025-W07",
                [T("[PATCH v7 00/45] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-02-13 15:00")]
            ),
            (
                "2025-W13",
                [
                    T(
                        "[PATCH v7 00/45] arm64: Support for Arm CCA in KVM", from: oliver, at: "2025-03-25 23:14",
                        replies: [(gavin, "2025-03-26 02:14")], coverListed: false)
                ]
            ),
            (
                "2025-W16",
                [T("[PATCH v8 00/43] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-04-16 14:00")]
            ),
        ])
        let series = try #require(index.series.series.first)
        #expect(index.series.series.count == 1)
        #expect(series.versions.map(\.label) == ["v7", "v8"])
        #expect(series.versions[0].weeks.map(\.id) == ["2025-W07", "2025-W13"])
        #expect(series.author.map { index.people.people[$0].name } == "Steven Price")
    }

    @Test func anAmbiguousPredecessorLinksNothing() {
        // Two v1 postings of one title with unknown posters: which one v2 continues is unknowable.
        let (_, index) = link([
            (
                "2025-W02",
                [
                    T(
                        "[PATCH 0/3] KVM: arm64: Rework timer offsets", from: marc, at: "2025-01-08 10:00",
                        replies: [(oliver, "2025-01-08 12:00")], coverListed: false)
                ]
            ),
            (
                "2025-W30",
                [
                    T(
                        "[PATCH 0/5] KVM: arm64: Rework timer offsets", from: marc, at: "2025-07-22 10:00",
                        replies: [(gavin, "2025-07-22 12:00")], coverListed: false)
                ]
            ),
            ("2025-W31", [T("[PATCH v2 0/5] KVM: arm64: Rework timer offsets", from: marc, at: "2025-07-29 10:00")]),
        ])
        #expect(index.series.series.count == 3)
    }

    /// Unicode takes a composed `é` and a decomposed one as the same, and the message table
    /// numbers their lines as one line; the keys made of them still differ in their bytes. A
    /// thread's key is the one of its own subject line's bytes, not of the line its cover
    /// letter was numbered as.
    @Test func aThreadsKeyIsOfItsOwnLinesBytes() throws {
        let decomposed = "[PATCH v2 0/3] KVM: arm64: Cafe\u{301} timers"
        let composed = "[PATCH v2 0/3] KVM: arm64: Caf\u{E9} timers"
        #expect(decomposed == composed && !decomposed.hasSameBytes(as: composed))
        let reports = ArchiveBuilder.reports([
            ("2025-W07", [T(decomposed, from: steven, at: "2025-02-13 15:00")]),
            ("2025-W08", [T(composed, from: steven, at: "2025-02-18 15:00", replies: [(marc, "2025-02-19 09:00")])]),
        ])
        let table = MessageTable(reports: reports, mailmap: .empty)
        let occurrences = SeriesLinker.occurrences(reports: reports, table: table)
        #expect(occurrences.count == 2)
        for occurrence in occurrences {
            let key = SeriesKey(reports[occurrence.ref.report].threads[occurrence.ref.thread].subject)
            #expect(occurrence.key.title.hasSameBytes(as: key.title))
            #expect(occurrence.keyID == table.keyID(key))
        }
        #expect(occurrences[0].keyID != nil)
        #expect(!occurrences[0].key.title.hasSameBytes(as: occurrences[1].key.title))
    }

    @Test func slugsStayWhenWeeksAreAddedOrReordered() {
        let weeks: [(week: String, threads: [T])] = [
            (
                "2025-W07",
                [T("[PATCH v7 00/45] arm64: Support for Arm CCA in KVM", from: steven, at: "2025-02-13 15:00")]
            ),
            ("2025-W10", [T("[PATCH] KVM: arm64: Fix build with clang", from: marc, at: "2025-03-05 10:00")]),
            ("2025-W20", [T("[PATCH] KVM: arm64: Fix build with clang", from: oliver, at: "2025-05-13 10:00")]),
        ]
        let before = ArchiveIndex(reports: ArchiveBuilder.reports(weeks)).series.series.map(\.id)
        let added = ArchiveIndex(
            reports: ArchiveBuilder.reports(
                weeks + [
                    (
                        "2025-W30",
                        [
                            T(
                                "[PATCH v8 00/43] arm64: Support for Arm CCA in KVM", from: steven,
                                at: "2025-07-23 15:00"),
                            T("[PATCH] KVM: arm64: Fix build with clang", from: gavin, at: "2025-07-23 10:00"),
                        ]
                    )
                ])
        ).series.series.map(\.id)
        let reordered = ArchiveIndex(reports: ArchiveBuilder.reports(weeks.reversed())).series.series.map(\.id)
        #expect(Set(before).isSubset(of: Set(added)))
        #expect(added.count == before.count + 1)
        #expect(Set(reordered) == Set(before))
    }

    @Test func slugsAreSafePaths() {
        let (_, index) = link([
            (
                "2025-W07",
                [
                    T("[PATCH] ../../etc/passwd", from: marc, at: "2025-02-13 15:00"),
                    T("[PATCH] 修复 一个 问题", from: marc, at: "2025-02-13 16:00"),
                    T(
                        "[PATCH] " + String(repeating: "very long title ", count: 30), from: marc,
                        at: "2025-02-13 17:00"),
                ]
            )
        ])
        for series in index.series.series {
            #expect(!series.id.isEmpty && series.id.count <= 100)
            #expect(series.id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        }
    }
}
