import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Fetches the certificate an NE presents, without verifying it, to explain a failed verification.
/// Nothing is sent over the connection but the handshake.
enum NECertificateProbe {
    /// The NE's leaf certificate, or `nil` when no handshake completes within `within`.
    static func certificate(host: String, port: Int, within timeout: Duration) async -> NIOSSLCertificate? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        guard let context = try? NIOSSLContext(configuration: configuration) else { return nil }
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.nanoseconds(timeout.nanoseconds))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: nil))
                    try channel.pipeline.syncOperations.addHandler(HandshakeWatcher(promise: channel.eventLoop.makePromise()))
                }
            }
        guard let channel = try? await bootstrap.connect(host: host, port: port).get() else { return nil }
        defer { channel.close(promise: nil) }
        let handshake: EventLoopFuture<NIOSSLCertificate?>? = try? await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.handler(type: HandshakeWatcher.self).promise.futureResult
        }.get()
        guard let handshake else { return nil }
        let deadline = channel.eventLoop.scheduleTask(in: .seconds(Int64(timeout.components.seconds) + 1)) { channel.close(promise: nil) }
        defer { deadline.cancel() }
        return (try? await handshake.get()) ?? nil
    }
}

/// Completes its promise with the peer's certificate once the handshake is done, or with `nil`
/// when the connection ends first.
private final class HandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    let promise: EventLoopPromise<NIOSSLCertificate?>
    private var completed = false

    init(promise: EventLoopPromise<NIOSSLCertificate?>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            complete(try? context.pipeline.syncOperations.nioSSL_peerCertificate())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        complete(nil)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        complete(nil)
        context.fireChannelInactive()
    }

    private func complete(_ certificate: NIOSSLCertificate??) {
        guard !completed else { return }
        completed = true
        promise.succeed(certificate ?? nil)
    }
}
