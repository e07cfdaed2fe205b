import Hummingbird

/// Hummingbird's per-request context, carrying the client's address for logs and the operation log.
struct OMCRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let clientAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }
}
