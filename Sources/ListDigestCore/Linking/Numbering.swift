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
        // One lookup, not two for a new value: the default is stored when the value is missing,
        // and it is the one number no value has yet.
        let next = Int32(numbers.count)
        let number = Self.read(&numbers[value, default: next])
        guard number == next else { return (number, false) }
        if keepsValues { values.append(value) }
        return (next, true)
    }

    private static func read(_ number: inout Int32) -> Int32 { number }
}

extension Numbering: Sendable where Value: Sendable {}
