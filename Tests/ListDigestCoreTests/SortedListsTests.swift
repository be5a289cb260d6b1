import Testing

@testable import ListDigestCore

@Suite struct SortedListsTests {
    /// A sorted list cut to its distinct elements is what a set of them would sort to, and each
    /// element found in it by halving is one the set holds.
    @Test(arguments: [[], [7], [3, 1, 3, 3, 2, 1], [5, 5, 5], [9, 8, 7, 6, 5, 4, 3, 2, 1, 1], [-2, 0, -2, 4]])
    func distinctElementsAreASortedSet(values: [Int]) {
        var list = values.sorted()
        list.removeAdjacentDuplicates()
        #expect(list == Set(values).sorted())
        for probe in -3...10 {
            #expect(list.containsSorted(probe) == values.contains(probe), "\(probe) in \(values)")
        }
    }
}
