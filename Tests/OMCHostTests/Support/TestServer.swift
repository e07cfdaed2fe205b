import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
@testable import OMCHost
import PluginAPI
import NIOHTTP1

/// The OMC's real HTTP stack in this process, with the inventory and keyring fixtures, serving the
/// `server:` lines given (indented by two spaces under `server:`).
struct TestServer {
    let server: RunningServer
    let folder: URL

    static func start(_ serverLines: [String] = []) async throws -> TestServer {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-http-\(UUID().uuidString)")
        let file = try PluginsFile.parse("""
            server:
              port: 0
              dataDir: \(folder.path)
            \(serverLines.map { "  " + $0 }.joined(separator: "\n"))
            plugins:
              - id: inventory
              - id: keyring
            """, path: "plugins.yaml")
        let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([InventoryPlugin.self, KeyringPlugin.self]))
        let runtime = try await HostRuntime.boot(assembly: assembly, database: try HostDatabase.open(directory: folder.path),
                                                 clock: SystemClock(), logSink: LogSink(level: .error) { _, _, _ in })
        do {
            return TestServer(server: try await RunningServer.start(runtime), folder: folder)
        } catch {
            await runtime.shutdown()
            throw error
        }
    }

    var port: Int { server.port }
    var baseURL: String { server.baseURL }

    func stop() async throws {
        try await server.stop()
        try? FileManager.default.removeItem(at: folder)
    }
}

/// An HTTPS client trusting only the CA certificates of `caFile`, host names verified, for a
/// single use; `maximumVersion` lets a test offer an old protocol.
struct TLSClient {
    let client: HTTPClient

    init(caFile: String, maximumVersion: TLSVersion? = nil) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        tls.certificateVerification = .fullVerification
        if let maximumVersion {
            tls.minimumTLSVersion = .tlsv1
            tls.maximumTLSVersion = maximumVersion
        }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.connectionPool = .init(idleTimeout: .seconds(1), concurrentHTTP1ConnectionsPerHostSoftLimit: 1)
        // A refused handshake fails the request at once instead of being retried until the deadline.
        configuration.connectionPool.retryConnectionEstablishment = false
        // Every request opens a new connection, so a reloaded certificate is seen at once.
        configuration.maximumUsesPerConnection = 1
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// GET `url`; status, headers (lower-cased names) and body.
    func get(_ url: String, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: String) {
        var request = HTTPClientRequest(url: url)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await client.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return (Int(response.status.code), fields, String(buffer: body))
    }

    func shutdown() async {
        try? await client.shutdown()
    }
}

/// A plain TCP connection driven byte by byte, to play clients that misbehave. Blocking socket
/// calls run on a dispatch queue, never on the cooperative pool the server answers on.
struct RawConnection: Sendable {
    let descriptor: Int32

    /// Connects to 127.0.0.1:`port`.
    static func open(port: Int) throws -> RawConnection {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, connected == 0 else {
            if descriptor >= 0 { Glibc.close(descriptor) }
            throw RawConnectionError.cannotConnect(errno)
        }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return RawConnection(descriptor: descriptor)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Closes the sending side: the server reads the end of the stream.
    func finishSending() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Reads until the server closes the connection or `timeout` seconds pass: what was read,
    /// whether the server closed it, and after how many seconds.
    func readUntilClosed(timeout: Double, stopAfterResponse: Bool = false) async -> (text: String, closed: Bool, seconds: Double) {
        let descriptor = self.descriptor
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let start = Date()
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 4096)
                while Date().timeIntervalSince(start) < timeout {
                    let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                    if count > 0 {
                        received += buffer[..<count]
                        if stopAfterResponse, Self.holdsCompleteResponse(received) {
                            continuation.resume(returning: (String(decoding: received, as: UTF8.self), false, Date().timeIntervalSince(start)))
                            return
                        }
                    } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                        continuation.resume(returning: (String(decoding: received, as: UTF8.self), true, Date().timeIntervalSince(start)))
                        return
                    }
                }
                continuation.resume(returning: (String(decoding: received, as: UTF8.self), false, Date().timeIntervalSince(start)))
            }
        }
    }

    func close() {
        Glibc.close(descriptor)
    }

    /// Whether `bytes` hold a response head and as many body bytes as its Content-Length says.
    private static func holdsCompleteResponse(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headEnd = text.range(of: "\r\n\r\n") else { return false }
        let head = text[..<headEnd.lowerBound].lowercased()
        guard let line = head.split(separator: "\r\n").first(where: { $0.hasPrefix("content-length:") }),
              let length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else { return true }
        return text[headEnd.upperBound...].utf8.count >= length
    }
}

enum RawConnectionError: Error {
    case cannotConnect(Int32)
}
