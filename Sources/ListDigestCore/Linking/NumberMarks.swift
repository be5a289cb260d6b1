/// Small non-negative numbers (key numbers, person indices) marked as they come, looked up
/// by place rather than hashed.
struct NumberMarks {
    private var marked: [Bool] = []

    mutating func mark(_ number: Int) {
        if number >= marked.count { marked += repeatElement(false, count: number + 1 - marked.count) }
        marked[number] = true
    }

    func contains(_ number: Int) -> Bool { number >= 0 && number < marked.count && marked[number] }
}
