public import Hummingbird
import NIOCore

/// Hummingbird's per-request context for NE and control requests; it also tells which local port the
/// request arrived on, which is the NE's port.
public struct NERequestContext: RequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// Port the request arrived on.
    public let localPort: Int?

    /// A context for a request on `source.channel`.
    public init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        localPort = source.channel.localAddress?.port
    }
}
