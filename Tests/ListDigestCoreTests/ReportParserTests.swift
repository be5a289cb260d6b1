import ListDigestTestSupport
import Testing

@testable import ListDigestCore

@Suite struct ReportParserTests {
    @Test func readsEveryFieldOfACompleteReport() throws {
        let parsed = ReportFixtures.parse(ReportFixtures.complete)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        let report = try #require(parsed.report)
        #expect(report.week.id == "2025-W32")
        #expect(report.listName == "KVMARM")
        #expect(report.generatedAt?.description == "2025-10-27 11:50:54")
        #expect(report.period == "最近 7 天")
        #expect(report.declaredEmails == 6)
        #expect(report.declaredThreads == 3)
        #expect(report.declaredLargeThreads == 0)
        #expect(report.categories.map(\.name) == ["PATCH", "GIT PULL"])
        #expect(report.categories.map(\.declaredThreads) == [2, 1])
        #expect(report.categories.map(\.declaredEmails) == [5, 1])
        #expect(report.threads.count == 3)

        let vpmu = report.threads[0]
        #expect(vpmu.category == "PATCH")
        #expect(vpmu.number == 1)
        #expect(vpmu.subject.title == "KVM: x86: Add support for mediated vPMUs")
        #expect(vpmu.subject.version == 5)
        #expect(vpmu.subject.part == 0 && vpmu.subject.total == 44)
        #expect(vpmu.declaredEmails == 3)
        #expect(vpmu.declaredParticipants == 2)
        #expect(vpmu.startedAt?.description == "2025-08-06T12:56:22-07:00")
        #expect(vpmu.summaryMarkdown.hasPrefix("本邮件线程讨论了 **mediated vPMU** 的支持。"))
        #expect(vpmu.summaryMarkdown.hasSuffix("`perf` 的改动。"))
        #expect(vpmu.messages.count == 3)
        #expect(vpmu.messages[2].sentAt.description == "2025-08-07 09:14")
        #expect(vpmu.messages[2].subjectLine == "Re: [PATCH v5 00/44] KVM: x86: Add support for mediated vPMUs")
        #expect(vpmu.messages[2].sender == Sender(name: "Sandipan Das", address: "sandipan.das@amd.com"))

        let kvmtool = report.threads[1]
        #expect(kvmtool.subject.tags == ["kvmtool"])
        #expect(kvmtool.messages[0].sentAt.date.description == "2025-07-29")

        let pull = report.threads[2]
        #expect(pull.category == "GIT PULL")
        #expect(pull.subject.isPull)
    }

    @Test func joinsWrappedTitlesAndSubjects() throws {
        let text = ReportFixtures.report(threads: [
            ReportFixtures.thread(
                title: "[PATCH v1 0/4] KVM: arm64: Fixes to handling of restricted registers\n for protected VMs",
                messages: """
                    1. **[08-04 10:00]** [PATCH v5 08/44] perf: core/x86: Register a new vector for handling
                     mediated guest PMIs
                       - 发件人: Sean Christopherson <seanjc@google.com>
                    """)
        ])
        let parsed = ReportFixtures.parse(text)
        let thread = try #require(parsed.report?.threads.first)
        #expect(thread.subject.title == "KVM: arm64: Fixes to handling of restricted registers for protected VMs")
        #expect(
            thread.messages.first?.subjectLine
                == "[PATCH v5 08/44] perf: core/x86: Register a new vector for handling mediated guest PMIs")
        #expect(parsed.diagnostics.errorCount == 0)
    }

    @Test func resolvesMessageYearsAcrossNewYear() throws {
        let text = ReportFixtures.report(
            threads: [
                ReportFixtures.thread(
                    stats: "**📧 邮件数**: 3 | **👥 参与者**: 2 | **📅 开始时间**: Fri, 20 Dec 2024 12:52:33 +0530",
                    messages: """
                        1. **[12-20 12:52]** [PATCH 0/7] arm64/boot: Enable EL2 requirements
                           - 发件人: Anshuman Khandual <anshuman.khandual@arm.com>
                        2. **[12-31 23:59]** Re: [PATCH 0/7] arm64/boot: Enable EL2 requirements
                           - 发件人: Rob Herring <robh@kernel.org>
                        3. **[01-02 09:57]** Re: [PATCH 0/7] arm64/boot: Enable EL2 requirements
                           - 发件人: Rob Herring <robh@kernel.org>
                        """)
            ], week: "2025-W01")
        let parsed = ReportFixtures.parse(text, week: "2025-W01")
        let dates = try #require(parsed.report?.threads.first).messages.map(\.sentAt.date.description)
        #expect(dates == ["2024-12-20", "2024-12-31", "2025-01-02"])
    }

    @Test func keepsOlderHistoryMessagesInTheirOwnYear() throws {
        let text = ReportFixtures.report(threads: [
            ReportFixtures.thread(
                messages: """
                    1. **[03-14 08:00]** [PATCH v2 1/2] KVM: arm64: Fix something
                       - 发件人: Marc Zyngier <maz@kernel.org>
                    """)
        ])
        let thread = try #require(ReportFixtures.parse(text).report?.threads.first)
        #expect(thread.messages[0].sentAt.date.description == "2025-03-14")
    }

    @Test func openCategorySetAndPrefixVariety() throws {
        let text = ReportFixtures.report(
            threads: [ReportFixtures.thread(title: "[PATCH 6.1.y] KVM: arm64: Backport a fix")], category: "Question")
        let thread = try #require(ReportFixtures.parse(text).report?.threads.first)
        #expect(thread.category == "Question")
        #expect(thread.subject.tags == ["6.1.y"])
    }

    @Test func sendersOfEveryShape() throws {
        let text = ReportFixtures.report(threads: [
            ReportFixtures.thread(
                stats: "**📧 邮件数**: 4 | **👥 参与者**: 4 | **📅 开始时间**: Mon,  4 Aug 2025 10:00:00 +0000",
                messages: """
                    1. **[08-04 10:00]** [PATCH] x
                       - 发件人: Per Larsen via B4 Relay <devnull+perlarsen.google.com@kernel.org>
                    2. **[08-04 11:00]** Re: [PATCH] x
                       - 发件人: lingfuyi@126.com
                    3. **[08-04 12:00]** Re: [PATCH] x
                       - 发件人: "Upton, Oliver" <oupton@kernel.org>
                    4. **[08-04 13:00]** Re: [PATCH] x
                       - 发件人: kernel test robot <lkp@intel.com>
                    """)
        ])
        let messages = try #require(ReportFixtures.parse(text).report?.threads.first).messages
        #expect(
            messages.map(\.sender.address) == [
                "devnull+perlarsen.google.com@kernel.org", "lingfuyi@126.com", "oupton@kernel.org", "lkp@intel.com",
            ])
        #expect(messages[2].sender.name == "Upton, Oliver")
    }

    @Test func summariesKeepTheirOwnHeadingsRulesAndHTML() throws {
        let summary = """
            ### 1. 原始补丁内容

            <script>alert(1)</script> and [a link](javascript:alert(1))

            ---

            ### 2. 之前讨论要点
            """
        let text = ReportFixtures.report(threads: [ReportFixtures.thread(summary: summary)])
        let parsed = ReportFixtures.parse(text)
        let thread = try #require(parsed.report?.threads.first)
        #expect(thread.summaryMarkdown == summary)
        #expect(parsed.diagnostics.isEmpty)
    }

    @Test func ruleBasedSummaryOfTheOlderSummarizer() throws {
        let summary = """
            📌 主题: KVM: arm64: Fix something
            👥 参与者: Marc Zyngier
            • 补丁修复了一个问题
            • 已被合并
            """
        let thread = try #require(
            ReportFixtures.parse(ReportFixtures.report(threads: [ReportFixtures.thread(summary: summary)])).report?
                .threads.first)
        #expect(thread.summaryMarkdown == summary)
    }

    @Test func handlesCRLFAndByteOrderMark() throws {
        let text = "\u{FEFF}" + ReportFixtures.complete.replacingOccurrences(of: "\n", with: "\r\n")
        let parsed = ReportFixtures.parse(text)
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)")
        #expect(parsed.report?.listName == "KVMARM")
        #expect(parsed.report?.threads.count == 3)
        #expect(parsed.report?.threads.first?.messages.first?.subjectLine.hasSuffix("vPMUs") == true)
    }
}

@Suite struct DeclaredFigureTests {
    @Test func threadCountMismatchIsAWarningOnTheThreadLine() throws {
        let text = ReportFixtures.complete.replacingOccurrences(of: "**📧 邮件数**: 3 |", with: "**📧 邮件数**: 48 |")
        let parsed = ReportFixtures.parse(text)
        #expect(parsed.report?.threads.count == 3)
        let warning = try #require(parsed.diagnostics.first { $0.message.contains("declares 48 emails but lists 3") })
        #expect(warning.severity == .warning)
        #expect(warning.line == 26)
        #expect(warning.description.hasPrefix("kvmarm_2025_week32.md:26: warning: "))
    }

    @Test func totalsAndCategoriesAreChecked() {
        let text = ReportFixtures.complete
            .replacingOccurrences(of: "- **总邮件数**: 6", with: "- **总邮件数**: 7")
            .replacingOccurrences(of: "- **总 Thread 数**: 3", with: "- **总 Thread 数**: 4")
            .replacingOccurrences(of: "- **GIT PULL**: 1 threads (1 邮件)", with: "- **GIT PULL**: 2 threads (1 邮件)")
            .replacingOccurrences(of: "共 2 个 thread", with: "共 5 个 thread")
        let messages = ReportFixtures.parse(text).diagnostics.map(\.message)
        #expect(messages.contains("report declares 7 emails but lists 6"))
        #expect(messages.contains("report declares 4 threads but holds 3"))
        #expect(messages.contains("category 'GIT PULL' declares 2 threads but the report holds 1"))
        #expect(messages.contains("section 'PATCH' declares 5 threads but holds 2"))
        #expect(ReportFixtures.parse(text).diagnostics.errorCount == 0)
    }
}

@Suite struct MalformedReportTests {
    /// A malformed thread is an error naming its line; the other threads are kept.
    /// `at` is text of the line the error must name (its first occurrence in the bad thread).
    func expectSkipped(
        _ bad: String, message: String, at needle: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let text = ReportFixtures.report(threads: [
            ReportFixtures.thread(title: "[PATCH] good one"), bad, ReportFixtures.thread(title: "[PATCH] good two"),
        ])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let badStart = lines.firstIndex { $0.contains("[PATCH] bad") }!
        let line = lines[badStart...].firstIndex { $0.contains(needle) }! + 1
        let parsed = ReportFixtures.parse(text)
        #expect(
            parsed.report?.threads.map(\.subject.title) == ["good one", "good two"], sourceLocation: sourceLocation)
        let errors = parsed.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(parsed.diagnostics)", sourceLocation: sourceLocation)
        #expect(errors.first?.message.contains(message) == true, "\(errors)", sourceLocation: sourceLocation)
        #expect(errors.first?.line == line, sourceLocation: sourceLocation)
    }

    @Test func missingStatisticsLine() {
        expectSkipped(
            ReportFixtures.thread(title: "[PATCH] bad", stats: nil), message: "no statistics line", at: "### Thread")
    }

    @Test func statisticsWithoutEmailCount() {
        expectSkipped(
            ReportFixtures.thread(
                title: "[PATCH] bad", stats: "**👥 参与者**: 1 | **📅 开始时间**: Mon,  4 Aug 2025 10:00:00 +0000"),
            message: "give no 邮件数", at: "参与者")
    }

    @Test func missingMessageList() {
        expectSkipped(
            ReportFixtures.thread(title: "[PATCH] bad", messages: nil), message: "no message list", at: "### Thread")
    }

    @Test func impossibleMessageDate() {
        expectSkipped(
            ReportFixtures.thread(
                title: "[PATCH] bad", messages: "1. **[02-30 10:00]** [PATCH] bad\n   - 发件人: A <a@b.c>"),
            message: "02-30 does not exist", at: "02-30")
    }

    @Test func impossibleMessageTime() {
        expectSkipped(
            ReportFixtures.thread(
                title: "[PATCH] bad", messages: "1. **[08-04 25:61]** [PATCH] bad\n   - 发件人: A <a@b.c>"),
            message: "not a time of day", at: "25:61")
    }

    @Test func malformedMessageEntry() {
        expectSkipped(
            ReportFixtures.thread(
                title: "[PATCH] bad", messages: "1. **[yesterday]** [PATCH] bad\n   - 发件人: A <a@b.c>"),
            message: "should start 'N. **[MM-DD HH:MM]**'", at: "yesterday")
    }

    @Test func messageWithoutSender() {
        expectSkipped(
            ReportFixtures.thread(
                title: "[PATCH] bad",
                messages: "1. **[08-04 10:00]** [PATCH] bad\n2. **[08-04 11:00]** Re: [PATCH] bad\n   - 发件人: A <a@b.c>"),
            message: "no 发件人", at: "1. **[08-04 10:00]**")
    }

    @Test func senderWithoutAddress() {
        expectSkipped(
            ReportFixtures.thread(
                title: "[PATCH] bad", messages: "1. **[08-04 10:00]** [PATCH] bad\n   - 发件人: Somebody"),
            message: "has no e-mail address", at: "Somebody")
    }

    @Test func strayLineBeforeSummary() {
        expectSkipped(
            ReportFixtures.thread(
                title: "[PATCH] bad", stats: "**📧 邮件数**: 1 | **👥 参与者**: 1\nthis line does not belong here"),
            message: "unexpected line before the summary", at: "does not belong")
    }

    @Test func threadsOutsideAnyCategoryAreFiledUnderOther() throws {
        let text = "# KVMARM 邮件列表 AI 总结报告\n\n" + ReportFixtures.thread()
        let parsed = ReportFixtures.parse(text)
        #expect(parsed.report?.threads.first?.category == "Other")
        #expect(parsed.diagnostics.contains { $0.severity == .warning && $0.message.contains("before any category") })
    }

    @Test func emptyAndUnrelatedFilesAreErrors() {
        for text in ["", "\n\n", "Hello, this is not a report.\nAt all.\n", "\u{FEFF}"] {
            let parsed = ReportFixtures.parse(text)
            #expect(parsed.report == nil)
            #expect(
                parsed.diagnostics.contains {
                    $0.severity == .error && $0.message.contains("not a weekly report") && $0.line == 1
                })
        }
    }

    @Test func nulBytesAreReportedWithTheirLine() {
        let text = ReportFixtures.complete.replacingOccurrences(of: "**分析周期**", with: "**分析\0周期**")
        let parsed = ReportFixtures.parse(text)
        #expect(parsed.diagnostics.contains { $0.line == 5 && $0.message.contains("NUL") })
        #expect(parsed.report?.threads.count == 3)
    }

    /// Control characters are found wherever they are, the last line and CR LF line ends
    /// included; a CR that ends a line is no control character of it.
    @Test func controlCharactersAreRemovedWhereverTheyAre() throws {
        let crlf = ReportFixtures.complete.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(ReportFixtures.parse(crlf).diagnostics.isEmpty)
        for text in [ReportFixtures.complete, crlf] {
            let marked = text.replacingOccurrences(
                of: "Add support for mediated", with: "Add\u{7} support\u{85} for mediated")
            let parsed = ReportFixtures.parse(marked + "\u{1B}")
            let removed = parsed.diagnostics.filter { $0.message == "control characters removed" }
            #expect(removed.count >= 2, "\(parsed.diagnostics)")
            let lastLine = marked.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }.count
            #expect(removed.contains { $0.line == lastLine }, "\(removed.map(\.line)) \(lastLine)")
            let report = try #require(parsed.report)
            #expect(report.threads[0].subjectLine.contains("Add support for mediated"))
        }
    }

    @Test func neverTrapsOnTruncationAtAnyOffset() {
        let characters = Array(ReportFixtures.complete)
        for end in stride(from: 0, through: characters.count, by: 7) {
            let parsed = ReportFixtures.parse(String(characters[..<end]))
            for diagnostic in parsed.diagnostics {
                #expect(diagnostic.file == "kvmarm_2025_week32.md")
                #expect(diagnostic.line >= 0)
            }
        }
    }
}

/// The message line recogniser: its fast path for the usual stamp agrees with the general one.
@Suite struct MessageEntryLineTests {
    @Test func readsTheUsualStampAndItsSubject() throws {
        let entry = try #require(ReportLines.messageEntry("12. **[08-06 12:56]** [PATCH v2 1/3] KVM: arm64: Fix  "))
        #expect(entry.month == 8 && entry.day == 6 && entry.hour == 12 && entry.minute == 56)
        #expect(entry.subject == "[PATCH v2 1/3] KVM: arm64: Fix")
        #expect(ReportLines.messageEntry("1. **[08-06 12:56]**")?.subject == "")
    }

    @Test func aMarkJoiningTheClosingStarsIsNoStamp() {
        for mark in ["\u{301}", "\u{FE0F}", "\u{200D}"] {
            #expect(ReportLines.messageEntry("1. **[08-06 12:56]**" + mark + "subject"[...]) == nil)
        }
    }

    @Test func otherSpacingStillReads() {
        #expect(ReportLines.messageEntry("3. **[08-06  12:56]** subject")?.hour == 12)
        #expect(ReportLines.messageEntry("3. **[8-06 12:56]** subject") == nil)
    }
}
