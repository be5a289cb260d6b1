extension RandomAccessCollection {
    /// The first index whose element satisfies `belongsInSecondPartition`, found by halving: the
    /// collection must hold every element that does not before every one that does (swift-algorithms'
    /// function of the same name, which the fuzzer's plain `swiftc` build of this module cannot import).
    package func partitioningIndex(where belongsInSecondPartition: (Element) throws -> Bool) rethrows -> Index {
        var low = startIndex
        var count = self.count
        while count > 0 {
            let half = count / 2
            let middle = index(low, offsetBy: half)
            if try belongsInSecondPartition(self[middle]) {
                count = half
            } else {
                low = index(after: middle)
                count -= half + 1
            }
        }
        return low
    }
}
