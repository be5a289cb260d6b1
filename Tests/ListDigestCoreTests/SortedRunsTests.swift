import Testing

@testable import ListDigestCore

@Suite struct SortedRunsTests {
    /// Each distinct element once, in order, counted: what hashing into a table would count.
    @Test(arguments: [[], [7], [3, 1, 3, 3, 2, 1], [5, 5, 5], [9, 8, 7, 6, 5, 4, 3, 2, 1, 1]])
    func runsCountWhatATableWould(values: [Int]) {
        var sorted = values
        let runs = sorted.sortedRuns()
        let table = Dictionary(values.map { ($0, 1) }, uniquingKeysWith: +)
        #expect(runs.map(\.value) == table.keys.sorted())
        #expect(runs.allSatisfy { table[$0.value] == $0.count })
        #expect(sorted == values.sorted())
    }
}
