import Foundation
import Testing

@testable import ListDigestCore

/// The small structures linking runs on, against the plain ways of doing the same.
@Suite struct LinkingHelpersTests {
    /// Values are numbered in the order first seen, as a list searched from the start numbers
    /// them; a value seen again keeps its number and is not new.
    @Test func numberingCountsValuesInTheOrderFirstSeen() {
        var generator = SeededRandom(seed: 5)
        for keepingValues in [true, false] {
            var numbering = Numbering<String>(capacity: keepingValues ? 0 : 8, keepingValues: keepingValues)
            var seen: [String] = []
            for _ in 0..<600 {
                let value = "v\(generator.below(150))"
                let (number, isNew) = numbering.number(value)
                #expect(isNew == !seen.contains(value))
                if isNew { seen.append(value) }
                #expect(Int(number) == seen.firstIndex(of: value))
                #expect(numbering.existing(value) == number && numbering.count == seen.count)
            }
            #expect(numbering.values == (keepingValues ? seen : []))
            #expect(numbering.existing("never") == nil && numbering.count == seen.count)
        }
    }

    /// Marked numbers are found, and only they, however far apart they come and whatever is
    /// asked (negative numbers and numbers past the last mark included).
    @Test func numberMarksHoldWhatWasMarked() {
        var generator = SeededRandom(seed: 11)
        var marks = NumberMarks()
        var marked = Set<Int>()
        #expect(!marks.contains(0))
        for _ in 0..<300 {
            let number = generator.below(generator.below(2) == 0 ? 40 : 5000)
            marks.mark(number)
            marked.insert(number)
        }
        for number in -3..<5100 { #expect(marks.contains(number) == marked.contains(number)) }
    }

    /// Random unions make the sets that relabelling every member of the absorbed set makes.
    @Test func unionFindGroupsAsRelabellingDoes() {
        var generator = SeededRandom(seed: 7)
        for round in 0..<50 {
            let count = 1 + round * 7
            var sets = UnionFind(count: count)
            var label = Array(0..<count)
            for _ in 0..<(count / 2 + round) {
                let (a, b) = (generator.below(count), generator.below(count))
                sets.union(a, b)
                let absorbed = label[b]
                for element in label.indices where label[element] == absorbed { label[element] = label[a] }
            }
            for a in 0..<count {
                for b in stride(from: a, to: count, by: max(1, count / 9)) {
                    #expect((sets.find(a) == sets.find(b)) == (label[a] == label[b]))
                }
            }
        }
        var chain = UnionFind(count: 4)
        chain.union(0, 1)
        chain.union(2, 3)
        #expect(chain.find(1) == chain.find(0) && chain.find(3) == chain.find(2) && chain.find(0) != chain.find(2))
    }

    /// The one group of several elements is the group all their roots agree on, found as a set
    /// of their roots is: none for no elements, none when two groups are among them.
    @Test func onlyGroupIsTheSingleRootOfTheElements() {
        var generator = SeededRandom(seed: 13)
        for round in 0..<40 {
            let count = 2 + round
            var sets = UnionFind(count: count)
            for _ in 0..<(count * 3 / 4) { sets.union(generator.below(count), generator.below(count)) }
            for size in 0..<6 {
                let elements = (0..<size).map { _ in generator.below(count) }
                let roots = Set(elements.map { sets.find($0) })
                #expect(sets.onlyGroup(of: elements) == (roots.count == 1 ? roots.first : nil))
            }
        }
        var two = UnionFind(count: 3)
        two.union(0, 1)
        #expect(two.onlyGroup(of: [0, 1]) == two.find(0))
        #expect(two.onlyGroup(of: [0, 1, 2]) == nil)
        #expect(two.onlyGroup(of: []) == nil)
    }

    /// Halving finds the first element of the second partition, as a scan from the start does,
    /// including at either end and in an empty or sliced collection.
    @Test func partitioningIndexFindsTheFirstMatch() {
        var generator = SeededRandom(seed: 11)
        for length in 0..<40 {
            let sorted = (0..<length).map { _ in generator.below(20) }.sorted()
            for threshold in -1...21 {
                #expect(
                    sorted.partitioningIndex { $0 >= threshold }
                        == (sorted.firstIndex { $0 >= threshold } ?? sorted.endIndex))
            }
        }
        let slice = [1, 3, 5, 7, 9][1...3]
        #expect(slice.partitioningIndex { $0 > 4 } == 2)
        #expect(slice.partitioningIndex { $0 > 100 } == slice.endIndex)
        #expect(slice.partitioningIndex { $0 > 0 } == slice.startIndex)
    }

    /// An ASCII title's topic words, read from its bytes, are the words Unicode's rules find:
    /// on titles made of subsystem prefixes (short, long, without a space after the colon),
    /// words, digits and punctuation.
    @Test func asciiTopicWordsAreWhatCharactersGive() {
        let pieces = [
            "kvm: ", "arm64: ", "nv:", ":", " ", "  ", "x86", "-", "_", ".", "/", "1", "v2", "a", "(3148)", "zyngier",
            "QEMU", "ABI", "0z9Z", "@",
            "a very long prefix with spaces in it: ", "averyveryverylongprefixwithoutspaces: ",
        ]
        var generator = SeededRandom(seed: 8)
        var prefixDropped = 0
        for _ in 0..<4_000 {
            let title = (0..<generator.below(9)).map { _ in pieces[generator.below(pieces.count)] }.joined()
            let words = SeriesKey.asciiTopicWords(title)
            #expect(words == SeriesKey.codes(SeriesKey.topicWordsByCharacters(title)), "\(title.debugDescription)")
            if words != SeriesKey.codes(Set(title.split(whereSeparator: { !$0.isLetterOrNumber }))) {
                prefixDropped += 1
            }
        }
        #expect(prefixDropped > 300, "\(prefixDropped) titles lost a prefix")
        let key = SeriesKey(Subject(parsing: "[PATCH v3 2/7] KVM: arm64: nv: Handle VNCR_EL2 faults (v2)"))
        #expect(key.topicWords == SeriesKey.codes(["handle", "vncr", "el2", "faults", "v2"]))
    }

    /// Similarity counts the union from the sets' sizes: the same as making it.
    /// A pull request's family title (the title without its `take N`) is what Foundation's
    /// backward search for `take` gives, ASCII titles searched by their bytes or not.
    @Test(arguments: [
        "kvm/arm64 fixes for 6.14, take #1", "kvm/arm64 fixes for 6.14, take #12", "fixes - take 3",
        "mistake in take #2", "take #4", "take", "takeover of fixes", "fixes, take two", "fixes take#5",
        "kvm — fixes for 6.15, take #3", "café fixes, take #2", "",
    ])
    func familyTitleIsTheTitleWithoutItsTake(title: String) {
        let key = SeriesKey(title: title, identityTags: [])
        var expected = title
        if title.includes("take"), let range = title.range(of: "take", options: .backwards) {
            let after = title[range.upperBound...].trimmingWhitespace.drop(while: { $0 == "#" })
            if !after.isEmpty, after.allSatisfy(\.isASCIIDigit) {
                var before = title[..<range.lowerBound].trimmingWhitespace
                while before.hasSuffix(",") || before.hasSuffix("-") { before = before.dropLast().trimmingWhitespace }
                expected = String(before)
            }
        }
        #expect(key.familyTitle == expected)
    }

    @Test func similarityIsJaccardOfTheSets() {
        let words: [Substring] = ["a", "b", "c", "d", "e", "f", "eightchr", "a longer word", "e\u{301}", "é"]
        var generator = SeededRandom(seed: 9)
        for _ in 0..<1_000 {
            let a = Set(words.filter { _ in generator.chance(40) })
            let b = Set(words.filter { _ in generator.chance(40) })
            let expected = a.isEmpty && b.isEmpty ? 1 : Double(a.intersection(b).count) / Double(a.union(b).count)
            #expect(SeriesKey.similarity(SeriesKey.codes(a), SeriesKey.codes(b)) == expected)
        }
        // Words the same as texts share a code; different ones, short or long, do not.
        #expect(SeriesKey.codes(["e\u{301}"]) == SeriesKey.codes(["é"]))
        let distinct: Set<Substring> = ["a", "aa", "a\u{0}", "ab", "ba", "sevenxx", "eightxxx", "eightxxy", "中文", "v2"]
        #expect(SeriesKey.codes(distinct).count == distinct.count)
    }
}
