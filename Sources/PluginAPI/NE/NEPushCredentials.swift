/// How an NE proves that an alarm or KPI report it pushes is its own: each registered NE holds a
/// push credential the OMC issued for it, and sends it on every push as `Authorization: NE <credential>`.
/// The host keeps only a hash of each credential; the text is shown once, when it is issued.
///
/// A route that NEs call (alarms, KPI reports) is declared ``Permission/open`` and starts with
/// ``authenticate(_:neType:)``; a refusal changes nothing, is logged by the host and answered with a
/// precise message that never repeats what the caller sent.
public protocol NEPushCredentials: Sendable {
    /// The registered NE of type `neType` (the route's `elementType`) that sent `request`. Throws
    /// ``OMCError`` of kind `unauthenticated` when no credential or an unknown one is sent, and of kind
    /// `forbidden` when the credential belongs to an NE of another type or to an NE no longer registered.
    func authenticate(_ request: OMCRequest, neType: String) async throws(OMCError) -> NetworkElement

    /// Issues a new push credential for `element` and returns its text, the only copy there will be.
    /// Any credential the NE held before stops working at once (rotation).
    func issue(for element: NetworkElement) async throws -> String

    /// Withdraws the push credential of the NE `neType`/`neID`, if it has one (the NE was removed).
    func revoke(neType: String, neID: String) async throws
}

/// Push credentials for a host that keeps none (a context assembled without a host): every push is refused.
public struct UnavailablePushCredentials: NEPushCredentials {
    /// The refusing service.
    public init() {}

    /// Always refuses: there is nothing to check a credential against.
    public func authenticate(_ request: OMCRequest, neType: String) async throws(OMCError) -> NetworkElement {
        throw OMCError(.unauthenticated, "NE pushes cannot be authenticated: this host keeps no NE push credentials")
    }

    /// Always fails: there is nowhere to keep a credential.
    public func issue(for element: NetworkElement) async throws -> String {
        throw OMCError(.internal, "NE pushes cannot be authenticated: this host keeps no NE push credentials")
    }

    /// Nothing to withdraw.
    public func revoke(neType: String, neID: String) async throws {}
}
