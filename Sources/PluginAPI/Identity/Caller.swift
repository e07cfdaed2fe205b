/// The operator behind a request or an MML command, as the identity plugin authenticated them.
public struct Caller: Sendable, Hashable {
    /// The account's id.
    public let userID: String
    /// The login name.
    public let userName: String
    /// The department, for the operation log and data scopes.
    public let departmentName: String?
    /// Role keys (`admin`, `operator`, …).
    public let roles: [String]
    /// The session (token) id; lets a plugin end or list sessions.
    public let sessionID: String?
    /// The name of the API token the caller authenticated with; `nil` for an interactive session.
    public let tokenName: String?

    /// A caller.
    public init(userID: String, userName: String, departmentName: String? = nil, roles: [String] = [], sessionID: String? = nil,
                tokenName: String? = nil) {
        self.userID = userID
        self.userName = userName
        self.departmentName = departmentName
        self.roles = roles
        self.sessionID = sessionID
        self.tokenName = tokenName
    }

    /// Who did it, as the operation log records it: the login name, followed by the API token's
    /// name when the caller used one (`ops (token: nightly-export)`).
    public var auditName: String {
        tokenName.map { "\(userName) (token: \($0))" } ?? userName
    }
}
