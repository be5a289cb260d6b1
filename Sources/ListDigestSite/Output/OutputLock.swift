import Foundation
import Synchronization

/// An advisory lock (flock) on a file beside the output folder, held while a build writes it.
/// The kernel releases it when the process dies, so a killed build never leaves it stuck.
final class OutputLock: Sendable {
    /// Nil once released: releasing twice must not close a descriptor since reused elsewhere.
    private let held: Mutex<Int32?>

    init(path: String, waiting: () -> Void) throws(SiteBuildError) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SiteBuildError(
                file: path, line: 0, message: "cannot create the build lock: \(String(cString: strerror(errno)))")
        }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting()
            while flock(descriptor, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    close(descriptor)
                    throw SiteBuildError(
                        file: path, line: 0, message: "cannot take the build lock: \(String(cString: strerror(errno)))")
                }
            }
        }
        held = Mutex(descriptor)
    }

    func release() {
        let descriptor = held.withLock { held in
            defer { held = nil }
            return held
        }
        guard let descriptor else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
