import Testing

@testable import ListDigestCore

@Suite struct PersonListsTests {
    /// Counted, then filled in order, each person's slice holds what a list of their own,
    /// appended to in the same order, would.
    @Test func eachPersonsSliceIsTheirListInOrder() {
        let items = [(2, 10), (0, 11), (2, 12), (3, 13), (2, 14), (0, 15)]
        var lists = PersonLists<Int>(people: 5, placeholder: -1)
        for (person, _) in items { lists.count(person) }
        lists.makeRoom()
        for (person, value) in items { lists.append(value, for: person) }
        var expected = [[Int]](repeating: [], count: 5)
        for (person, value) in items { expected[person].append(value) }
        for person in 0..<5 { #expect(Array(lists[person]) == expected[person], "person \(person)") }
    }
}
