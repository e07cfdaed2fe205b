/// Decides who is calling. At most one enabled plugin provides it (the Security plugin).
public protocol Authenticator: Sendable {
    /// The caller these credentials belong to; `nil` when there are none; throws ``OMCError`` of kind
    /// `unauthenticated` when they are invalid, expired or revoked.
    func authenticate(_ credentials: Credentials, _ context: PluginContext) async throws -> Caller?
}

/// Decides whether a caller holds a permission. At most one enabled plugin provides it.
public protocol Authorizer: Sendable {
    /// Whether `caller` holds `permission` (`udm:sub:add`).
    func isPermitted(_ caller: Caller, _ permission: String, _ context: PluginContext) async throws -> Bool
}

/// Receives every operation-log entry the host writes. Several plugins may provide one.
public protocol OperationLogSink: Sendable {
    /// Stores one entry. Failures are logged by the host and never fail the operation itself.
    func record(_ entry: OperationRecord, _ context: PluginContext) async throws
}
