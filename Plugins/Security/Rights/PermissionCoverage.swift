/// Decides, pattern against pattern, whether what a role gives (its grants less its own denials)
/// is all within a user's rights (each of their roles' grants less that role's denials), and
/// otherwise names one permission the role gives that the user cannot exercise.
///
/// Names are unbounded, so the check cannot list every permission. It does not need to: at each
/// of the three positions, a name that no pattern still in play spells out is matched only by
/// `*`, so all such names behave alike and one stand-in (``Segment/other``) speaks for them.
/// Walking the positions in turn, keeping only the patterns that match the names chosen so far,
/// visits every distinct case once, which makes the answer exact and the work about the size of
/// the patterns' prefix tree.
enum PermissionCoverage {
    /// One part of a permission: a name, or any name that no pattern in play spells out.
    enum Segment: Hashable, Sendable, CustomStringConvertible {
        case name(Substring)
        case other

        var description: String {
            switch self {
            case .name(let name): String(name)
            case .other: "<other>"
            }
        }
    }

    /// A permission the role gives and the user does not hold.
    struct Uncovered: Sendable, CustomStringConvertible {
        /// Module, resource and action; ``Segment/other`` stands for any name the patterns do not spell out.
        let segments: [Segment]
        /// The role's grant that gives it.
        let grant: PermissionPattern
        /// A denial of the user's that takes it away from a role that would otherwise give it, if any.
        let deniedBy: PermissionPattern?

        var description: String { segments.map(\.description).joined(separator: ":") }
    }

    /// The first permission `role` gives that `rights` do not, or `nil` when `rights` cover the whole role.
    static func firstUncovered(_ role: [PermissionPattern], by rights: UserRights) -> Uncovered? {
        let grants = role.filter { !$0.denies }
        guard !grants.isEmpty else { return nil }
        let inPlay = role + rights.roles.flatMap(\.patterns)
        var chosen: [Segment] = []
        return search(position: 0, chosen: &chosen, inPlay: inPlay, grants: grants, role: role, rights: rights)
    }

    private static func search(position: Int, chosen: inout [Segment], inPlay: [PermissionPattern], grants: [PermissionPattern],
                               role: [PermissionPattern], rights: UserRights) -> Uncovered? {
        if position == 3 { return check(chosen, role: role, rights: rights) }
        for segment in candidates(at: position, inPlay: inPlay, grants: grants) {
            chosen.append(segment)
            defer { chosen.removeLast() }
            let stillInPlay = inPlay.filter { matches($0.parts[position], segment) }
            let grantsLeft = grants.filter { matches($0.parts[position], segment) }
            if let found = search(position: position + 1, chosen: &chosen, inPlay: stillInPlay, grants: grantsLeft, role: role, rights: rights) {
                return found
            }
        }
        return nil
    }

    /// The names at `position` worth trying: those the role's remaining grants can give, each spelled-out
    /// name of a pattern in play once, and the stand-in for every other name when a grant has `*` there.
    /// Spelled-out names come first, so that a refusal names a real permission where one exists.
    private static func candidates(at position: Int, inPlay: [PermissionPattern], grants: [PermissionPattern]) -> [Segment] {
        let wildcard = grants.contains { $0.parts[position] == "*" }
        var seen = Set<Substring>()
        var names: [Segment] = []
        for pattern in wildcard ? inPlay : grants {
            let part = pattern.parts[position]
            if part != "*", seen.insert(part).inserted { names.append(.name(part)) }
        }
        return wildcard ? names + [.other] : names
    }

    private static func check(_ permission: [Segment], role: [PermissionPattern], rights: UserRights) -> Uncovered? {
        guard let grant = role.first(where: { !$0.denies && covers($0, permission) }),
              !role.contains(where: { $0.denies && covers($0, permission) }) else { return nil }
        var deniedBy: PermissionPattern?
        for held in rights.roles where held.patterns.contains(where: { !$0.denies && covers($0, permission) }) {
            guard let denial = held.patterns.first(where: { $0.denies && covers($0, permission) }) else { return nil }
            deniedBy = deniedBy ?? denial
        }
        return Uncovered(segments: permission, grant: grant, deniedBy: deniedBy)
    }

    /// Whether `pattern` covers the permission made of `segments`.
    static func covers(_ pattern: PermissionPattern, _ segments: [Segment]) -> Bool {
        zip(pattern.parts, segments).allSatisfy { matches($0, $1) }
    }

    private static func matches(_ part: Substring, _ segment: Segment) -> Bool {
        switch segment {
        case .name(let name): part == "*" || part == name
        case .other: part == "*"
        }
    }
}
