import Foundation

/// A command run to its end, timed from the moment it is started to the moment it is waited
/// for. Started with `posix_spawn` and waited for with `waitpid`: Foundation's `Process` looks
/// for the end of its child every 50 ms, which added up to 50 ms to every time taken (a no-op
/// build of 24 ms was timed at 75).
struct TimedCommand {
    let status: Int32
    let output: Data
    let errors: Data
    let seconds: Double

    /// `discardingOutput`: what it prints goes to /dev/null rather than through a pipe.
    static func run(_ arguments: [String], discardingOutput: Bool = false) throws -> TimedCommand {
        var errorPipe: [Int32] = [0, 0]
        var outputPipe: [Int32] = [-1, -1]
        guard pipe(&errorPipe) == 0, discardingOutput || pipe(&outputPipe) == 0 else { throw systemError() }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if discardingOutput {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, outputPipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, outputPipe[0])
            posix_spawn_file_actions_addclose(&actions, outputPipe[1])
        }
        posix_spawn_file_actions_adddup2(&actions, errorPipe[1], 2)
        posix_spawn_file_actions_addclose(&actions, errorPipe[0])
        posix_spawn_file_actions_addclose(&actions, errorPipe[1])
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&child, arguments[0], &actions, nil, argv, environ)
        close(errorPipe[1])
        if !discardingOutput { close(outputPipe[1]) }
        guard spawned == 0 else {
            close(errorPipe[0])
            if !discardingOutput { close(outputPipe[0]) }
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
        }
        // Both pipes are read at once, so neither can fill up and stall the command.
        let reading = discardingOutput ? nil : Reading(outputPipe[0])
        let errors = Self.readToEnd(errorPipe[0])
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let elapsed = start.duration(to: .now).components
        return TimedCommand(
            status: (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f),
            output: reading?.wait() ?? Data(), errors: errors,
            seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
    }

    private static func readToEnd(_ descriptor: Int32) -> Data {
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }

    /// The bytes read from `descriptor` on a thread of its own, once it ends.
    private final class Reading: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ descriptor: Int32) {
            Thread { [self] in
                data = TimedCommand.readToEnd(descriptor)
                done.signal()
            }.start()
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }

    private static func systemError() -> POSIXError { POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
}
