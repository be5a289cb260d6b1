/// Small non-negative numbers (key numbers, person indices) marked as they come, looked up
/// by place rather than hashed.
struct NumberMarks {
    private var marked: [Bool] = []

    /// `number` must not be negative.
    mutating func mark(_ number: Int) {
        precondition(number >= 0, "a negative number cannot be marked")
        if number >= marked.count { marked += repeatElement(false, count: number + 1 - marked.count) }
        marked[number] = true
    }

    func contains(_ number: Int) -> Bool { number >= 0 && number < marked.count && marked[number] }
}
