/// Distinct values numbered from 0 in the order first seen.
struct Numbering<Value: Hashable> {
    private var numbers: [Value: Int32] = [:]
    /// By number; empty when made not to keep them.
    private(set) var values: [Value] = []
    private let keepsValues: Bool

    var count: Int { numbers.count }

    init(capacity: Int = 0, keepingValues: Bool = true) {
        keepsValues = keepingValues
        numbers.reserveCapacity(capacity)
        if keepingValues { values.reserveCapacity(capacity) }
    }

    /// The number of `value`, when it was seen.
    func existing(_ value: Value) -> Int32? { numbers[value] }

    /// The number of `value`, new when it was not seen before.
    mutating func number(_ value: Value) -> (number: Int32, isNew: Bool) {
        if let known = numbers[value] { return (known, false) }
        let next = Int32(numbers.count)
        numbers[value] = next
        if keepsValues { values.append(value) }
        return (next, true)
    }
}

extension Numbering: Sendable where Value: Sendable {}
