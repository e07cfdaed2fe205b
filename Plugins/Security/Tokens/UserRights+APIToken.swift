/// A token's rights are the intersection of its owner's current rights and its own patterns,
/// computed at each use, so a token never does more than its owner can do now.
extension UserRights {
    /// These rights, narrowed to what `scope` also permits. Each role keeps only the overlap of its
    /// grants with the token's grants, and gains the token's denials: a concrete permission passes
    /// when one grant of each matches it and no denial of either does. Never "must change password":
    /// a token is made by a user who had changed it, and a script cannot change it interactively.
    func limited(to scope: [PermissionPattern]) -> UserRights {
        let scopeGrants = scope.filter { !$0.denies }
        let scopeDenials = scope.filter(\.denies)
        let narrowed = roles.map { role in
            let grants = role.patterns.filter { !$0.denies }.flatMap { grant in scopeGrants.compactMap { grant.overlap($0) } }
            return RoleRights(roleKey: role.roleKey, patterns: grants + role.patterns.filter(\.denies) + scopeDenials)
        }
        return UserRights(roles: narrowed, mustChangePassword: false)
    }
}

extension PermissionPattern {
    /// The grant that matches exactly what both grants match, or `nil` when they share nothing
    /// (`udm:*:query` and `*:sub:*` overlap in `udm:sub:query`; `udm:*:*` and `pcf:*:*` do not).
    func overlap(_ other: PermissionPattern) -> PermissionPattern? {
        var parts: [String] = []
        for (mine, theirs) in zip(self.parts, other.parts) {
            if mine == "*" { parts.append(String(theirs)) } else if theirs == "*" || theirs == mine { parts.append(String(mine)) } else { return nil }
        }
        return PermissionPattern(parts.joined(separator: ":"))
    }
}
