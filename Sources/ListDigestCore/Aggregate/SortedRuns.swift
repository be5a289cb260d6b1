extension Array where Element: Comparable {
    /// Each distinct element once, in order, with how many times it occurs; the array is sorted
    /// on the way. Counting in runs what comes nearly in order (a series' weeks, a person's
    /// messages by week) is quicker than hashing every element into a table.
    mutating func sortedRuns() -> [(value: Element, count: Int)] {
        sort()
        var runs: [(value: Element, count: Int)] = []
        forEachRun { runs.append(($0, $1)) }
        return runs
    }

    /// Each run of equal elements, in order, as its element and length: `sortedRuns` of a
    /// sorted array, without a list of them.
    func forEachRun(_ body: (Element, Int) -> Void) {
        var start = 0
        while start < count {
            var end = start + 1
            while end < count && self[end] == self[start] { end += 1 }
            body(self[start], end - start)
            start = end
        }
    }
}
