import Dispatch
import Synchronization

/// Plain work spread over the cores, for the synchronous parts of reading and linking.
package enum Parallel {
    /// `transform` of 0..<count, in order, computed on every core.
    package static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        let chunks = min(count, 16)
        guard chunks > 1 else { return (0..<count).map(transform) }
        let results = Mutex<[Int: [T]]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let part = stride(from: chunk, to: count, by: chunks).map(transform)
            results.withLock { $0[chunk] = part }
        }
        let parts = results.withLock { $0 }
        return (0..<count).map { parts[$0 % chunks]![$0 / chunks] }
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
