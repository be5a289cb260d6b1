import ListDigestCore

/// Real-looking report texts for the reader tests, one per case of FORMAT.md.
public enum ReportFixtures {
    public static func source(_ week: String = "2025-W32", path: String = "kvmarm_2025_week32.md") -> ReportSource {
        ReportSource(path: path, week: ISOWeek(id: week)!, listName: "kvmarm")
    }

    public static func parse(_ text: String, week: String = "2025-W32") -> ParsedReport {
        ReportParser.parse(text: text, source: source(week))
    }

    /// A complete, consistent report with two categories and three threads.
    public static let complete = """
        # KVMARM 邮件列表 AI 总结报告

        **生成时间**: 2025-10-27 11:50:54

        **分析周期**: 最近 7 天

        ## 📊 总体统计

        - **总邮件数**: 6
        - **总 Thread 数**: 3
        - **大型 Thread** (>20封): 0 个

        ### 分类分布

        - **PATCH**: 2 threads (5 邮件)
        - **GIT PULL**: 1 threads (1 邮件)

        ---

        ## 📌 PATCH

        共 2 个 thread

        ---

        ### Thread 1: [PATCH v5 00/44] KVM: x86: Add support for mediated vPMUs

        **📧 邮件数**: 3 | **👥 参与者**: 2 | **📅 开始时间**: Wed,  6 Aug 2025 12:56:22 -0700

        #### 🤖 AI 总结

        本邮件线程讨论了 **mediated vPMU** 的支持。

        1. **原始补丁内容**：`perf` 的改动。

        #### 📝 邮件列表

        1. **[08-06 12:56]** [PATCH v5 00/44] KVM: x86: Add support for mediated vPMUs
           - 发件人: Sean Christopherson <seanjc@google.com>
        2. **[08-06 12:56]** [PATCH v5 01/44] perf: Skip pmu_ctx based on event_type
           - 发件人: Sean Christopherson <seanjc@google.com>
        3. **[08-07 09:14]** Re: [PATCH v5 00/44] KVM: x86: Add support for mediated vPMUs
           - 发件人: Sandipan Das <sandipan.das@amd.com>

        ---

        ### Thread 2: [PATCH kvmtool v3 0/6] arm64: Nested virtualization support

        **📧 邮件数**: 2 | **👥 参与者**: 2 | **📅 开始时间**: Tue, 29 Jul 2025 10:57:01 +0100

        #### 🤖 AI 总结

        kvmtool 的嵌套虚拟化支持。

        #### 📝 邮件列表

        1. **[07-29 10:57]** [PATCH kvmtool v3 0/6] arm64: Nested virtualization support
           - 发件人: Andre Przywara <andre.przywara@arm.com>
        2. **[08-05 16:02]** Re: [PATCH kvmtool v3 0/6] arm64: Nested virtualization support
           - 发件人: Alexandru Elisei <alexandru.elisei@arm.com>

        ---

        ## 📌 GIT PULL

        共 1 个 thread

        ---

        ### Thread 1: [GIT PULL] KVM/arm64 fixes for 6.17, take #1

        **📧 邮件数**: 1 | **👥 参与者**: 1 | **📅 开始时间**: Fri,  8 Aug 2025 18:20:00 +0100

        #### 🤖 AI 总结

        Marc Zyngier 发送了 6.17 的第一批修复。

        #### 📝 邮件列表

        1. **[08-08 18:20]** [GIT PULL] KVM/arm64 fixes for 6.17, take #1
           - 发件人: Marc Zyngier <maz@kernel.org>

        ---

        """

    /// One thread wrapped in a minimal report, for malformed-thread cases.
    public static func report(threads: [String], week: String = "2025-W32", category: String = "PATCH") -> String {
        """
        # KVMARM 邮件列表 AI 总结报告

        **生成时间**: 2025-10-27 11:50:54

        ## 📌 \(category)

        ---

        \(threads.joined(separator: "\n---\n\n"))
        ---

        """
    }

    public static func thread(
        title: String = "[PATCH v2 1/2] KVM: arm64: Fix something",
        stats: String? = "**📧 邮件数**: 1 | **👥 参与者**: 1 | **📅 开始时间**: Mon,  4 Aug 2025 10:00:00 +0000",
        summary: String? = "A summary.",
        messages: String? = """
        1. **[08-04 10:00]** [PATCH v2 1/2] KVM: arm64: Fix something
           - 发件人: Marc Zyngier <maz@kernel.org>
        """
    ) -> String {
        var lines = ["### Thread 1: \(title)", ""]
        if let stats { lines += [stats, ""] }
        if let summary { lines += ["#### 🤖 AI 总结", "", summary, ""] }
        if let messages { lines += ["#### 📝 邮件列表", "", messages, ""] }
        return lines.joined(separator: "\n") + "\n"
    }
}
