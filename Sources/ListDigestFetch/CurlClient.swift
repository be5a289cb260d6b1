import CCurl
import Foundation
import ListDigestSite

/// One HTTP GET through libcurl, made the way a careful client makes it: http and https only (redirects
/// included), TLS verified, bounded in time and size, retried a few times on 5xx and timeouts.
///
/// Each attempt runs on a thread of its own that creates, uses and frees its easy handle, so the handle
/// never crosses threads and a blocking transfer never holds a thread of Swift's cooperative pool.
public struct CurlClient: Sendable {
    public struct Options: Sendable {
        public var userAgent = "ListDigest/\(ListDigestVersion.current)"
        public var connectTimeout: Duration = .seconds(15)
        /// The whole transfer, redirects included.
        public var totalTimeout: Duration = .seconds(120)
        /// A transfer slower than `stallBytesPerSecond` for `stallTime` (whole seconds, at least 1) is abandoned.
        public var stallBytesPerSecond = 100
        public var stallTime: Duration = .seconds(30)
        /// The largest body accepted, after decompression.
        public var maxBytes = 16 << 20
        public var maxRedirects = 5
        /// Further attempts after a 5xx response or a timeout, waiting `retryDelay`, then twice as long, …
        public var retries = 2
        public var retryDelay: Duration = .seconds(2)

        public init() {}
    }

    /// The final response (after redirects).
    public struct Response: Sendable {
        public let status: Int
        /// Header names lowercased; the last value wins.
        public let headers: [String: String]
        public let body: Data
        /// How many attempts it took (1 when no retry was needed).
        public let attempts: Int
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public enum Kind: Sendable, Equatable {
            case timedOut
            /// The connection closed before the announced length arrived.
            case truncated
            case tooLarge
            /// A scheme other than http(s), in the URL or in a redirect.
            case refusedProtocol
            case tooManyRedirects
            case cancelled
            case other
        }

        public let kind: Kind
        public let message: String
        public let attempts: Int

        public var description: String {
            attempts > 1 ? "\(message) (after \(attempts) attempts)" : message
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// GETs `url`, sending `headers` (`Name: value`). A response with any status is a success; 5xx
    /// responses and timeouts are retried first, and the last one is returned.
    public func get(_ url: String, headers: [String] = []) async -> Result<Response, Failure> {
        var attempt = 1
        while true {
            let result = await attemptOnce(url, headers: headers, attempt: attempt)
            let retryable: Bool
            switch result {
            case .success(let response): retryable = response.status >= 500
            case .failure(let failure): retryable = failure.kind == .timedOut
            }
            guard retryable, attempt <= options.retries else { return result }
            do {
                try await Task.sleep(for: options.retryDelay * (1 << (attempt - 1)))
            } catch {
                return .failure(Failure(kind: .cancelled, message: "cancelled", attempts: attempt))
            }
            attempt += 1
        }
    }

    private func attemptOnce(_ url: String, headers: [String], attempt: Int) async -> Result<Response, Failure> {
        let cancellation = CancellationFlag()
        let options = options
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let thread = Thread {
                    continuation.resume(
                        returning: CurlTransfer.perform(
                            url, headers: headers, options: options, attempt: attempt, cancellation: cancellation))
                }
                thread.name = "listdigest-curl"
                thread.start()
            }
        } onCancel: {
            cancellation.cancel()
        }
    }
}

/// Set from any thread, read by the transfer's progress callback.
private final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    func cancel() { lock.withLock { cancelled = true } }
    var isCancelled: Bool { lock.withLock { cancelled } }
}

/// Runs once per process, the first time a transfer needs it.
private let curlGlobalInit: CURLcode = ld_curl_global_init_default()

/// What the C callbacks write into; lives on the stack of `perform` and is reached through `Unmanaged`.
private final class CurlTransfer {
    let maxBytes: Int
    let cancellation: CancellationFlag
    var body = Data()
    var headers: [String: String] = [:]
    var exceededLimit = false

    init(maxBytes: Int, cancellation: CancellationFlag) {
        self.maxBytes = maxBytes
        self.cancellation = cancellation
    }

    /// False stops the transfer: a chunked response announces no length, so the size is checked here too.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBytes else {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    func receiveHeader(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            // A new response starts (after a redirect or a 100 Continue): only the last one counts.
            headers = [:]
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
    }

    static func perform(
        _ url: String, headers: [String], options: CurlClient.Options, attempt: Int, cancellation: CancellationFlag
    ) -> Result<CurlClient.Response, CurlClient.Failure> {
        func failure(
            _ kind: CurlClient.Failure.Kind, _ message: String
        ) -> Result<CurlClient.Response, CurlClient.Failure> {
            .failure(CurlClient.Failure(kind: kind, message: message, attempts: attempt))
        }
        guard curlGlobalInit == CURLE_OK else { return failure(.other, "cannot initialise libcurl") }
        guard let handle = curl_easy_init() else { return failure(.other, "cannot create a libcurl handle") }
        defer { curl_easy_cleanup(handle) }
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for header in headers {
            guard let list = curl_slist_append(headerList, header) else { return failure(.other, "out of memory") }
            headerList = list
        }
        let transfer = CurlTransfer(maxBytes: options.maxBytes, cancellation: cancellation)
        let context = Unmanaged.passUnretained(transfer).toOpaque()
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        let code = errorBuffer.withUnsafeMutableBufferPointer { errorBuffer -> CURLcode in
            var setupCode = CURLE_OK
            func set(_ result: CURLcode) { if setupCode == CURLE_OK { setupCode = result } }
            set(ld_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress))
            set(ld_curl_setopt_string(handle, CURLOPT_URL, url))
            set(ld_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"))
            set(ld_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
            set(ld_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 1))
            set(ld_curl_setopt_long(handle, CURLOPT_MAXREDIRS, options.maxRedirects))
            set(ld_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1))
            set(ld_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2))
            set(ld_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1))
            set(ld_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, options.connectTimeout.milliseconds))
            set(ld_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, options.totalTimeout.milliseconds))
            set(ld_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, options.stallBytesPerSecond))
            set(
                ld_curl_setopt_long(
                    handle, CURLOPT_LOW_SPEED_TIME, max(1, (options.stallTime.milliseconds + 999) / 1000)))
            set(ld_curl_setopt_off_t(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBytes)))
            set(ld_curl_setopt_string(handle, CURLOPT_USERAGENT, options.userAgent))
            // "": every encoding this libcurl can decode (gzip, deflate, …).
            set(ld_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""))
            set(ld_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headerList)))
            set(ld_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context))
            set(
                ld_curl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION) { data, size, count, context in
                    guard let data, let context else { return 0 }
                    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                    let accepted = transfer.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
                    return accepted ? size * count : 0
                })
            set(ld_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context))
            set(
                ld_curl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION) { data, size, count, context in
                    guard let data, let context else { return 0 }
                    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                    transfer.receiveHeader(UnsafeRawBufferPointer(start: data, count: size * count))
                    return size * count
                })
            set(ld_curl_setopt_long(handle, CURLOPT_NOPROGRESS, 0))
            set(ld_curl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context))
            set(
                ld_curl_setopt_xferinfo_function(handle) { context, _, _, _, _ in
                    guard let context else { return 0 }
                    let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
                    return transfer.cancellation.isCancelled ? 1 : 0
                })
            guard setupCode == CURLE_OK else { return setupCode }
            return curl_easy_perform(handle)
        }
        withExtendedLifetime(transfer) {}

        guard code == CURLE_OK else {
            let detail = String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            switch code {
            case CURLE_OPERATION_TIMEDOUT: return failure(.timedOut, "timed out: \(message)")
            case CURLE_PARTIAL_FILE: return failure(.truncated, "incomplete download: \(message)")
            case CURLE_FILESIZE_EXCEEDED: return failure(.tooLarge, "larger than \(options.maxBytes) bytes")
            case CURLE_WRITE_ERROR where transfer.exceededLimit:
                return failure(.tooLarge, "larger than \(options.maxBytes) bytes")
            case CURLE_UNSUPPORTED_PROTOCOL: return failure(.refusedProtocol, "refused: \(message)")
            case CURLE_TOO_MANY_REDIRECTS: return failure(.tooManyRedirects, message)
            case CURLE_ABORTED_BY_CALLBACK where cancellation.isCancelled: return failure(.cancelled, "cancelled")
            default: return failure(.other, message)
            }
        }
        var status = 0
        _ = ld_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(
            CurlClient.Response(status: status, headers: transfer.headers, body: transfer.body, attempts: attempt))
    }
}

extension Duration {
    /// Whole milliseconds, for libcurl's `long` options.
    fileprivate var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }
}
