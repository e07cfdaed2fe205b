/// The right a caller needs to use a route or an MML command.
public enum Permission: Sendable, Hashable, CustomStringConvertible {
    /// Anybody, without a session: login, captcha, `GET /`. Use sparingly.
    case open
    /// Any caller with a valid session, whatever their rights: logout, own profile.
    case authenticated
    /// A permission string `module:resource:action` (`udm:sub:query`) that the caller's roles must
    /// grant. Wildcards are the authorizer's business (`*:*:*` grants everything).
    case required(String)

    /// `"open"`, `"authenticated"` or the permission string.
    public var description: String {
        switch self {
        case .open: "open"
        case .authenticated: "authenticated"
        case .required(let permission): permission
        }
    }

    /// Whether `text` is a well-formed permission string: three non-empty `:`-separated parts of
    /// letters, digits, `-`, `_` or `*`.
    public static func isWellFormed(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "*" }
        }
    }
}

extension Permission: ExpressibleByStringLiteral {
    /// `"udm:sub:query"` is `.required("udm:sub:query")`.
    public init(stringLiteral value: String) {
        self = .required(value)
    }
}
