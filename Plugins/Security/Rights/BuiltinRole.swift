/// The roles seeded on first start: the OMC's own three and the four profiles of the
/// user-management API (`almapOsprofiles`). Built-in roles cannot be deleted; their rights can be
/// edited like any role's.
struct BuiltinRole: Sendable {
    let key: String
    let name: String
    let sort: Int
    /// The user-management API profile this role stands for, if any.
    let profile: String?
    let permissions: [String]
    let remark: String

    /// Writes of the security and monitoring screens (users, roles, logs) stay with administrators.
    static let administrationDenied = ["!system:*:*", "!monitor:*:*"]
    /// Reading Ki, OPc and other secrets in clear, and exporting them.
    static let secretsDenied = ["!*:*:secret"]

    static let all: [BuiltinRole] = [
        BuiltinRole(key: "admin", name: "Admin", sort: 1, profile: nil, permissions: ["*:*:*"],
                    remark: "everything"),
        BuiltinRole(key: "operator", name: "Operator", sort: 2, profile: nil,
                    permissions: ["*:*:*"] + administrationDenied + secretsDenied,
                    remark: "operates and configures the network; no user, role or log administration, no secrets in clear"),
        BuiltinRole(key: "viewer", name: "Viewer", sort: 3, profile: nil, permissions: ["*:*:query", "*:*:list"] + secretsDenied,
                    remark: "reads everything but secrets; changes nothing"),
        BuiltinRole(key: "oms-administrator", name: "Administrator", sort: 10, profile: "Administrator", permissions: ["*:*:*"],
                    remark: "user-management profile Administrator: everything, including users and profiles"),
        BuiltinRole(key: "oms-constructor", name: "Constructor", sort: 11, profile: "Constructor",
                    permissions: ["*:*:*"] + administrationDenied + secretsDenied,
                    remark: "user-management profile Constructor: builds the network (NEs, configuration, subscribers); no user administration"),
        BuiltinRole(key: "oms-operator", name: "Operator (profile)", sort: 12, profile: "Operator",
                    permissions: ["*:*:query", "*:*:list", "*:mml:*", "*:sub:*", "*:auth:*", "*:ue:*"]
                        + administrationDenied + secretsDenied,
                    remark: "user-management profile Operator: operates the network (reads, MML, provisions subscriber, authentication and UE policy data); no configuration, NE or user changes"),
        BuiltinRole(key: "oms-viewer", name: "Viewer (profile)", sort: 13, profile: "Viewer",
                    permissions: ["*:*:query", "*:*:list"] + secretsDenied,
                    remark: "user-management profile Viewer: reads only"),
    ]
}
