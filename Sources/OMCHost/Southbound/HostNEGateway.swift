import AsyncHTTPClient
import Foundation
import NIOCore
import PluginAPI
import Synchronization
import NIOHTTP1

/// The southbound client behind ``PluginAPI/NEGateway``: AsyncHTTPClient with a connection pool
/// (connections reused, at most `connectionsPerNE` at once to one NE), a deadline on every request
/// covering the wait for a free connection, connect, answer and body, and failures turned into
/// messages that name the NE, the deadline that applied and what the request was waiting for. NEs
/// named in `server.neTLS` are reached over HTTPS, their certificates verified against the site's CA.
///
/// Each NE has its own connections and its own queue (``NEConnectionSlots``): a slow NE holds only
/// its own, and a request queued behind its earlier requests fails within its own deadline.
final class HostNEGateway: NEGateway {
    /// The largest NE answer read into memory.
    static let maximumAnswerBytes = 64 * 1024 * 1024

    private let client: HTTPClient
    private let defaultTimeout: Duration
    private let slots: NEConnectionSlots
    private let directory: (any NEDirectory)?
    /// The directory plugin's context; set once contexts exist, which need this gateway first.
    private let directoryContext: LateBound<PluginContext>
    private let trust: NETrust?

    init(directory: (any NEDirectory)?, directoryContext: LateBound<PluginContext>, defaultTimeout: Duration, connectionsPerNE: Int,
         trust: NETrust?) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connectionsPerNE)
        // A refused connection is reported at once, not retried until the deadline: an operator
        // must see "refused" rather than a timeout, and ALL must not wait on a dead NE.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout = .init(connect: .milliseconds(Int64(defaultTimeout.milliseconds)))
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.defaultTimeout = defaultTimeout
        slots = NEConnectionSlots(capacity: connectionsPerNE)
        self.directory = directory
        self.directoryContext = directoryContext
        self.trust = trust
    }

    func element(type: String, id: String) async throws -> NetworkElement? {
        let (directory, context) = try registry()
        return try await directory.element(type: type.uppercased(), id: id, context)
    }

    func elements(type: String?) async throws -> [NetworkElement] {
        let (directory, context) = try registry()
        return try await directory.elements(type: type?.uppercased(), context)
    }

    private func registry() throws(OMCError) -> (any NEDirectory, PluginContext) {
        guard let directory, let context = directoryContext.value else {
            throw OMCError(.notFound, "no NE registry is enabled: enable the plugin that keeps it (the bundled 'ne' plugin) in plugins.yaml")
        }
        return (directory, context)
    }

    func send(_ request: NERequest, to element: NetworkElement) async throws -> NEResponse {
        let timeout = request.timeout ?? defaultTimeout
        let outgoing = try makeRequest(request, to: element)
        let client = self.client
        let slots = self.slots
        let key = "\(element.ip):\(element.port)"
        let progress = RequestProgress()
        let started = ContinuousClock.now
        do {
            let answer = try await valueWithin(timeout) {
                guard await slots.acquire(key) else { throw CancellationError() }
                defer { slots.release(key) }
                let remaining = timeout - progress.connectionFound(after: ContinuousClock.now - started)
                let response = try await client.execute(outgoing, timeout: .nanoseconds(max(1, Int64(remaining.nanoseconds))))
                let body = try await response.body.collect(upTo: Self.maximumAnswerBytes)
                return NEResponse(status: Int(response.status.code), body: Array(buffer: body))
            }
            guard let answer else { throw timedOut(element, timeout: timeout, waited: progress.waited) }
            return answer
        } catch let error as OMCError {
            throw error
        } catch {
            if Self.isDeadline(error) { throw timedOut(element, timeout: timeout, waited: progress.waited) }
            throw await explain(error, element: element, timeout: timeout)
        }
    }

    /// The timeout of a request with deadline `timeout`: while it was still waiting for a free
    /// connection (`waited` is `nil`), or while waiting for the NE's answer.
    private func timedOut(_ element: NetworkElement, timeout: Duration, waited: Duration?) -> OMCError {
        let address: LocalizedMessage = "NE \(element.key) (\(element.ip):\(element.port))"
        guard let waited else {
            return OMCError(.neTimeout, "\(address) could not be asked within \(timeout.milliseconds) ms: all \(slots.capacity) connections to it "
                + "stayed busy with earlier requests (server.neConnectionsPerNE) for the whole deadline of this request")
        }
        // A wait is worth naming when it took a real share of the deadline, not a scheduling moment.
        let queued: LocalizedMessage = waited >= max(.milliseconds(10), timeout / 10)
            ? "; \(waited.milliseconds) ms of it went waiting for a free connection to it" : ""
        return OMCError(.neTimeout, "\(address) did not answer within \(timeout.milliseconds) ms\(queued)")
    }

    /// Whether AsyncHTTPClient gave up because the request's own deadline passed.
    private static func isDeadline(_ error: any Error) -> Bool {
        guard let clientError = error as? HTTPClientError else { return error is CancellationError }
        return clientError == .deadlineExceeded || clientError == .readTimeout
    }

    func stream(_ request: NERequest, to element: NetworkElement) async throws -> NEStreamedResponse {
        let timeout = request.timeout ?? defaultTimeout
        let outgoing = try makeRequest(request, to: element)
        let response: HTTPClientResponse
        do {
            // AsyncHTTPClient's deadline ends when the head arrives; the reader times each chunk.
            response = try await client.execute(outgoing, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
        } catch {
            throw await explain(error, element: element, timeout: timeout)
        }
        let reader = NEBodyReader(body: response.body, element: element, chunkTimeout: timeout)
        return NEStreamedResponse(status: Int(response.status.code),
                                  contentLength: response.headers.first(name: "Content-Length").flatMap { Int($0) },
                                  contentType: response.headers.first(name: "Content-Type"),
                                  body: NEBodyStream { try await reader.next() })
    }

    private func makeRequest(_ request: NERequest, to element: NetworkElement) throws(OMCError) -> HTTPClientRequest {
        let host = element.ip.contains(":") ? "[\(element.ip)]" : element.ip
        var components = URLComponents()
        components.queryItems = request.query.isEmpty ? nil : request.query.map { URLQueryItem(name: $0.name, value: $0.value) }
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        let tls = trust?.configuration(for: element)
        var outgoing = HTTPClientRequest(url: "\(tls == nil ? "http" : "https")://\(host):\(element.port)\(request.path)\(query)")
        outgoing.tlsConfiguration = tls
        outgoing.method = .init(rawValue: request.method.rawValue)
        outgoing.headers.add(name: "User-Agent", value: "OMC")
        outgoing.headers.add(name: "Accept", value: "application/json")
        if let contentType = request.contentType { outgoing.headers.add(name: "Content-Type", value: contentType) }
        switch request.body {
        case .empty:
            break
        case .bytes(let bytes):
            outgoing.body = .bytes(ByteBuffer(bytes: bytes))
        case .file(let path, let size):
            guard let chunks = FileChunks(path: path, sent: request.bodySent) else {
                throw OMCError(.internal, "cannot read \(path) to send it to NE \(element.key)")
            }
            outgoing.body = .stream(chunks, length: .known(Int64(size)))
        }
        return outgoing
    }

    /// Words an operator understands for what went wrong on the way to an NE, a failed certificate
    /// verification included.
    private func explain(_ error: any Error, element: NetworkElement, timeout: Duration) async -> OMCError {
        if let trust, let failure = await trust.explain(error, element: element, timeout: timeout) { return failure }
        return Self.describe(error, element: element, timeout: timeout, connectTimeout: defaultTimeout)
    }

    /// Words an operator understands for what went wrong on the way to an NE.
    /// `connectTimeout` is AsyncHTTPClient's bound on connecting and on waiting for a pooled connection.
    static func describe(_ error: any Error, element: NetworkElement, timeout: Duration, connectTimeout: Duration? = nil) -> OMCError {
        let connectBound: LocalizedMessage = connectTimeout == nil ? "within the connect timeout (server.neTimeoutMilliseconds)"
            : "within \(connectTimeout?.milliseconds ?? 0) ms (the connect timeout, server.neTimeoutMilliseconds)"
        let address: LocalizedMessage = "NE \(element.key) (\(element.ip):\(element.port))"
        let text = String(describing: error)
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .connectTimeout:
                return OMCError(.neTimeout, "\(address) accepted no connection \(connectBound)")
            case .getConnectionFromPoolTimeout:
                return OMCError(.neTimeout, "\(address): no connection to it became free \(connectBound); earlier requests hold all of them")
            case .deadlineExceeded, .readTimeout:
                return OMCError(.neTimeout, "\(address) did not answer within \(timeout.milliseconds) ms")
            case .remoteConnectionClosed:
                return OMCError(.neFailure, "\(address) closed the connection before answering completely")
            default:
                break
            }
        }
        if error is NIOTooManyBytesError {
            return OMCError(.neFailure, "\(address) answered more than \(maximumAnswerBytes) bytes")
        }
        if text.contains("refused") || text.contains("errno: 111") || text.contains("(111)") {
            return OMCError(.neFailure, "\(address) refused the connection")
        }
        if error is CancellationError { return OMCError(.neTimeout, "\(address) did not answer within \(timeout.milliseconds) ms") }
        return OMCError(.neFailure, "\(address) is unreachable: \(text)")
    }

    /// How far one request got: `waited` is how long it waited for a free connection, `nil` while
    /// it still waits. Written by the request's task, read after its deadline cancelled it.
    private final class RequestProgress: Sendable {
        private let state = Mutex<Duration?>(nil)

        /// Notes that a connection was found after `wait`; returns `wait`.
        func connectionFound(after wait: Duration) -> Duration {
            state.withLock { $0 = wait }
            return wait
        }

        var waited: Duration? { state.withLock { $0 } }
    }

    /// Closes pooled connections.
    func shutdown() async {
        try? await client.shutdown()
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
