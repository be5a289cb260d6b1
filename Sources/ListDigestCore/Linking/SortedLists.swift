extension Array where Element: Comparable {
    /// Each run of equal elements cut to one, in place: a sorted list becomes a sorted set.
    mutating func removeAdjacentDuplicates() {
        guard count > 1 else { return }
        var kept = 1
        for index in 1..<count where self[index] != self[kept - 1] {
            self[kept] = self[index]
            kept += 1
        }
        removeLast(count - kept)
    }

    /// Whether the sorted list holds `element`, found by halving.
    func containsSorted(_ element: Element) -> Bool {
        let position = partitioningIndex { $0 >= element }
        return position < endIndex && self[position] == element
    }
}
