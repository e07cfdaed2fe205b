/// The OMC's southbound client, as plugins use it: find registered NEs and talk to them. The host
/// reuses connections, bounds concurrency per NE and enforces timeouts; a plugin never builds URLs.
public protocol NEGateway: Sendable {
    /// The registered NE of `type` with id `id`, or `nil`. Throws when no NE registry is enabled.
    func element(type: String, id: String) async throws -> NetworkElement?
    /// Every registered NE of `type`, or all of them when `type` is `nil`.
    func elements(type: String?) async throws -> [NetworkElement]
    /// Sends `request` to `element` and returns its answer, whatever its HTTP status. A refused
    /// connection, a broken answer or a timeout throws ``OMCError`` of kind `neFailure` or `neTimeout`
    /// whose message names the NE.
    func send(_ request: NERequest, to element: NetworkElement) async throws -> NEResponse
    /// Sends `request` to `element` and returns as soon as its status and headers arrive; the body is
    /// read from ``NEStreamedResponse/body`` as the NE sends it, so memory stays flat whatever its
    /// size. The request's timeout bounds the wait for the answer's head and for each chunk, not the
    /// whole transfer. Failures are reported as ``send(_:to:)`` reports them.
    func stream(_ request: NERequest, to element: NetworkElement) async throws -> NEStreamedResponse
}
