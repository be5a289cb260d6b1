/// Disjoint sets of the numbers 0 ..< count, with path compression.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ element: Int) -> Int {
        var root = element
        while parent[root] != root { root = parent[root] }
        var current = element
        while parent[current] != root {
            let next = parent[current]
            parent[current] = root
            current = next
        }
        return root
    }

    mutating func union(_ a: Int, _ b: Int) {
        let rootA = find(a)
        let rootB = find(b)
        if rootA != rootB { parent[rootB] = rootA }
    }

    /// The one group all of `elements` are in; nil when they are in several, or there are none.
    mutating func onlyGroup(of elements: some Sequence<Int>) -> Int? {
        var group: Int?
        for element in elements {
            let root = find(element)
            if group == nil {
                group = root
            } else if group != root {
                return nil
            }
        }
        return group
    }
}
