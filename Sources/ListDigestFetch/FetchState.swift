import Foundation

/// What the server said about each report last time (its `ETag` and `Last-Modified`), so the next fetch
/// can ask "only if changed". Kept beside the reports in `.fetch-state.json`:
///
/// ```json
/// {
///   "reports" : {
///     "kvmarm_2025_week32.md" : {
///       "etag" : "\"5d41402abc4b2a76b9719d911017c592\"",
///       "lastModified" : "Mon, 11 Aug 2025 02:00:00 GMT",
///       "url" : "https://raw.githubusercontent.com/onlinefchen/kvm-ai-robot/main/docs/kvmarm_2025_week32.md"
///     }
///   },
///   "version" : 1
/// }
/// ```
///
/// Losing the file costs nothing but bandwidth: every report is then downloaded once more and compared.
struct FetchState: Codable, Equatable {
    struct Validators: Codable, Equatable {
        /// The validators belong to this URL; a changed `source_url` does not reuse them.
        var url: String
        var etag: String?
        var lastModified: String?
    }

    static let fileName = ".fetch-state.json"

    var version = 1
    /// By report file name.
    var reports: [String: Validators] = [:]

    /// Reads the state of a reports folder; a missing file is an empty state, an unreadable one an error.
    static func load(folder: String) throws -> FetchState {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return FetchState() }
        return try JSONDecoder().decode(FetchState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    func save(folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try AtomicFile.write(
            encoder.encode(self) + Data("\n".utf8), to: (folder as NSString).appendingPathComponent(Self.fileName))
    }

    /// The request headers that make the server answer 304 when the report has not changed.
    func conditionalHeaders(for name: String, url: String) -> [String] {
        guard let validators = reports[name], validators.url == url else { return [] }
        var headers: [String] = []
        if let etag = validators.etag { headers.append("If-None-Match: \(etag)") }
        if let lastModified = validators.lastModified { headers.append("If-Modified-Since: \(lastModified)") }
        return headers
    }

    /// Remembers the validators of a 200 response; a response without any forgets the old ones.
    mutating func record(_ response: CurlClient.Response, for name: String, url: String) {
        let etag = response.headers["etag"]
        let lastModified = response.headers["last-modified"]
        reports[name] =
            etag == nil && lastModified == nil ? nil : Validators(url: url, etag: etag, lastModified: lastModified)
    }
}

/// Writes a file whole or not at all: into a temporary file in the same folder, flushed to disk, then renamed
/// over the target, so a reader (or a crash) never sees a half-written file.
enum AtomicFile {
    struct WriteError: Error, CustomStringConvertible {
        let path: String
        let reason: String

        init(_ path: String) {
            self.path = path
            self.reason = String(cString: strerror(errno))
        }

        var description: String { "cannot write \(path): \(reason)" }
    }

    static func write(_ data: Data, to path: String) throws(WriteError) {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString).tmp").path
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError(temporary) }
        let written = data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return false }
                offset += count
            }
            return true
        }
        let flushed = written && fsync(descriptor) == 0
        let closed = close(descriptor) == 0
        guard flushed, closed else {
            let error = WriteError(temporary)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = WriteError(path)
            unlink(temporary)
            throw error
        }
    }
}
