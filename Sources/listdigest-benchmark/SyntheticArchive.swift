import Foundation
import ListDigestCore

/// A deterministic archive of weekly reports in the real format, shaped like the
/// kvmarm corpus: about 25 threads a week, series that come back in new versions
/// weeks later, threads listed again with their history, people who join every week
/// (most write a few times, some for years, a few maintainers most of the mail),
/// weekly pull requests, and Chinese summaries with Markdown.
struct SyntheticArchive {
    let weeks: Int
    let firstWeek: ISOWeek

    init(weeks: Int, firstWeek: ISOWeek = ISOWeek(year: 2016, week: 1)!) {
        self.weeks = weeks
        self.firstWeek = firstWeek
    }

    /// Writes `kvmarm_<year>_week<WW>.md` files for weeks `range` into `folder`. `revision`
    /// (from 1): each report as generated that many seconds after its usual time, with the
    /// same threads: bytes no build has read before, so an added week is parsed and its
    /// summaries rendered as a new week's are, not taken from the caches of a build that read
    /// the same file.
    func write(into folder: String, range: Range<Int>? = nil, revision: Int = 0) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try generate(range ?? 0..<weeks) { try write($1, ofWeek: $0, into: folder, revision: revision) }
    }

    /// Writes `report`, the report of the week at `index` (see `reports`), into `folder` as its
    /// `revision`.
    func write(_ report: String, ofWeek index: Int, into folder: String, revision: Int = 0) throws {
        try Self.regenerated(report, revision: revision).write(
            toFile: folder + "/" + fileName(ofWeek: index), atomically: false, encoding: .utf8)
    }

    /// The reports of the weeks `range`: each is generated from every week before it.
    func reports(_ range: Range<Int>) -> [String] {
        var reports: [String] = []
        generate(range) { reports.append($1) }
        return reports
    }

    /// Generates every week up to the end of `range`, handing each in `range` to `body` with its index.
    private func generate(_ range: Range<Int>, _ body: (Int, String) throws -> Void) rethrows {
        var generator = WeekGenerator(firstWeek: firstWeek)
        for index in 0..<range.upperBound {
            let report = generator.next()
            if range.contains(index) { try body(index, report) }
        }
    }

    /// `report` with its generation time (`**生成时间**: … 23:00:00`) moved `revision` seconds on,
    /// within the hour.
    static func regenerated(_ report: String, revision: Int) -> String {
        guard revision % 3600 != 0, let time = report.range(of: " 23:00:00\n") else { return report }
        return report.replacingCharacters(
            in: time, with: String(format: " 23:%02d:%02d\n", revision / 60 % 60, revision % 60))
    }

    /// The report file of the week at `index` (0 for the first).
    func fileName(ofWeek index: Int) -> String {
        ReportFileName(listName: "kvmarm", week: firstWeek.adding(weeks: index)).fileName
    }
}

/// Generates one week after another, keeping the series and people that carry over.
struct WeekGenerator {
    private struct Person {
        let name: String
        let address: String
    }

    /// Someone on the list: how much they write compared with others, and until which week.
    private struct Member {
        let person: Person
        let weight: Int
        let lastWeek: Int
    }

    private struct Posting {
        let seriesID: Int
        let title: String
        let version: Int
        let parts: Int
        let author: Person
        let category: String
        let posted: LocalDateTime
        var messages: [(LocalDateTime, String, Person)]
        var weeksLeft: Int
        /// Who reviews it: threads in the corpus have about two people for eight messages.
        var reviewers: [Person] = []
    }

    private struct PlannedVersion {
        let dueWeek: Int
        let seriesID: Int
        let title: String
        let version: Int
        let author: Person
    }

    private static let firstNames = [
        "Marc", "Oliver", "Sean", "Steven", "Fuad", "Mark", "Anshuman", "Vincent", "Quentin", "Will", "Catalin",
        "Suzuki", "Gavin", "Joey", "Ben", "Alexandru", "Andre", "Eric", "Sebastian", "Mostafa", "Per", "James",
        "Akihiko",
        "Colton", "Jing", "Yicong", "Zhou", "Wei", "Shameer", "Raghavendra", "Kees", "Patrick", "Jinqian", "Yeoreum",
    ]
    private static let lastNames = [
        "Zyngier", "Upton", "Christopherson", "Price", "Tabba", "Brown", "Khandual", "Donnefort", "Perret", "Deacon",
        "Marinas", "Poulose", "Shan", "Gouly", "Horgan", "Elisei", "Przywara", "Auger", "Ott", "Saleh", "Larsen",
        "Clark",
        "Odaki", "Lewis", "Zhang", "Yang", "Wang", "Chang", "Kolothum", "Ananta", "Cook", "Roy", "Yun", "Morse",
    ]
    private static let domains = [
        "kernel.org", "arm.com", "google.com", "redhat.com", "linux.dev", "huawei.com", "amd.com",
    ]
    private static let subsystems = [
        "KVM: arm64:", "KVM: arm64: nv:", "arm64:", "KVM: arm64: vgic:", "perf: arm_spe:", "KVM: selftests:",
        "arm64/sysreg:",
    ]
    private static let verbs = [
        "Add", "Fix", "Rework", "Support", "Drop", "Handle", "Expose", "Refactor", "Allow", "Enable",
    ]
    private static let objects = [
        "FEAT_PMUv3 on Apple hardware", "stage-2 huge mappings", "SME in guests", "GICv4.1 vLPI injection",
        "writable ID registers", "pKVM ownership transitions", "the timer UAPI", "nested virtualization",
        "FF-A 1.2 support", "hyp tracing", "ITS table dumps", "MPAM for guests", "RME SMC calls", "VNCR invalidation",
        "the PSCI relay", "protected VM handles", "debug state flushing", "LS64 instructions", "GCS for guests",
        "cacheable device mappings", "SEA handling in userspace", "TLBI range operations", "HCX traps",
    ]
    private static let summarySentences = [
        "本邮件线程讨论了针对 KVM 的一个补丁系列，主要目的是改进 arm64 架构下的虚拟化支持。",
        "参与者对补丁的实现表示认可，并提出了若干细节上的修改建议，例如寄存器的处理顺序。",
        "维护者指出需要补充测试用例，以验证在嵌套虚拟化场景下的正确性。",
        "作者回应称将在下一版本中修复编译警告，并更新文档中的描述。",
        "讨论还涉及与 `perf` 子系统的交互，以及在 `pKVM` 保护模式下的限制。",
        "总体来看，该补丁系列进展顺利，预计将在下一个合并窗口中被接受。",
    ]

    private var random = SeededRandom(seed: 0x11D1_6E57)
    private var members: [Member] = []
    /// The members still writing this week, with the running total of their weights.
    private var writing: [(member: Int, weightsUpTo: Int)] = []
    private var planned: [PlannedVersion] = []
    private var active: [Posting] = []
    private var nextSeries = 0
    private var weekIndex = 0
    private let firstWeek: ISOWeek

    init(firstWeek: ISOWeek) {
        self.firstWeek = firstWeek
        // The people already there when the archive starts write for all of it, a few of them
        // most of the mail.
        for rank in 0..<60 { _ = addMember(weight: rank < 10 ? 120 / (rank + 2) : 2, lastWeek: Int.max) }
    }

    /// People who join in a week, about five as in the corpus: more than half write only then,
    /// two in five on and off for up to a year, one in twenty for years.
    private mutating func addNewcomers() -> [Person] {
        (0..<(3 + random.below(5))).map { _ in
            switch random.below(100) {
            case 0..<55: addMember(weight: 1, lastWeek: weekIndex + random.below(3))
            case 55..<95: addMember(weight: 1, lastWeek: weekIndex + 4 + random.below(48))
            default: addMember(weight: 2, lastWeek: weekIndex + 52 + random.below(350))
            }
        }
    }

    /// Names are unique (the people index merges senders who share a distinctive name): every
    /// first and last name pair, then with a middle initial.
    private mutating func addMember(weight: Int, lastWeek: Int) -> Person {
        let number = members.count
        let pair = number * 577 % (Self.firstNames.count * Self.lastNames.count)
        let first = Self.firstNames[pair % Self.firstNames.count]
        let last = Self.lastNames[pair / Self.firstNames.count]
        let round = number / (Self.firstNames.count * Self.lastNames.count)
        let middle = round == 0 ? "" : " \(Character(Unicode.Scalar(UInt8(ascii: "A") + UInt8(round - 1))))."
        let person = Person(
            name: "\(first)\(middle) \(last)",
            address: "\(first.lowercased()).\(last.lowercased())\(number)@\(random.pick(Self.domains))")
        members.append(Member(person: person, weight: weight, lastWeek: lastWeek))
        return person
    }

    /// Who replies in a thread: mostly its reviewers, sometimes its author, now and then someone new to it.
    private mutating func replier(_ posting: Posting) -> Person {
        switch random.below(100) {
        case 0..<25: posting.author
        case 25..<95 where !posting.reviewers.isEmpty: random.pick(posting.reviewers)
        default: pickWriter()
        }
    }

    /// Someone who writes this week, picked by weight.
    private mutating func pickWriter() -> Person {
        let target = random.below(writing.last!.weightsUpTo)
        let index = writing.partitioningIndex { $0.weightsUpTo > target }
        return members[writing[index].member].person
    }

    private mutating func time(_ week: ISOWeek, day: Int) -> LocalDateTime {
        LocalDateTime(date: week.monday.adding(days: day), hour: random.below(24), minute: random.below(60))!
    }

    private func sender(_ person: Person) -> String {
        person.address.hasSuffix("@google.com") && person.name.hasPrefix("Per")
            ? "\(person.name) via B4 Relay <devnull+\(person.address.replacingOccurrences(of: "@", with: "."))@kernel.org>"
            : "\(person.name) <\(person.address)>"
    }

    mutating func next() -> String {
        let week = firstWeek.adding(weeks: weekIndex)
        let newcomers = addNewcomers()
        var total = 0
        writing = members.indices.compactMap { index in
            guard members[index].lastWeek >= weekIndex else { return nil }
            total += members[index].weight
            return (index, total)
        }
        // Postings listed again this week get new replies; their history stays.
        for position in active.indices {
            active[position].weeksLeft -= 1
            for _ in 0..<random.below(4) {
                active[position].messages.append(
                    (
                        time(week, day: random.below(7)), "Re: " + subject(of: active[position]),
                        replier(active[position])
                    ))
            }
        }
        active.removeAll { $0.weeksLeft < 0 }
        // New versions that are due, then brand-new series.
        for plan in planned where plan.dueWeek == weekIndex {
            active.append(
                newPosting(
                    seriesID: plan.seriesID, title: plan.title, version: plan.version, author: plan.author, week: week))
        }
        planned.removeAll { $0.dueWeek <= weekIndex }
        for _ in 0..<(7 + random.below(5)) {
            let title =
                "\(random.pick(Self.subsystems)) \(random.pick(Self.verbs)) \(random.pick(Self.objects)) (\(nextSeries))"
            let version = random.chance(70) ? 1 : 1 + random.below(6)
            let author = pickWriter()
            active.append(newPosting(seriesID: nextSeries, title: title, version: version, author: author, week: week))
            var due = weekIndex
            for later in (version + 1)..<(version + 1 + random.below(3)) {
                due += 1 + random.below(6)
                planned.append(
                    PlannedVersion(dueWeek: due, seriesID: nextSeries, title: title, version: later, author: author))
            }
            nextSeries += 1
        }
        // Each newcomer writes this week: a reply to a thread of the week.
        for person in newcomers {
            let position = random.below(active.count)
            active[position].messages.append(
                (time(week, day: random.below(7)), "Re: " + subject(of: active[position]), person))
        }
        let pull = Person(name: "Marc Zyngier", address: "maz@kernel.org")
        active.append(
            Posting(
                seriesID: -1, title: "KVM/arm64 fixes for 6.\(weekIndex / 10), take #\(weekIndex % 10 + 1)", version: 1,
                parts: 0, author: pull, category: "GIT PULL", posted: time(week, day: 4),
                messages: [
                    (
                        time(week, day: 4),
                        "[GIT PULL] KVM/arm64 fixes for 6.\(weekIndex / 10), take #\(weekIndex % 10 + 1)", pull
                    )
                ],
                weeksLeft: 0))
        weekIndex += 1
        return render(week)
    }

    private mutating func newPosting(
        seriesID: Int, title: String, version: Int, author: Person, week: ISOWeek
    ) -> Posting {
        let parts = random.chance(35) ? 0 : 1 + random.below(8)
        let category = random.chance(8) ? "RFC" : (random.chance(4) ? "Bug Report" : "PATCH")
        let posted = time(week, day: random.below(5))
        var posting = Posting(
            seriesID: seriesID, title: title, version: version, parts: parts, author: author, category: category,
            posted: posted, messages: [], weeksLeft: random.chance(25) ? 1 : 0)
        posting.messages.append((posted, subject(of: posting), author))
        posting.reviewers = (0...random.below(3)).map { _ in pickWriter() }
        for part in stride(from: 1, through: parts, by: 1) {
            posting.messages.append(
                (posted, subject(of: posting, part: part) + " \(random.pick(Self.verbs)) helper \(part)", author))
        }
        for _ in 0..<random.below(10) {
            posting.messages.append(
                (time(week, day: 1 + random.below(6)), "Re: " + subject(of: posting), replier(posting)))
        }
        return posting
    }

    private func subject(of posting: Posting, part: Int = 0) -> String {
        let rfc = posting.category == "RFC" ? "RFC " : ""
        let version = posting.version > 1 ? " v\(posting.version)" : ""
        let counter = posting.parts > 0 ? " \(part)/\(posting.parts)" : ""
        return "[\(rfc)PATCH\(version)\(counter)] \(posting.title)"
    }

    private mutating func summary() -> String {
        var lines = [random.pick(Self.summarySentences) + random.pick(Self.summarySentences), ""]
        for (number, heading) in ["原始补丁内容", "之前讨论要点", "本周新讨论与进展"].enumerated() {
            lines.append(
                "\(number + 1). **\(heading)**：" + random.pick(Self.summarySentences)
                    + random.pick(Self.summarySentences))
            lines.append("")
        }
        lines.append(random.pick(Self.summarySentences))
        return lines.joined(separator: "\n")
    }

    private mutating func render(_ week: ISOWeek) -> String {
        let categories = ["PATCH", "RFC", "GIT PULL", "Bug Report"].filter { name in
            active.contains { $0.category == name }
        }
        let total = active.reduce(0) { $0 + $1.messages.count }
        var out = "# KVMARM 邮件列表 AI 总结报告\n\n**生成时间**: \(week.sunday) 23:00:00\n\n**分析周期**: 最近 7 天\n\n"
        out += "## 📊 总体统计\n\n- **总邮件数**: \(total)\n- **总 Thread 数**: \(active.count)\n"
        out += "- **大型 Thread** (>20封): \(active.count { $0.messages.count > 20 }) 个\n\n### 分类分布\n\n"
        for name in categories {
            let threads = active.filter { $0.category == name }
            out += "- **\(name)**: \(threads.count) threads (\(threads.reduce(0) { $0 + $1.messages.count }) 邮件)\n"
        }
        out += "\n---\n\n"
        for name in categories {
            let threads = active.filter { $0.category == name }
            out += "## 📌 \(name)\n\n共 \(threads.count) 个 thread\n\n---\n\n"
            for (number, posting) in threads.enumerated() {
                let started = posting.messages[0].0
                let participants = Set(posting.messages.map(\.2.address)).count
                let subjectLine = posting.category == "GIT PULL" ? posting.messages[0].1 : subject(of: posting)
                out += "### Thread \(number + 1): \(subjectLine)\n\n"
                out += "**📧 邮件数**: \(posting.messages.count) | **👥 参与者**: \(participants) | **📅 开始时间**: "
                out +=
                    "Mon, \(started.date.day) \(DateText.monthAbbreviation(started.date.month)) \(started.date.year) "
                out += "\(pad2(started.hour)):\(pad2(started.minute)):00 +0000\n\n"
                out += "#### 🤖 AI 总结\n\n\(summary())\n\n#### 📝 邮件列表\n\n"
                for (index, message) in posting.messages.enumerated() {
                    out +=
                        "\(index + 1). **[\(pad2(message.0.date.month))-\(pad2(message.0.date.day)) \(pad2(message.0.hour)):\(pad2(message.0.minute))]** \(message.1)\n"
                    out += "   - 发件人: \(sender(message.2))\n"
                }
                out += "\n---\n\n"
            }
        }
        return out
    }

    private func pad2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
