import Dispatch
import Foundation
import Synchronization

/// Plain work spread over the cores, for the synchronous parts of reading and linking.
package enum Parallel {
    /// `transform` of 0..<count, in order, computed on every core.
    package static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        return map(count, transform, alongside: {}).0
    }

    /// `map`, with `other` done meanwhile as one more piece of the loop, put first so that it
    /// is likely to start at once: nested in `both`, the loop would run on one core.
    package static func map<T: Sendable, U: Sendable>(
        _ count: Int, _ transform: @Sendable (Int) -> T, alongside other: @Sendable () -> U
    ) -> ([T], U) {
        let (mapped, value, _) = map(count, transform, alongside: other, and: {})
        return (mapped, value)
    }

    /// `map`, with two more pieces of work done meanwhile, each on a core of its own while the
    /// loop takes the others and then any core they leave.
    package static func map<T: Sendable, U: Sendable, V: Sendable>(
        _ count: Int, _ transform: @Sendable (Int) -> T, alongside first: @Sendable () -> U,
        and second: @Sendable () -> V
    ) -> ([T], U, V) {
        map(count, scratch: {}, { _, index in transform(index) }, alongside: first, and: second)
    }

    /// `map`, each core with scratch space of its own (made by `makeScratch` when it takes its
    /// first item) handed to every item it takes: room reused from one item to the next instead
    /// of made for each. `transform` must leave the scratch as it found it.
    package static func map<T: Sendable, Scratch>(
        _ count: Int, scratch makeScratch: @Sendable () -> Scratch, _ transform: @Sendable (inout Scratch, Int) -> T
    ) -> [T] {
        guard count > 1 else {
            var scratch = makeScratch()
            return (0..<count).map { transform(&scratch, $0) }
        }
        return map(count, scratch: makeScratch, transform, alongside: {}, and: {}).0
    }

    private static func map<T: Sendable, Scratch, U: Sendable, V: Sendable>(
        _ count: Int, scratch makeScratch: @Sendable () -> Scratch, _ transform: @Sendable (inout Scratch, Int) -> T,
        alongside first: @Sendable () -> U, and second: @Sendable () -> V
    ) -> ([T], U, V) {
        let workers = max(1, min(count, 16))
        // Each worker takes the next few items until none are left: fixed shares left a core
        // idle while the other finished a share of costly items.
        let batch = max(1, count / 64)
        let taken = Atomic<Int>(0)
        let firstResult = Mutex<U?>(nil)
        let secondResult = Mutex<V?>(nil)
        // Each result is made in its place: collecting them by chunk and putting them in order
        // afterwards copied every one (retaining every text in it) and looked its chunk up.
        let mapped = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = Slots(buffer: buffer)
            DispatchQueue.concurrentPerform(iterations: workers + 2) { iteration in
                switch iteration {
                case 0:
                    let value = first()
                    firstResult.withLock { $0 = value }
                case 1:
                    let value = second()
                    secondResult.withLock { $0 = value }
                default:
                    var scratch: Scratch?
                    while case let start = taken.wrappingAdd(batch, ordering: .relaxed).oldValue, start < count {
                        if scratch == nil { scratch = makeScratch() }
                        for index in start..<min(start + batch, count) {
                            slots.buffer.baseAddress!.advanced(by: index).initialize(to: transform(&scratch!, index))
                        }
                    }
                }
            }
            initialized = count
        }
        return (mapped, firstResult.withLock { $0! }, secondResult.withLock { $0! })
    }

    /// Where the results go: every task writes items no other task writes.
    private struct Slots<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T>
    }

    /// `first` and `second` at the same time.
    package static func both<A: Sendable, B: Sendable>(
        _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        let a = Mutex<A?>(nil)
        let b = Mutex<B?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let value = first()
                a.withLock { $0 = value }
            } else {
                let value = second()
                b.withLock { $0 = value }
            }
        }
        return (a.withLock { $0! }, b.withLock { $0! })
    }
}

/// One-core work on a thread of its own, started at once, for a caller whose next steps go
/// mostly one after another and leave a core idle. Not `Parallel.both` or a `map`'s `alongside`:
/// the loops those steps run on every core would run on one core there (a nested apply runs
/// inline), and not a dispatch queue, whose busy worker the loops would then wait for.
package final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    package static func start(_ work: @escaping @Sendable () -> Value) -> BackgroundWork {
        let background = BackgroundWork()
        Thread {
            let value = work()
            background.result.withLock { $0 = value }
            background.finished.signal()
        }.start()
        return background
    }

    private init() {}

    /// The work's result, once it is done.
    package func value() -> Value {
        finished.wait()
        // For whoever asks next.
        finished.signal()
        return result.withLock { $0! }
    }
}

/// Lists a core keeps in its scratch space (`Parallel.map(_:scratch:_:)`) from one item to the
/// next, lent out whole for an item's work and given back empty with their room kept.
enum ScratchList {
    /// `list`'s elements, its room kept: handed out whole (uniquely held, so appending to it
    /// copies nothing); give it back with `giveBack`.
    static func take<Element>(_ list: inout [Element]) -> [Element] {
        var taken: [Element] = []
        swap(&taken, &list)
        return taken
    }

    static func giveBack<Element>(_ taken: inout [Element], to list: inout [Element]) {
        taken.removeAll(keepingCapacity: true)
        swap(&taken, &list)
    }
}
