import Foundation

/// Whole files read straight into an array of bytes: reading through `Data` and converting
/// copies every byte once more, which for the tens of megabytes of the parsed-report cache was
/// a noticeable part of a rebuild's first step.
enum FileBytes {
    /// The file's bytes, or nil when it cannot be opened or read. A file that changes while it
    /// is read gives what was read.
    static func contents(of path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        let size = Int(status.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                if got < 0 { failed = true }
                guard got > 0 else { break }
                count += got
            }
        }
        return failed ? nil : bytes
    }
}
