import FlyingFox
import FlyingSocks
import Foundation

/// A FlyingFox server on 127.0.0.1, on a port the system picks, serving one test.
/// Every request is recorded so a test can check what the client sent.
final class LocalServer: Sendable {
    private let server: HTTPServer
    private let task: Task<Void, any Error>
    private let log = RequestLog()
    /// `http://127.0.0.1:<port>/docs`: what `--from` would be.
    let base: String

    /// `routes` answers requests for `/docs/<file name>`; anything else, or nil, is a 404.
    init(
        _ routes: @escaping @Sendable (_ file: String, _ request: HTTPRequest, _ count: Int) async -> HTTPResponse?
    )
        async throws
    {
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 10, logger: .disabled)
        let log = log
        await server.appendRoute("GET /docs/:file") { request in
            let file = request.routeParameters["file"] ?? ""
            let count = await log.record(request, file: file)
            return await routes(file, request, count) ?? HTTPResponse(statusCode: .notFound)
        }
        self.server = server
        task = Task { try await server.run() }
        // Generous: on a busy two-core machine the server task may wait for a thread.
        try await server.waitUntilListening(timeout: 60)
        guard case .ip4(_, let port) = await server.listeningAddress else { throw SocketError.disconnected }
        base = "http://127.0.0.1:\(port)/docs"
    }

    /// The requests received, in order.
    var requests: [Received] { get async { await log.requests } }

    func requests(for file: String) async -> [Received] {
        await log.requests.filter { $0.file == file }
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// A request as the server saw it.
struct Received: Sendable {
    let file: String
    let headers: HTTPHeaders
}

private actor RequestLog {
    var requests: [Received] = []

    /// Returns how many requests for `file` there have been, this one included.
    func record(_ request: HTTPRequest, file: String) -> Int {
        requests.append(Received(file: file, headers: request.headers))
        return requests.count { $0.file == file }
    }
}

extension HTTPResponse {
    static func report(_ text: String, headers: HTTPHeaders = [:]) -> HTTPResponse {
        HTTPResponse(statusCode: .ok, headers: headers, body: Data(text.utf8))
    }

    /// A body sent piece by piece with `pause` between pieces. With `announcing`, the response says that
    /// many bytes (Content-Length) whatever is sent, and the connection is dropped after the last piece;
    /// without it the body is chunked.
    static func scripted(_ pieces: [Data], pause: Duration, announcing length: Int? = nil) -> HTTPResponse {
        let body = ScriptedBody(pieces: pieces.map(Array.init), pause: pause, dropAtEnd: length != nil)
        return HTTPResponse(
            statusCode: .ok,
            body: length.map { HTTPBodySequence(from: body, count: $0) } ?? HTTPBodySequence(from: body))
    }
}

/// The bytes of `pieces`, one piece at a time, sleeping `pause` before each but the first; optionally failing
/// at the end, which makes FlyingFox close the connection.
private struct ScriptedBody: AsyncBufferedSequence {
    typealias Element = UInt8

    struct Dropped: Error {}

    let pieces: [[UInt8]]
    let pause: Duration
    let dropAtEnd: Bool

    func makeAsyncIterator() -> Iterator { Iterator(body: self) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let body: ScriptedBody
        var next = 0
        var pending: ArraySlice<UInt8> = []

        mutating func next() async throws -> UInt8? {
            if pending.isEmpty { pending = try await nextPiece()?[...] ?? [] }
            return pending.popFirst()
        }

        mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
            if !pending.isEmpty {
                defer { pending = [] }
                return pending
            }
            return try await nextPiece()?[...]
        }

        private mutating func nextPiece() async throws -> [UInt8]? {
            guard next < body.pieces.count else {
                if body.dropAtEnd { throw Dropped() }
                return nil
            }
            if next > 0 { try await Task.sleep(for: body.pause) }
            next += 1
            return body.pieces[next - 1]
        }
    }
}
