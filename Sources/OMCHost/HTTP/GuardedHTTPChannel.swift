import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// Hummingbird's HTTP/1 channel with what every connection gets first: the cap on open connections
/// (a connection past it is closed as it is accepted), TLS with the certificate current at accept
/// time, and the deadline for the request head (``HeaderDeadlineHandler``).
struct GuardedHTTPChannel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = HTTP1Channel.Value

    let base: HTTP1Channel
    let certificates: ServerCertificates?
    let connections: ConnectionCounter
    let headerTimeout: TimeAmount

    var responder: HTTPChannelHandler.Responder { base.responder }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard connections.open() else {
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        let connections = self.connections
        channel.closeFuture.whenComplete { _ in connections.closed() }
        let headerTimeout = self.headerTimeout
        let context = certificates?.context
        return channel.eventLoop.makeCompletedFuture {
            if let context { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context)) }
            try channel.pipeline.syncOperations.addHandler(HeaderDeadlineHandler(timeout: headerTimeout))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }.flatMapThrowing { value in
            // The head is complete once NIO's decoder has it; the observer sits right after the decoder.
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(RequestHeadObserver(), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// A connection refused because ``ServerSettings/maxConnections`` are open.
struct ConnectionLimitReached: Error, CustomStringConvertible {
    var description: String { "connection closed at accept: the limit of open connections is reached" }
}
