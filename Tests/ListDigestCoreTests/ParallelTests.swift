import Testing

@testable import ListDigestCore

@Suite struct ParallelTests {
    /// Results come back in order whatever core computed them, with the work done alongside.
    @Test(arguments: [0, 1, 2, 15, 16, 17, 1000])
    func mapKeepsOrder(count: Int) {
        let squares = (0..<count).map { $0 * $0 }
        #expect(Parallel.map(count) { $0 * $0 } == squares)
        let (mapped, other) = Parallel.map(count, { $0 * $0 }, alongside: { "done \(count)" })
        #expect(mapped == squares)
        #expect(other == "done \(count)")
        let (twice, one, two) = Parallel.map(
            count, { $0 * $0 }, alongside: { "one \(count)" }, and: { (0..<count).reduce(0, +) })
        #expect(twice == squares && one == "one \(count)" && two == count * (count - 1) / 2)
        let (first, second) = Parallel.both({ count + 1 }, { String(count) })
        #expect(first == count + 1 && second == String(count))
    }
}
