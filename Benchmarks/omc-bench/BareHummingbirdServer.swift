import Hummingbird

/// The baseline: Hummingbird with one route and nothing else, serving the same bytes the OMC's
/// benchmark route answers.
///
/// It runs until the process exits: cancelling Hummingbird's task logs a spurious error, and a
/// graceful shutdown needs swift-service-lifecycle, which this target does not depend on.
struct BareHummingbirdServer: Sendable {
    static let path = "/ping"
    /// What the OMC's `.success(["pong": true])` encodes to, so both servers send the same payload.
    static let body = #"{"code":200,"msg":"Success","data":{"pong":true}}"#

    let port: Int

    /// Serves on a free loopback port; returns once the socket is bound.
    static func start() async throws -> BareHummingbirdServer {
        let router = Router()
        let body = ByteBuffer(string: Self.body)
        router.get(RouterPath(stringLiteral: path)) { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: body))
        }
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: "bare"),
            onServerRunning: { channel in
                if let port = channel.localAddress?.port { announce.yield(port) }
                announce.finish()
            })
        let task = Task {
            // A failure to bind ends the stream too, so the wait below cannot hang.
            defer { announce.finish() }
            try await application.run()
        }
        for await port in ports { return BareHummingbirdServer(port: port) }
        try await task.value
        throw BenchmarkError("the bare Hummingbird server stopped before listening")
    }

    var url: String { "http://127.0.0.1:\(port)\(Self.path)" }
}
