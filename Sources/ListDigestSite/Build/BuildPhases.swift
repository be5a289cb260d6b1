import Foundation

/// How long each step of a build took, in order (`listdigest build --timings`).
public struct BuildPhases: Sendable {
    public private(set) var steps: [(name: String, seconds: Double)] = []
    private var mark = ContinuousClock.now

    public init() {}

    /// Ends the current step, naming it, and starts the next.
    mutating func end(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = mark.duration(to: now).components
        steps.append((name, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18))
        mark = now
    }
}
