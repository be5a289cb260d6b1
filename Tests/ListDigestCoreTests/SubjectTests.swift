import Foundation
import ListDigestTestSupport
import Testing

@testable import ListDigestCore

@Suite struct SubjectTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let subject: String
        let title: String
        var version = 1
        var written = false
        var minor: Int? = nil
        var part: Int? = nil
        var total: Int? = nil
        var rfc = false
        var resend = false
        var pull = false
        var reply = false
        var tags: [String] = []

        var testDescription: String { subject }
    }

    static let cases: [Case] = [
        Case(
            subject: "[PATCH v5 00/44] KVM: x86: Add support for mediated vPMUs",
            title: "KVM: x86: Add support for mediated vPMUs", version: 5, written: true, part: 0, total: 44),
        Case(subject: "[PATCH 0/2] arm64: fix", title: "arm64: fix", part: 0, total: 2),
        Case(
            subject: "[RFC PATCH v1 00/38] KVM: Arm CCA", title: "KVM: Arm CCA", version: 1, written: true, part: 0,
            total: 38, rfc: true),
        Case(subject: "[PATCH RFC v2 1/2] foo", title: "foo", version: 2, written: true, part: 1, total: 2, rfc: true),
        Case(
            subject: "[PATCH kvmtool v3 0/6] arm64: Nested virtualization support",
            title: "arm64: Nested virtualization support", version: 3, written: true, part: 0, total: 6,
            tags: ["kvmtool"]),
        Case(subject: "[PATCH 6.1.y] KVM: arm64: backport", title: "KVM: arm64: backport", tags: ["6.1.y"]),
        Case(subject: "[PATCH v7 4/5] lone part", title: "lone part", version: 7, written: true, part: 4, total: 5),
        Case(
            subject: "[GIT PULL] KVM/arm64 fixes for 6.17, take #1", title: "KVM/arm64 fixes for 6.17, take #1",
            pull: true),
        Case(
            subject: "Re: [PATCH v2 3/4] reply", title: "reply", version: 2, written: true, part: 3, total: 4,
            reply: true),
        Case(subject: "Re: Re: [PATCH v2] twice", title: "twice", version: 2, written: true, reply: true),
        Case(subject: "AW: [PATCH] german reply", title: "german reply", reply: true),
        Case(subject: "FWD:RE:  [PATCH] forwarded", title: "forwarded", reply: true),
        Case(subject: "回复：[PATCH] 中文回复", title: "中文回复", reply: true),
        // Not ASCII, so read character by character: the prefix's words are still recognised
        // without regard to case, and a word with a mark on it is a tag.
        Case(
            subject: "回复: [Rfc Patch V3.1 2 OF 7] 修复 vGIC", title: "修复 vGIC", version: 3, written: true, minor: 1,
            part: 2, total: 7, rfc: true, reply: true),
        Case(
            subject: "[PATCH-e\u{301} patch\u{301}v2 Rfc-V4 0003/0010] 中文", title: "中文", version: 4, written: true,
            part: 3, total: 10, rfc: true, tags: ["PATCH-e\u{301} patch\u{301}v2"]),
        Case(subject: "Re\u{301}: not a marker", title: "Re\u{301}: not a marker"),
        Case(subject: "Reply: not a marker", title: "Reply: not a marker"),
        Case(subject: "no prefix at all", title: "no prefix at all"),
        Case(
            subject: "[PATCH v6,19/24] comma joined", title: "comma joined", version: 6, written: true, part: 19,
            total: 24),
        Case(
            subject: "[PATCH bpf-next,v2 1/2] routing tag", title: "routing tag", version: 2, written: true, part: 1,
            total: 2, tags: ["bpf-next"]),
        Case(subject: "[PATCHv3 2/4] glued", title: "glued", version: 3, written: true, part: 2, total: 4),
        Case(
            subject: "[RFCv2 PATCH 1/3] glued rfc", title: "glued rfc", version: 2, written: true, part: 1, total: 3,
            rfc: true),
        Case(
            subject: "[PATCH v5.1 10/12] minor respin", title: "minor respin", version: 5, written: true, minor: 1,
            part: 10, total: 12),
        Case(
            subject: "[PATCH 0/3 v2] version after counter", title: "version after counter", version: 2, written: true,
            part: 0, total: 3),
        Case(subject: "[PATCH 1 of 3] mercurial style", title: "mercurial style", part: 1, total: 3),
        Case(subject: "[PATCH] foo (v2)", title: "foo", version: 2, written: true),
        Case(subject: "[PATCH] rewrite [a-z] regexes", title: "rewrite [a-z] regexes"),
        Case(subject: "[PATCH] Support v2 hardware", title: "Support v2 hardware"),
        Case(subject: "[PATCH] Backport of SVE fixes to v6.6", title: "Backport of SVE fixes to v6.6"),
        Case(
            subject: "[PATCH v4 RESEND 1/2] again", title: "again", version: 4, written: true, part: 1, total: 2,
            resend: true),
        Case(subject: "[PATCH 001/123] three digits", title: "three digits", part: 1, total: 123),
        Case(
            subject: "[PATCH V2 1/3] upper-case V", title: "upper-case V", version: 2, written: true, part: 1, total: 3),
        Case(
            subject: "[kvm-unit-tests  PATCH v2] arm64: Add basic MTE test", title: "arm64: Add basic MTE test",
            version: 2, written: true, tags: ["kvm-unit-tests"]),
        Case(subject: "[bug report] something broke", title: "something broke", tags: ["bug report"]),
        Case(
            subject: "[PATCH for-6.17 v2 1/2] fix", title: "fix", version: 2, written: true, part: 1, total: 2,
            tags: ["for-6.17"]),
        Case(subject: "[PATCH] [unterminated", title: "[unterminated"),
    ]

    @Test(arguments: cases)
    func parses(_ expected: Case) {
        let subject = Subject(parsing: expected.subject)
        #expect(subject.title == expected.title)
        #expect(subject.version == expected.version)
        #expect(subject.versionWasWritten == expected.written)
        #expect(subject.minorVersion == expected.minor)
        #expect(subject.part == expected.part)
        #expect(subject.total == expected.total)
        #expect(subject.isRFC == expected.rfc)
        #expect(subject.isResend == expected.resend)
        #expect(subject.isPull == expected.pull)
        #expect(subject.isReply == expected.reply)
        #expect(subject.tags == expected.tags)
    }

    @Test func versionLabel() {
        #expect(Subject(parsing: "[PATCH v5.1] x").versionLabel == "v5.1")
        #expect(Subject(parsing: "[PATCH] x").versionLabel == "v1")
    }

    /// ASCII subjects are read as bytes: the same as reading their characters, for every line of
    /// the corpus and the cases above, and for random runs of the pieces subjects are made of.
    @Test func readingBytesAgreesWithReadingCharacters() throws {
        var subjects =
            Self.cases.map(\.subject) + [
                "", " ", "[", "]", "[]", "[[PATCH v2]] x", "[PATCH [v3] 1/2] y", "Re:", "RE: Fwd:  [PATCH]\tz",
                "[PATCH]\r\n[RFC] w", "fw:[PATCH v2,1/3;kvmtool] t (v4)", "[PATCH\u{1}v2] c", "[ PATCH ] [v2]",
            ]
        if Corpus.isPresent {
            for name in try FileManager.default.contentsOfDirectory(atPath: Corpus.folder) where name.hasSuffix(".md") {
                subjects += try String(contentsOfFile: Corpus.folder + "/" + name, encoding: .utf8)
                    .split(separator: "\n").map { String($0.drop { $0 != "[" && $0 != "R" }) }
            }
        }
        let pieces = [
            "[", "]", "PATCH", "patch", "v2", "V3.1", "RFC", "rfcv2", "RFC-v3", "RESEND", "GIT", "PULL", "Re:", "RE: ",
            "aw:", "Fwd:", "fw:", "sv:", " ", "  ", "\t", "\r\n", ",", ";", "1/3", "0003/0010", "1", "of", "3", "(v2)",
            "(", ")", "kvmtool", "6.1.y", "for-6.17", "KVM:", "arm64:", "x", "take #2", "#",
        ]
        var random = SeededRandom(seed: 0x5B_1EC7)
        func run(_ count: Int, of choices: [String], separators: [String] = [""]) -> String {
            (0..<count).map { _ in random.pick(choices) + random.pick(separators) }.joined()
        }
        for _ in 0..<10_000 {
            // Any run of the pieces.
            subjects.append(run(1 + random.below(12), of: pieces))
            // Shaped as subjects are: reply markers, bracketed prefixes, a title.
            let markers = run(random.below(3), of: ["Re: ", "RE:", "aw: ", "Fwd: ", "fw:", "sv: "])
            let prefixes = (0..<random.below(3)).map { _ in
                "["
                    + run(
                        1 + random.below(5), of: pieces.filter { $0 != "[" && $0 != "]" }, separators: [" ", ",", ""])
                    + "] "
            }
            subjects.append(markers + prefixes.joined() + run(1 + random.below(4), of: pieces, separators: [" "]))
        }
        var disagreements: [String] = []
        for subject in subjects where subject.isASCII {
            if Subject(parsing: subject) != Subject(readingCharactersOf: subject) { disagreements.append(subject) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
        // The random subjects reach the readings that matter: replies, prefixes, counters, versions.
        let parsed = subjects.suffix(20_000).map { Subject(parsing: $0) }
        #expect(parsed.filter(\.isReply).count > 1000)
        #expect(parsed.filter { $0.part != nil }.count > 100)
        #expect(parsed.filter(\.versionWasWritten).count > 100)
        #expect(parsed.filter { !$0.tags.isEmpty }.count > 100)
    }
}

@Suite struct SenderTests {
    @Test func nameAndAddress() throws {
        let sender = try #require(Sender(parsing: "Sean Christopherson <seanjc@google.com>"))
        #expect(sender.name == "Sean Christopherson")
        #expect(sender.address == "seanjc@google.com")
    }

    @Test func relayQuotedAndBare() throws {
        let relay = try #require(Sender(parsing: "Per Larsen via B4 Relay <devnull+perlarsen.google.com@kernel.org>"))
        #expect(relay.address == "devnull+perlarsen.google.com@kernel.org")
        let quoted = try #require(Sender(parsing: "\"Upton, Oliver\" <OUpton@Kernel.org>"))
        #expect(quoted.name == "Upton, Oliver")
        #expect(quoted.lowercasedAddress == "oupton@kernel.org" && relay.lowercasedAddress == relay.address)
        #expect(try #require(Sender(parsing: "É <ÉRIC@Example.org>")).lowercasedAddress == "éric@example.org")
        let bare = try #require(Sender(parsing: "lingfuyi@126.com"))
        #expect(bare.name.isEmpty)
        #expect(bare.displayName == "lingfuyi@126.com")
    }

    @Test func rejectsTextWithoutAddress() {
        #expect(Sender(parsing: "Just A Name") == nil)
        #expect(Sender(parsing: "Name <not-an-address>") == nil)
        #expect(Sender(parsing: "") == nil)
        #expect(Sender(parsing: "@kernel.org") == nil)
        #expect(Sender(parsing: "maz@") == nil)
        #expect(Sender(parsing: "Marc <maz @kernel.org>") == nil)
    }

    /// ASCII lines are read over bytes, others over characters: both read alike.
    @Test func nonASCIINamesAndAddresses() throws {
        let chinese = try #require(Sender(parsing: "王小明 <wang@example.cn>"))
        #expect(chinese.name == "王小明" && chinese.address == "wang@example.cn")
        let accented = try #require(Sender(parsing: "Pérez <josé@exämple.org>"))
        #expect(accented.name == "Pérez" && accented.address == "josé@exämple.org")
        #expect(Sender(parsing: "Pérez <josé exämple.org>") == nil)
        #expect(Sender(parsing: "Pérez <@exämple.org>") == nil)
        let angles = try #require(Sender(parsing: "a <b> <c@d.org>"))
        #expect(angles.name == "a <b>" && angles.address == "c@d.org")
    }
}

@Suite struct SlugTests {
    /// ASCII text is read over bytes; it must come out as the Unicode path makes it.
    @Test func asciiTextReadsAsTheUnicodePathReadsIt() {
        var texts = [
            "[PATCH v5] KVM: x86: Add \"mediated\" vPMUs", "  --Leading and trailing--  ", "A1b2_C3.d4", "",
            "!!!", "UPPER lower 0123456789", "tab\tand\nnewline", "kvmarm_2025_week32",
            "x" + String(repeating: "-y", count: 60),
        ]
        texts.append(String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }))
        for text in texts {
            #expect(Slug.asciiWords(text) == Slug.words(text), "\(text.debugDescription)")
        }
    }

    @Test func makesReadableASCII() {
        #expect(Slug.make("KVM: x86: Add \"mediated\" vPMUs") == "kvm-x86-add-mediated-vpmus")
        #expect(Slug.make("../../etc/passwd") == "etc-passwd")
        #expect(Slug.make("中文标题") == "item")
        #expect(Slug.make("Ünïcödé") == "unicode")
        #expect(Slug.make("Mikołaj Lenczewski") == "mikolaj-lenczewski")
        #expect(Slug.make("Arve Hjønnevåg") == "arve-hjonnevag")
        #expect(Slug.make("Daniel P. Berrange\u{301}") == "daniel-p-berrange")
        #expect(Slug.make("ＫＶＭ：ｘ８６") == "kvm-x86")
    }

    /// A leading space changes no slug (series IDs leave it out when a series has no tags).
    @Test(arguments: [
        "KVM: x86: Add \"mediated\" vPMUs", "中文标题", "Ünïcödé", "\u{301}accent first", "  spaced",
        String(repeating: "word ", count: 30), "-dash",
    ])
    func aLeadingSpaceChangesNoSlug(title: String) {
        #expect(
            Slug.make(" " + title, fallback: "series", maximumLength: 72)
                == Slug.make(title, fallback: "series", maximumLength: 72))
    }

    @Test func boundedLengthWithoutTrailingDash() {
        let slug = Slug.make(String(repeating: "word ", count: 100))
        #expect(slug.count <= Slug.maximumLength)
        #expect(!slug.hasSuffix("-"))
    }

    @Test func allocatorKeepsFirstAndNumbersTheRest() {
        var allocator = SlugAllocator()
        #expect(allocator.unique("foo") == "foo")
        #expect(allocator.unique("foo") == "foo-2")
        #expect(allocator.unique("foo") == "foo-3")
        #expect(allocator.unique("bar") == "bar")
    }
}
