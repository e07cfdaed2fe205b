import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A stand-in for the OMC's receiving side: a Hummingbird server on a free loopback port that records
/// every POST and answers with a chosen status.
final class PushReceiver: Sendable {
    struct Received: Sendable {
        let path: String
        let body: Data
        /// The `Authorization` header, `nil` when none was sent.
        var authorization: String? = nil
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
    }

    private let received = Mutex<[Received]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)
    let status: Int

    init(status: Int = 200) {
        self.status = status
    }

    /// Everything received so far.
    var all: [Received] { received.withLock { $0 } }

    /// Starts listening; returns the base URL.
    func start() async throws -> URL {
        let router = Router()
        let status = self.status
        router.post("**") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let authorization = request.headers[.authorization]
            received.withLock { $0.append(Received(path: request.uri.path, body: Data(body.readableBytesView), authorization: authorization)) }
            return Response(status: .init(code: status), headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: #"{"code":\#(status),"msg":"recorded"}"#)))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        // Quiet: stopping by cancellation is logged as an error by Hummingbird.
        var logger = Logger(label: "push-receiver")
        logger.logLevel = .critical
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                      onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        task.withLock { $0 = Task { try? await application.run() } }
        for await port in ports {
            guard let url = URL(string: "http://127.0.0.1:\(port)") else { break }
            return url
        }
        throw CancellationError()
    }

    /// Waits until `condition` holds for what was received, up to `timeout` seconds.
    func wait(timeout: TimeInterval = 10, until condition: ([Received]) -> Bool) async throws -> [Received] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let current = all
            if condition(current) { return current }
            try await Task.sleep(for: .milliseconds(20))
        }
        return all
    }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
    }
}
