import Foundation
import Hummingbird
import Logging
import NIOCore
import PluginAPI
import Synchronization

/// A notification consumer on a free loopback port: records every POST and answers with the status
/// it is set to (a consumer that fails, then recovers).
final class NotificationReceiver: Sendable {
    private let received = Mutex<[JSONValue]>([])
    private let status: Mutex<Int>
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(status: Int = 204) {
        self.status = Mutex(status)
    }

    /// Every notification body received so far.
    var all: [JSONValue] { received.withLock { $0 } }

    /// Answers `code` from now on.
    func answer(_ code: Int) { status.withLock { $0 = code } }

    /// Starts listening; returns the port.
    func start() async throws -> Int {
        let router = Router()
        router.post("**") { [self] request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let code = status.withLock { $0 }
            if (200..<300).contains(code), let json = try? JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) {
                received.withLock { $0.append(json) }
            }
            return Response(status: .init(code: code))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "notification-receiver")
        logger.logLevel = .critical
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                      onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: logger)
        task.withLock { $0 = Task { try? await application.run() } }
        for await port in ports { return port }
        throw CancellationError()
    }

    func stop() async {
        let running = task.withLock { $0 }
        running?.cancel()
        await running?.value
    }
}
