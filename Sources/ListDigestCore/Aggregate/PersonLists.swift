/// A list for each person, all in one array, each person's a slice of it: what goes in is
/// counted first (`count`), then room is made for all of it at once (`makeRoom`), then it is
/// put in, each person's in the order it comes (`append`).
struct PersonLists<Element: Sendable>: Sendable {
    /// By person, where their list starts; the last entry is where the last one ends.
    private var starts: [Int]
    /// By person, where their next element goes.
    private var next: [Int] = []
    private var storage: [Element] = []
    /// What fills the room until the elements are put in.
    private let placeholder: Element

    init(people: Int, placeholder: Element) {
        starts = [Int](repeating: 0, count: people + 1)
        self.placeholder = placeholder
    }

    mutating func count(_ person: Int) { starts[person + 1] += 1 }

    mutating func makeRoom() {
        for index in starts.indices.dropFirst() { starts[index] += starts[index - 1] }
        next = Array(starts.dropLast())
        storage = [Element](repeating: placeholder, count: starts[starts.count - 1])
    }

    mutating func append(_ element: Element, for person: Int) {
        storage[next[person]] = element
        next[person] += 1
    }

    subscript(person: Int) -> ArraySlice<Element> { storage[starts[person]..<starts[person + 1]] }
}
