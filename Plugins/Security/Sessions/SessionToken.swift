import Foundation
import JWTKit

/// The claims of a session token, named as in the API document's example token
/// (`{"login_key": …, "user_id": "1", "iat": …, "exp": …}`).
struct SessionToken: JWTPayload {
    /// The session's id: the online list's `tokenId`, the key of `security_session`.
    let loginKey: String
    let userID: String
    let issuedAt: IssuedAtClaim
    let expiration: ExpirationClaim

    enum CodingKeys: String, CodingKey {
        case loginKey = "login_key"
        case userID = "user_id"
        case issuedAt = "iat"
        case expiration = "exp"
    }

    /// The signature is checked by jwt-kit; expiry is checked by ``SessionVerifier`` against the
    /// OMC's clock rather than the wall clock, so that tests can move time.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
