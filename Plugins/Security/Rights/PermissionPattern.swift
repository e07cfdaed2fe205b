/// A permission a role grants or denies: `module:resource:action`, each part a name or `*`
/// (`*:*:*` is everything, `*:*:query` every read). A leading `!` denies within its role
/// (`!system:*:*`): a role permits what one of its grants matches and none of its denials does.
struct PermissionPattern: Sendable, Hashable {
    let parts: [Substring]
    let denies: Bool

    /// `nil` when `text` is not a well-formed pattern.
    init?(_ text: String) {
        let denies = text.hasPrefix("!")
        let body = denies ? String(text.dropFirst()) : text
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ part in
            !part.isEmpty && (part == "*" || part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }) else { return nil }
        self.parts = parts
        self.denies = denies
    }

    /// Whether the pattern covers `permission` (itself a plain `module:resource:action`).
    func matches(_ permission: RequiredPermission) -> Bool {
        (parts[0] == "*" || parts[0] == permission.module) && (parts[1] == "*" || parts[1] == permission.resource)
            && (parts[2] == "*" || parts[2] == permission.action)
    }

    var text: String { (denies ? "!" : "") + parts.joined(separator: ":") }
}

/// A permission being checked, split into its three parts without allocating (it is split on every
/// authorized request).
struct RequiredPermission {
    let module: Substring
    let resource: Substring
    let action: Substring

    /// `nil` unless `text` has exactly three `:`-separated parts. Searches the UTF-8 bytes: a
    /// `Character` search would run grapheme breaking on every request.
    init?(_ text: String) {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let afterFirst = bytes.index(after: first)
        guard let second = bytes[afterFirst...].firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let afterSecond = bytes.index(after: second)
        guard !bytes[afterSecond...].contains(UInt8(ascii: ":")) else { return nil }
        module = text[..<first]
        resource = text[afterFirst..<second]
        action = text[afterSecond...]
    }
}

/// The rights of one role: its grants and its denials.
struct RoleRights: Sendable {
    let roleKey: String
    let patterns: [PermissionPattern]

    func permits(_ permission: RequiredPermission) -> Bool {
        patterns.contains { !$0.denies && $0.matches(permission) } && !patterns.contains { $0.denies && $0.matches(permission) }
    }
}

/// Everything the authorizer needs to know about one user, cached by ``SecurityState``.
struct UserRights: Sendable {
    let roles: [RoleRights]
    /// Set for a first-start or reset password: only the password change and one's own profile work.
    let mustChangePassword: Bool

    func permits(_ permission: String) -> Bool {
        guard let required = RequiredPermission(permission) else { return false }
        return roles.contains { $0.permits(required) }
    }

    /// The permission strings `getInfo` reports: every grant of every role.
    var grantedPatterns: [String] {
        var seen = Set<String>()
        return roles.flatMap(\.patterns).filter { !$0.denies }.map(\.text).filter { seen.insert($0).inserted }
    }
}
