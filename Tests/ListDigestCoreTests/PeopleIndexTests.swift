import ListDigestTestSupport
import Testing

@testable import ListDigestCore

private typealias T = ArchiveBuilder.ThreadSpec

private func people(_ senders: [String], mailmap: Mailmap = .empty) -> ArchiveIndex {
    let threads = senders.enumerated().map { index, sender in
        T("[PATCH] KVM: arm64: change \(index)", from: sender, at: "2025-03-0\(index % 9 + 1) 10:00")
    }
    return ArchiveIndex(reports: ArchiveBuilder.reports([("2025-W10", threads)]), mailmap: mailmap)
}

private func person(_ index: ArchiveIndex, _ sender: String) -> Person? {
    index.people.person(of: Sender(parsing: sender)!)
}

@Suite struct PeopleIndexTests {
    @Test func oneAddressInAnyCaseIsOnePerson() {
        let index = people(["Marc Zyngier <maz@kernel.org>", "Marc Zyngier <MAZ@Kernel.org>"])
        #expect(index.people.people.count == 1)
        #expect(index.people.people.first?.addresses == ["maz@kernel.org"])
    }

    @Test func oneNameUnderSeveralAddressesIsOnePerson() throws {
        let index = people([
            "Oliver Upton <oliver.upton@linux.dev>", "Oliver Upton <oupton@kernel.org>",
            "oliver upton <OUPTON@kernel.org>",
        ])
        #expect(index.people.people.count == 1)
        let oliver = try #require(index.people.people.first)
        #expect(oliver.id == "oliver-upton")
        #expect(oliver.name == "Oliver Upton")
        #expect(oliver.addresses == ["oliver.upton@linux.dev", "oupton@kernel.org"])
        #expect(index.activity[0]?.messages == 3)
    }

    @Test func b4RelaySendersAreTheirRealAddress() throws {
        let index = people([
            "Per Larsen via B4 Relay <devnull+perlarsen.google.com@kernel.org>", "Per Larsen <perlarsen@google.com>",
        ])
        #expect(index.people.people.count == 1)
        #expect(index.people.people.first?.addresses == ["perlarsen@google.com"])
        #expect(index.people.people.first?.name == "Per Larsen")
        // Alone, the relay is still decoded, dots in the local part kept.
        let alone = people(["Anshuman Khandual via B4 Relay <devnull+anshuman.khandual.arm.com@kernel.org>"])
        #expect(alone.people.people.first?.addresses == ["anshuman.khandual@arm.com"])
        #expect(alone.people.people.first?.id == "anshuman-khandual")
    }

    @Test func lastCommaFirstIsTheSameName() {
        let index = people(["\"Upton, Oliver\" <oupton@kernel.org>", "Oliver Upton <oliver.upton@linux.dev>"])
        #expect(index.people.people.count == 1)
        #expect(index.people.people.first?.name == "Oliver Upton")
    }

    @Test func singleWordNamesAreNotEnoughToMerge() {
        let index = people(["marc <marc@example.org>", "Marc <marc.other@example.com>"])
        #expect(index.people.people.count == 2)
    }

    @Test func mailmapWinsOverEveryHeuristic() throws {
        let mailmap = Mailmap(
            parsing: """
                # Two different John Smiths, and Oliver's old address.
                John Smith <john@arm.com> <jsmith@arm.com>
                Johnny Smith <john.smith@intel.com> John Smith <js@intel.com>
                <oliver.upton@linux.dev> <oliver.upton@gmail.com>
                this line is broken <
                """, file: "Site/mailmap")
        #expect(
            mailmap.diagnostics.map(\.description) == [
                "Site/mailmap:5: warning: mailmap line should read 'Proper Name <proper@email> Commit Name <commit@email>'; ignored"
            ])
        let index = people(
            [
                "John Smith <jsmith@arm.com>", "John Smith <js@intel.com>", "Oliver Upton <oliver.upton@gmail.com>",
                "Oliver Upton <oliver.upton@linux.dev>",
            ],
            mailmap: mailmap)
        let arm = try #require(person(index, "John Smith <jsmith@arm.com>"))
        let intel = try #require(person(index, "John Smith <js@intel.com>"))
        #expect(arm.id != intel.id, "the mailmap separates the two, whatever their shared name says")
        #expect(arm.addresses == ["john@arm.com"])
        #expect(intel.name == "Johnny Smith")
        #expect(intel.addresses == ["john.smith@intel.com"])
        #expect(person(index, "Oliver Upton <oliver.upton@gmail.com>")?.addresses == ["oliver.upton@linux.dev"])
        #expect(index.people.people.count == 3)
    }

    /// A message listed in several weeks counts once for whoever sent it, and once for each of
    /// the people a mailmap makes of the names its one address sent it under.
    @Test func aMessageListedAgainCountsOncePerPerson() throws {
        let mailmap = Mailmap(
            parsing: """
                Johnny Smith <john.smith@intel.com> John Smith <js@intel.com>
                Jack Smith <jack@intel.com> Jack Smith <js@intel.com>
                """, file: "mailmap")
        let reports = ArchiveBuilder.reports(
            ["John Smith", "Jack Smith", "John Smith", "Jack Smith"].enumerated().map { index, name in
                (
                    "2025-W1\(index)",
                    [
                        T("[PATCH] KVM: one message", from: "\(name) <js@intel.com>", at: "2025-03-03 10:00"),
                        T("[PATCH] KVM: week \(index)", from: "Marc Zyngier <maz@kernel.org>", at: "2025-03-04 10:00"),
                    ]
                )
            })
        let index = ArchiveIndex(reports: reports, mailmap: mailmap)
        let johnny = try #require(index.people.people.firstIndex { $0.name == "Johnny Smith" })
        let jack = try #require(index.people.people.firstIndex { $0.name == "Jack Smith" })
        let marc = try #require(index.people.people.firstIndex { $0.name == "Marc Zyngier" })
        #expect(index.activity[johnny]?.messages == 1 && index.activity[jack]?.messages == 1)
        #expect(index.activity[marc]?.messages == 4)
        #expect(index.distinctMessages == 5)
        #expect(index.distinctMessagesByWeek == [ISOWeek(year: 2025, week: 10)!: 5])
        #expect(index.activity[johnny]?.messagesPerWeek.map(\.messages).reduce(0, +) == 1)
    }

    /// The people the linker takes from the message table's count of senders are those the
    /// index makes from the reports themselves, in the same order.
    @Test func indexFromReportsEqualsTheLinkersPeople() async throws {
        let mailmap = Mailmap(parsing: "Oliver Upton <oliver@kernel.org> <oliver.upton@linux.dev>\n", file: "mailmap")
        var reports = ArchiveBuilder.reports([
            ("2025-W10", [T("[PATCH] a", from: "Oliver Upton <oliver.upton@linux.dev>", at: "2025-03-03 10:00")]),
            ("2025-W11", [T("[PATCH] b", from: "oliver upton <OLIVER.UPTON@linux.dev>", at: "2025-03-10 10:00")]),
            ("2025-W12", [T("[PATCH] c", from: "Marc Zyngier <maz@kernel.org>", at: "2025-03-17 10:00")]),
        ])
        if Corpus.isPresent { reports += try await ArchiveLoader.load(folder: Corpus.folder).reports }
        for map in [Mailmap.empty, mailmap] {
            let fromReports = PeopleIndex(reports: reports, mailmap: map)
            let linked = ArchiveIndex(reports: reports, mailmap: map).people
            #expect(fromReports.people == linked.people)
            #expect(fromReports.people.count > 1)
        }
    }

    @Test func botsAreMarkedMergedAndKeptOutOfCoParticipants() throws {
        let reports = ArchiveBuilder.reports([
            (
                "2025-W10",
                [
                    T(
                        "[PATCH] KVM: arm64: Fix A", from: "Marc Zyngier <maz@kernel.org>", at: "2025-03-03 10:00",
                        replies: [
                            ("kernel test robot <lkp@intel.com>", "2025-03-04 10:00"),
                            ("Oliver Upton <oliver.upton@linux.dev>", "2025-03-04 11:00"),
                        ]),
                    T(
                        "[syzbot] WARNING in kvm_arch_vcpu_ioctl",
                        from: "syzbot <syzbot+4ebd710a879482a93f8f@syzkaller.appspotmail.com>", at: "2025-03-05 10:00"),
                    T(
                        "[syzbot] KASAN: use-after-free in vgic",
                        from: "syzbot <syzbot+cef594105ac7e60c6d93@syzkaller.appspotmail.com>", at: "2025-03-06 10:00"),
                ]
            )
        ])
        let index = ArchiveIndex(reports: reports)
        let robot = try #require(person(index, "kernel test robot <lkp@intel.com>"))
        #expect(robot.isBot)
        let syzbot = try #require(person(index, "syzbot <syzbot+4ebd710a879482a93f8f@syzkaller.appspotmail.com>"))
        #expect(syzbot.isBot && syzbot.addresses == ["syzbot@syzkaller.appspotmail.com"])
        #expect(index.people.people.count == 4)
        let marc = try #require(index.people.personIndex(of: Sender(parsing: "Marc Zyngier <maz@kernel.org>")!))
        let co = index.activity[marc]?.coParticipants.map { index.people.people[$0.person].name }
        #expect(co == ["Oliver Upton"])
        #expect(!(try #require(person(index, "Marc Zyngier <maz@kernel.org>"))).isBot)
    }

    @Test func activityCountsDistinctMessagesAndSeries() throws {
        let marc = "Marc Zyngier <maz@kernel.org>"
        let oliver = "Oliver Upton <oliver.upton@linux.dev>"
        let reports = ArchiveBuilder.reports([
            (
                "2025-W10",
                [
                    T(
                        "[PATCH v1 0/2] KVM: arm64: Rework A", from: marc, at: "2025-03-03 10:00",
                        replies: [(oliver, "2025-03-04 10:00")])
                ]
            ),
            (
                "2025-W11",
                [
                    T(
                        "[PATCH v1 0/2] KVM: arm64: Rework A", from: marc, at: "2025-03-03 10:00",
                        replies: [(oliver, "2025-03-04 10:00"), (oliver, "2025-03-11 10:00")])
                ]
            ),
            ("2025-W12", [T("[PATCH v2 0/2] KVM: arm64: Rework A", from: marc, at: "2025-03-18 10:00")]),
        ])
        let index = ArchiveIndex(reports: reports)
        let oliverIndex = try #require(index.people.personIndex(of: Sender(parsing: oliver)!))
        let marcIndex = try #require(index.people.personIndex(of: Sender(parsing: marc)!))
        let activity = try #require(index.activity[oliverIndex])
        #expect(activity.messages == 2)
        #expect(activity.firstWeek.id == "2025-W10" && activity.lastWeek.id == "2025-W11")
        #expect(activity.seriesStarted.isEmpty)
        #expect(activity.threads.map(\.messages) == [2])
        #expect(index.activity[marcIndex]?.seriesStarted.count == 1)
        #expect(index.activity[marcIndex]?.messages == 2)
    }

    /// Years are ISO week-years, as the weekly pages count: 30 December 2024 is in 2025-W01.
    @Test func activityIsSplitByTheYearOfEachMessagesWeek() throws {
        let marc = "Marc Zyngier <maz@kernel.org>"
        let oliver = "Oliver Upton <oliver.upton@linux.dev>"
        let rework = "[PATCH v1 0/2] KVM: arm64: Rework A"
        let reports = ArchiveBuilder.reports([
            ("2024-W51", [T(rework, from: marc, at: "2024-12-18 10:00", replies: [(oliver, "2024-12-19 10:00")])]),
            (
                "2025-W01",
                [
                    T(
                        rework, from: marc, at: "2024-12-18 10:00",
                        replies: [
                            (oliver, "2024-12-19 10:00"), (marc, "2024-12-30 09:00"), (oliver, "2025-01-02 09:00"),
                        ]
                    ),
                    T("[PATCH] KVM: arm64: Fix B", from: oliver, at: "2025-01-01 12:00"),
                ]
            ),
        ])
        let index = ArchiveIndex(reports: reports)
        let marcIndex = try #require(index.people.personIndex(of: Sender(parsing: marc)!))
        let oliverIndex = try #require(index.people.personIndex(of: Sender(parsing: oliver)!))
        let seriesA = try #require(index.series.series.firstIndex { $0.title == "KVM: arm64: Rework A" })
        let seriesB = try #require(index.series.series.firstIndex { $0.title == "KVM: arm64: Fix B" })

        let marcYears = try #require(index.activity[marcIndex]).years
        #expect(marcYears.map(\.year) == [2024, 2025])
        #expect(marcYears.map(\.messages) == [1, 1])
        #expect(marcYears.map(\.seriesStarted) == [[seriesA], []])
        #expect(marcYears.map { $0.threads.map(\.series) } == [[seriesA], [seriesA]])

        let oliverYears = try #require(index.activity[oliverIndex]).years
        #expect(oliverYears.map(\.year) == [2024, 2025])
        #expect(oliverYears.map(\.seriesStarted) == [[], [seriesB]])
        #expect(oliverYears[1].threads.map(\.series).sorted() == [seriesA, seriesB].sorted())
        #expect(oliverYears[1].threads.map(\.messages) == [1, 1])
    }

    /// Every person's years add up to what they did in the whole archive.
    @Test func yearsAddUpToTheWholeActivity() async throws {
        let reports =
            Corpus.isPresent
            ? try await ArchiveLoader.load(folder: Corpus.folder).reports
            : ArchiveBuilder.reports([("2025-W10", [T("[PATCH] A", from: "A B <a@b.org>", at: "2025-03-03 10:00")])])
        let index = ArchiveIndex(reports: reports)
        var checked = 0
        for activity in index.activity.compactMap({ $0 }) {
            #expect(activity.years.map(\.messages).reduce(0, +) == activity.messages)
            #expect(activity.years.map(\.year) == activity.years.map(\.year).sorted())
            #expect(activity.years.flatMap(\.seriesStarted) == activity.seriesStarted)
            var perSeries: [Int: Int] = [:]
            for year in activity.years {
                for thread in year.threads { perSeries[thread.series, default: 0] += thread.messages }
                #expect(year.threads.map(\.messages) == year.threads.map(\.messages).sorted(by: >))
            }
            #expect(perSeries == Dictionary(uniqueKeysWithValues: activity.threads.map { ($0.series, $0.messages) }))
            checked += 1
        }
        #expect(checked == index.people.people.count)
    }

    @Test func personSlugsAreStableAndCollisionSafe() {
        let mailmap = Mailmap(
            parsing: "Jane Doe <jane@a.org> <jane@a.org>\nJane Doe <jane@b.org> <jane@b.org>", file: "m")
        let first = people(["Jane Doe <jane@a.org>", "Jane Doe <jane@b.org>"], mailmap: mailmap)
        let ids = first.people.people.map(\.id).sorted()
        #expect(ids.count == 2)
        #expect(ids[0] == "jane-doe")
        #expect(ids[1].hasPrefix("jane-doe-") && ids[1].count == "jane-doe-".count + 6)
        let again = people(
            ["Jane Doe <jane@a.org>", "Jane Doe <jane@b.org>", "Someone Else <x@y.org>"], mailmap: mailmap)
        #expect(Set(ids).isSubset(of: Set(again.people.people.map(\.id))))
    }
}
