import PluginAPI

/// What `POST /system/role` and `PUT /system/role` carry, validated.
///
/// Rights: `permissions` (this OMC's addition: permission patterns) replaces the role's patterns.
/// Without it, the ticked `menuIds` decide: each ticked page grants every action on its resource
/// (`system:user:list` on the page grants `system:user:*`).
struct RoleFields: Sendable {
    let name: String
    let key: String
    let sort: Int
    let status: String
    let remark: String
    let dataScope: String?
    let menuCheckStrictly: Bool?
    let permissions: [String]?
    let menuIDs: [String]?
    let departmentIDs: [Int64]?

    static let dataScopes = ["1", "2", "3", "4", "5"]

    init(_ body: BodyFields, menus: [MenuEntry]) throws(OMCError) {
        name = try body.requiredText("roleName", maxLength: 30)
        key = try body.requiredText("roleKey", maxLength: 100)
        guard key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." || $0 == ":") }) else {
            throw OMCError.invalid("roleKey", "must be ASCII letters, digits, '_', '-', '.' or ':'")
        }
        sort = try body.integer("roleSort", range: 0...9999) ?? 0
        status = try body.choice("status", ["0", "1"]) ?? "1"
        remark = try body.text("remark", maxLength: 500) ?? ""
        dataScope = try body.choice("dataScope", Self.dataScopes)
        menuCheckStrictly = try Self.strictness(body, "menuCheckStrictly")
        permissions = try body.texts("permissions", maxLength: 200, maxCount: 500)
        if let permissions {
            for (index, pattern) in permissions.enumerated() where PermissionPattern(pattern) == nil {
                throw OMCError.invalid("permissions[\(index)]", "'\(pattern)' is not module:resource:action (each part a name or *, optionally led by !)")
            }
        }
        menuIDs = try Self.menuIDs(body, menus: menus)
        departmentIDs = try body.ids("deptIds")
    }

    /// `menuIds`, each the id of a menu entry some enabled plugin declares.
    static func menuIDs(_ body: BodyFields, menus: [MenuEntry]) throws(OMCError) -> [String]? {
        guard body.has("menuIds") else { return nil }
        let known = Set(menus.flatMap(\.flattened).map(\.id))
        let given: [String]
        if case .array(let values)? = body.members["menuIds"] {
            given = try values.enumerated().map { index, value throws(OMCError) in
                switch value {
                case .string(let text): return text
                case .number(let number) where number == number.rounded(): return String(Int64(number))
                default: throw OMCError.invalid("menuIds[\(index)]", "must be a menu id")
                }
            }
        } else {
            throw OMCError.invalid("menuIds", "must be an array of menu ids")
        }
        guard given.count <= 1000 else { throw OMCError.invalid("menuIds", "at most 1000 menu ids") }
        for (index, id) in given.enumerated() where !known.contains(id) {
            throw OMCError.invalid("menuIds[\(index)]", "no enabled plugin has the menu entry '\(id)'")
        }
        return Array(Set(given)).sorted()
    }

    /// `"1"`/`"0"` or `true`/`false`.
    static func strictness(_ body: BodyFields, _ name: String) throws(OMCError) -> Bool? {
        switch body.members[name] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case .string("1")?, .number(1)?: return true
        case .string("0")?, .number(0)?: return false
        default: return try body.flag(name)
        }
    }

    /// The patterns the ticked pages grant.
    static func permissions(forMenus ids: [String], menus: [MenuEntry]) -> [String] {
        let ticked = Set(ids)
        var patterns: [String] = []
        for entry in menus.flatMap(\.flattened) where ticked.contains(entry.id) {
            guard let permission = entry.permission else { continue }
            let parts = permission.split(separator: ":")
            guard parts.count == 3 else { continue }
            let pattern = "\(parts[0]):\(parts[1]):*"
            if !patterns.contains(pattern) { patterns.append(pattern) }
        }
        return patterns
    }
}
