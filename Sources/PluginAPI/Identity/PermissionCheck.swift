/// Tells a handler whether its caller holds a further permission, for rights finer than the one the
/// route or MML command declares: seeing Ki and OPc in clear, exporting secrets, acting on other
/// operators' data.
///
/// Without an identity plugin every permission is held, exactly as every route is then open.
public struct PermissionCheck: Sendable {
    private let check: @Sendable (String) async throws -> Bool

    /// A check that asks `check` (the host builds these from the identity plugin's authorizer).
    public init(_ check: @escaping @Sendable (_ permission: String) async throws -> Bool) {
        self.check = check
    }

    /// Every permission held: what the host uses when no identity plugin is enabled.
    public static let everything = PermissionCheck { _ in true }

    /// Whether the caller holds `permission` (`module:resource:action`, `udm:auth:secret`).
    public func holds(_ permission: String) async throws -> Bool {
        try await check(permission)
    }
}
