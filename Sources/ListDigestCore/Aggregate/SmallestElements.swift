extension Sequence {
    /// The first `count` elements of `sorted(by:)`, without sorting them all (swift-algorithms'
    /// `min(count:sortedBy:)`, which the fuzzer's plain `swiftc` build of this module cannot
    /// import): for the ten busiest of 12,000 series, most are compared once, with the tenth.
    /// Elements the order does not tell apart stay in the order met, as the stable sort leaves them.
    func smallest(_ count: Int, by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows -> [Element] {
        guard count > 0 else { return [] }
        var kept: [Element] = []
        for element in self {
            if kept.count == count {
                guard try areInIncreasingOrder(element, kept[count - 1]) else { continue }
                kept.removeLast()
            }
            kept.insert(element, at: try kept.partitioningIndex { try areInIncreasingOrder(element, $0) })
        }
        return kept
    }
}
