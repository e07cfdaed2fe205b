import PluginAPI

/// The shapes of the administration routes' inputs, as the host checks them and the OpenAPI
/// document shows them, in ``BodyFields``' own words: the document's clients send ids and numbers
/// as strings or numbers, so these shapes are as loose as ``BodyFields`` and leave the rest (names,
/// e-mail, phone, trees, rights) to the handlers.
enum SecurityContract {
    /// A record id (`"105"` or `105`).
    static func id(_ description: String = "") -> ValueSchema {
        .integer(range: 1...9_000_000_000_000_000, orDigits: true, description: description, rule: "must be a positive integer id")
    }

    /// Ids as an array of numbers or strings, or one comma-separated string.
    static func ids(_ description: String) -> ValueSchema {
        ValueSchema.anyValue.described(description + ": an array of ids (numbers or strings), or one comma-separated string")
    }

    /// Text of at most `maxLength` characters (numbers are taken as text).
    static func text(_ maxLength: Int, _ description: String = "") -> ValueSchema {
        .string(maxLength: maxLength, description: description)
    }

    /// An integer within `range`, as a number or digits.
    static func integer(_ range: ClosedRange<Int>, _ description: String = "") -> ValueSchema {
        .integer(range: range, orDigits: true, description: description,
                 rule: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
    }

    /// One of `allowed`, said as ``BodyFields/alternatives(_:)`` says it.
    static func choice(_ allowed: [String], _ description: String = "") -> ValueSchema {
        .string(oneOf: allowed, description: description, rule: "must be \(BodyFields.alternatives(allowed))")
    }

    /// `true`/`false`, as a boolean or as text.
    static func flag(_ description: String) -> ValueSchema {
        ValueSchema.anyValue.described(description + ": true or false (also as text)")
    }

    /// Rights patterns (`module:resource:action`).
    static let permissions = ValueSchema.array(of: .string(minLength: 1, maxLength: 200, rule: "must be a non-empty string of at most 200 characters"),
                                               description: "Rights patterns module:resource:action")

    /// A `{name}` id segment (`/system/post/{postId}`), checked by the handler (`must be a positive integer id, not '…'`).
    static func pathID(_ name: String) -> RouteParameter {
        .string(name, description: "A positive integer id")
    }

    /// A `{names}` segment of ids (`/system/user/{userIds}`), comma-separated, checked by the handler.
    static func pathIDs(_ name: String) -> RouteParameter {
        .string(name, description: "Positive integer ids, comma-separated (all or none)")
    }

    /// The `status` filter of lists.
    static let statusFilter = RouteParameter.string("status", oneOf: ["0", "1"], description: "0 enabled, 1 disabled", rule: "must be 0 or 1")

    /// The time filters of the logs: milliseconds, `yyyy-MM-dd` or `yyyy-MM-dd HH:mm:ss`.
    static let timeFilters: [RouteParameter] = [
        .string("beginTime", description: "From: milliseconds since 1970, yyyy-MM-dd or yyyy-MM-dd HH:mm:ss"),
        .string("endTime", description: "To (an end date covers its whole day)"),
    ]

    /// A user record as the user routes take it.
    static let user: [String: ValueSchema] = [
        "userName": text(30, "2 to 30 characters: letters, digits, '_', '.', '-' or '@', starting with a letter"),
        "nickName": text(30), "email": text(50, "An e-mail address"), "phonenumber": text(20, "5 to 20 digits, optionally led by +"),
        "sex": choice(["0", "1", "2"], "0 unknown, 1 male, 2 female"), "status": choice(["0", "1"], "0 enabled, 1 disabled"),
        "remark": text(500), "deptId": id("The user's department"), "roleIds": ids("Roles"), "postIds": ids("Positions"),
        "userType": text(10), "avatar": text(255), "password": .string(description: "The initial password, following the site's policy"),
    ]

    /// A role record as the role routes take it.
    static let role: [String: ValueSchema] = [
        "roleName": text(30), "roleKey": text(100, "ASCII letters, digits, '_', '-', '.' or ':'"),
        "roleSort": integer(0...9999), "status": choice(["0", "1"]), "remark": text(500),
        "dataScope": choice(RoleFields.dataScopes, "1 all, 2 custom, 3 own department, 4 own and below, 5 self only"),
        "menuCheckStrictly": flag("Whether ticking a menu ticks its parents"), "permissions": permissions,
        "menuIds": ids("Menu entries whose pages the role may use"), "deptIds": ids("Departments of a custom data scope"),
    ]

    /// A department as the department routes take it (`parentId` is required: 0 for a top-level one).
    static let department: [String: ValueSchema] = [
        "parentId": .integer(range: 0...9_000_000_000_000_000, orDigits: true, description: "The parent department, 0 for a top-level one (required)",
                             rule: "must be a department id, or 0 for a top-level department"),
        "deptName": text(30), "orderNum": integer(0...9999), "leader": text(20),
        "phone": text(20, "5 to 20 digits, optionally led by +"), "email": text(50, "An e-mail address"), "status": choice(["0", "1"]),
    ]

    /// A position as the position routes take it.
    static let position: [String: ValueSchema] = [
        "postCode": text(64), "postName": text(50), "postSort": integer(0...9999), "status": choice(["0", "1"]), "remark": text(500),
    ]

    /// The optional filter body of an export (``FilterFields``): the list's filters by name, as
    /// strings, numbers or booleans.
    static func exportFilters(_ names: [String], name: String) -> RouteBody {
        .json(.object(Dictionary(uniqueKeysWithValues: names.map { ($0, ValueSchema.anyValue.described("Filter, as in the list")) }),
                      name: name, description: "The list's filters; an empty body exports everything"), required: false)
    }
}
