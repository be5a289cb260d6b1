import Foundation

/// A value axis from 0 to a round top with 3–6 evenly spaced round ticks; the step is
/// 1, 2 or 5 × 10ⁿ. All-zero, negative or non-finite data still gives a usable axis.
public struct NiceScale: Sendable, Equatable {
    public let step: Double
    public let top: Double
    public let ticks: [Double]

    /// - Parameters:
    ///   - maximum: the largest data value; values ≤ 0 or non-finite are treated as empty.
    ///   - integerSteps: never use a step below 1 (for counts).
    public init(maximum: Double, integerSteps: Bool = false) {
        let target = maximum.isFinite && maximum > 0 ? maximum : 1
        var best: (step: Double, top: Double, count: Int)?
        for intervals in 2...5 {
            var step = Self.niceCeil(target / Double(intervals))
            if integerSteps { step = max(step, 1) }
            var multiples = (target / step).rounded(.up)
            // Guard against 0.30000000000000004-style overshoot adding a needless interval.
            if (multiples - 1) * step >= target * (1 - 1e-12) { multiples -= 1 }
            multiples = max(multiples, 2)
            let count = Int(multiples) + 1
            guard count <= 6 else { continue }
            let top = step * multiples
            if let current = best {
                let tighter = top < current.top * (1 - 1e-12)
                let sameTop = abs(top - current.top) <= current.top * 1e-12
                if tighter || (sameTop && abs(count - 5) < abs(current.count - 5)) {
                    best = (step, top, count)
                }
            } else {
                best = (step, top, count)
            }
        }
        let chosen = best ?? (target, target * 2, 3)
        step = chosen.step
        top = chosen.top
        ticks = (0..<chosen.count).map { Double($0) * chosen.step }
    }

    /// The smallest 1, 2 or 5 × 10ⁿ that is ≥ `value`.
    static func niceCeil(_ value: Double) -> Double {
        let exponent = (value.log10Floor)
        let base = pow10(exponent)
        for factor in [1.0, 2, 5, 10] where factor * base >= value * (1 - 1e-12) {
            return factor * base
        }
        return 10 * base
    }

    static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<exponent { result *= 10 }
        } else {
            for _ in 0..<(-exponent) { result /= 10 }
        }
        return result
    }

    /// Position of `value` as a fraction of the axis, clamped to 0…1.
    public func fraction(_ value: Double) -> Double {
        guard value.isFinite, top > 0 else { return 0 }
        return min(max(value / top, 0), 1)
    }
}

extension Double {
    /// ⌊log₁₀ self⌋ for positive finite values, by repeated scaling so it is exact at powers of 10.
    fileprivate var log10Floor: Int {
        var exponent = 0
        var v = self
        while v >= 10 {
            v /= 10
            exponent += 1
        }
        while v < 1 {
            v *= 10
            exponent -= 1
        }
        return exponent
    }
}
