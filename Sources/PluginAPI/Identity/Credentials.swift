/// What a request presents to prove who sends it.
public struct Credentials: Sendable {
    /// The token from `Authorization: Bearer <token>` or the document's `AccessToken` header.
    public let token: String?
    /// The client's IP address.
    public let clientAddress: String?
    /// The `User-Agent` header, for login logs and session lists.
    public let userAgent: String?

    /// Credentials as extracted by the host.
    public init(token: String?, clientAddress: String?, userAgent: String?) {
        self.token = token
        self.clientAddress = clientAddress
        self.userAgent = userAgent
    }
}
