import Foundation
import ListDigestCore

/// A data file written to disk while it is rendered, a buffer at a time, and hashed on the way:
/// the data files are megabytes each, and rendering each whole into memory before writing it
/// touched as much fresh memory again (see `JSONWriter`). It is written into the folder the new
/// site is being written into, under a name no file of a site has, then renamed into place
/// (`StagingFolder.place`), or removed when the file in place is the same (`PageCache.file`,
/// `StagingFolder.prepare`). A build that fails takes it away with the rest of that folder.
final class StreamedFile {
    let temporaryPath: String
    private var descriptor: Int32
    private var hasher = StableHasher()
    /// The first write that failed: the file is then removed by `finish`, which throws it.
    private var failure: (any Error)?

    /// A new file in `folder` for the site's file at `path`.
    init(in folder: String, for path: String) throws {
        temporaryPath = folder + "/.listdigest-streaming-" + path.replacingOccurrences(of: "/", with: "-")
        descriptor = try StagingFolder.createNewFile(temporaryPath)
    }

    deinit {
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Writes and hashes `bytes`; a failure is kept for `finish` (the JSON writer does not throw).
    func write(_ bytes: [UInt8]) {
        guard failure == nil else { return }
        bytes.withUnsafeBytes { buffer in
            hasher.combine(raw: buffer)
            do {
                try StagingFolder.write(buffer, to: descriptor)
            } catch {
                failure = error
            }
        }
    }

    /// Closes the file; the digest of its bytes (as `PageCache.file` fingerprints a file).
    func finish() throws -> String {
        let closed = close(descriptor)
        descriptor = -1
        if failure == nil, closed != 0 { failure = StagingFolder.systemError() }
        if let failure {
            unlink(temporaryPath)
            throw failure
        }
        return hasher.shortHex
    }
}
