import Testing

@testable import ListDigestCore

@Suite struct SmallestElementsTests {
    /// The first elements of the stable sort, whatever how many are asked for, with ties (which
    /// keep the order met) and orders backwards.
    @Test func smallestAreTheFirstOfTheSortedElements() {
        var generator = SeededRandom(seed: 3)
        for round in 0..<200 {
            // Values with many ties, each tagged with where it was met.
            let values = (0..<(round % 40)).map { (value: generator.below(8), met: $0) }
            for count in [0, 1, 3, 10, 45] {
                let ascending = values.smallest(count) { $0.value < $1.value }
                let expected = values.sorted { $0.value < $1.value }.prefix(count)
                #expect(ascending.map(\.met) == expected.map(\.met))
                let descending = values.lazy.filter { $0.value > 1 }.smallest(count) { $0.value > $1.value }
                #expect(
                    descending.map(\.met)
                        == values.filter { $0.value > 1 }.sorted { $0.value > $1.value }.prefix(count).map(\.met))
            }
        }
    }
}
