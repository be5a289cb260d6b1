import Dispatch
import Foundation
import Synchronization
import Testing

@testable import ListDigestCore

@Suite struct ParallelTests {
    /// Results come back in order whatever core computed them, with the work done alongside.
    @Test(arguments: [0, 1, 2, 15, 16, 17, 1000])
    func mapKeepsOrder(count: Int) {
        let squares = (0..<count).map { $0 * $0 }
        #expect(Parallel.map(count) { $0 * $0 } == squares)
        let (mapped, other) = Parallel.map(count, { $0 * $0 }, alongside: { "done \(count)" })
        #expect(mapped == squares)
        #expect(other == "done \(count)")
        let (twice, one, two) = Parallel.map(
            count, { $0 * $0 }, alongside: { "one \(count)" }, and: { (0..<count).reduce(0, +) })
        #expect(twice == squares && one == "one \(count)" && two == count * (count - 1) / 2)
        let (first, second) = Parallel.both({ count + 1 }, { String(count) })
        #expect(first == count + 1 && second == String(count))
    }

    /// Background work starts at once, on a thread of its own, while the caller goes on (with
    /// loops on every core of its own); its value is what it computed, to every caller.
    @Test func backgroundWorkRunsWhileTheCallerGoesOn() {
        let callerWentOn = DispatchSemaphore(value: 0)
        let caller = pthread_self()
        let work = BackgroundWork.start {
            // Run inline by `start`, this would wait in vain: the caller goes on only after.
            let sawTheCaller = callerWentOn.wait(timeout: .now() + 10) == .success
            return (sawTheCaller, pthread_equal(pthread_self(), caller) != 0, (0..<100_000).reduce(0, +))
        }
        callerWentOn.signal()
        #expect(Parallel.map(1000) { $0 * 2 } == (0..<1000).map { $0 * 2 })
        let (sawTheCaller, onTheCallersThread, sum) = work.value()
        #expect(sawTheCaller && !onTheCallersThread && sum == 4_999_950_000)
        #expect(work.value().2 == sum)
    }

    /// Each core's scratch is made once, when it takes its first item, and handed to every item
    /// it takes after, as the item before left it.
    @Test(arguments: [0, 1, 2, 17, 1000])
    func scratchIsMadeOncePerCoreAndHandedOn(count: Int) {
        let made = Atomic<Int>(0)
        let mapped = Parallel.map(
            count,
            scratch: {
                made.wrappingAdd(1, ordering: .relaxed)
                return [Int](repeating: 0, count: 8)
            }
        ) { scratch, index in
            // Left as found: every item sees a cleared scratch.
            scratch[index % 8] += index
            defer { scratch[index % 8] = 0 }
            return scratch.reduce(0, +) + index
        }
        #expect(mapped == (0..<count).map { 2 * $0 })
        #expect(made.load(ordering: .relaxed) <= max(1, min(count, 16)))
        #expect(count == 0 || made.load(ordering: .relaxed) >= 1)
    }
}
