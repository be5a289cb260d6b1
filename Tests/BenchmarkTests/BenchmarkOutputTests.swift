import Testing

@testable import listdigest_benchmark

@Suite struct BenchmarkOutputTests {
    /// The total is read from callgrind's report on standard error, whatever the process number
    /// and with other lines around it; a report without one gives none.
    @Test func callgrindsTotalIsRead() {
        let report = """
            ==4711== Callgrind, a call-graph generating cache profiler
            ==4711== Events    : Ir
            ==4711== Collected : 2596843832
            ==4711==
            ==4711== I   refs:      2,596,843,832
            """
        #expect(Benchmark.collected(report) == 2_596_843_832)
        #expect(Benchmark.collected("==1== Callgrind\n==1== error: cannot start\n") == nil)
    }

    /// The steps `build --timings` prints are read in order, in seconds; other lines are left.
    @Test func timingStepsAreReadInSeconds() {
        let output =
            "built 3 weeks\n  read reports                20.9 ms, 1.8 cores busy\n  swap in                      0.2 ms\n"
            + "  taken over: 3 of 3 pages, 12 data file entries\n"
        let steps = Benchmark.steps(output)
        #expect(steps.map(\.0) == ["read reports", "swap in"])
        #expect(abs(steps[0].1 - 0.0209) < 1e-9 && abs(steps[1].1 - 0.0002) < 1e-9)
    }
}
