import Foundation

/// How long each step of a build took, in order (`listdigest build --timings`): on the clock,
/// and in CPU time over all the process's threads, which tells a step that keeps both cores
/// busy from one that waits on a single core.
public struct BuildPhases: Sendable {
    public private(set) var steps: [(name: String, seconds: Double, cpuSeconds: Double)] = []
    private var mark = ContinuousClock.now
    private var cpuMark = Self.processCPUSeconds()

    public init() {}

    /// Ends the current step, naming it, and starts the next.
    mutating func end(_ name: String) {
        let now = ContinuousClock.now
        let cpu = Self.processCPUSeconds()
        let elapsed = mark.duration(to: now).components
        steps.append((name, Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18, cpu - cpuMark))
        mark = now
        cpuMark = cpu
    }

    /// User and system time of every thread of the process so far.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
