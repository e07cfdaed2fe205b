import AsyncHTTPClient
import Foundation
import NIOCore
import PluginAPI

/// The southbound client behind ``PluginAPI/NEGateway``: AsyncHTTPClient with a connection pool
/// (connections reused, at most `connectionsPerNE` at once to one NE), a deadline on every request
/// covering connect, answer and body, and failures turned into messages that name the NE. NEs named
/// in `server.neTLS` are reached over HTTPS, their certificates verified against the site's CA.
final class HostNEGateway: NEGateway {
    /// The largest NE answer read into memory.
    static let maximumAnswerBytes = 64 * 1024 * 1024

    private let client: HTTPClient
    private let defaultTimeout: Duration
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
        do {
            let answer = try await valueWithin(timeout) {
                let response = try await client.execute(outgoing, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
                let body = try await response.body.collect(upTo: Self.maximumAnswerBytes)
                return NEResponse(status: Int(response.status.code), body: Array(buffer: body))
            }
            guard let answer else {
                throw OMCError(.neTimeout, "NE \(element.key) (\(element.ip):\(element.port)) did not answer within \(timeout.milliseconds) ms")
            }
            return answer
        } catch let error as OMCError {
            throw error
        } catch {
            throw await explain(error, element: element, timeout: timeout)
        }
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
            guard let chunks = FileChunks(path: path) else {
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
        return Self.describe(error, element: element, timeout: timeout)
    }

    /// Words an operator understands for what went wrong on the way to an NE.
    static func describe(_ error: any Error, element: NetworkElement, timeout: Duration) -> OMCError {
        let address = "NE \(element.key) (\(element.ip):\(element.port))"
        let text = String(describing: error)
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .getConnectionFromPoolTimeout:
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

    /// Closes pooled connections.
    func shutdown() async {
        try? await client.shutdown()
    }
}

extension Duration {
    var milliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
