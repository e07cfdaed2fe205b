import PluginAPI

/// The shapes of NE registration as the host checks them and the OpenAPI document shows them, in
/// ``NEInfoRules``' own words; the handlers keep their checks (the address and the NE type are only
/// theirs: `inet_pton` and the enabled NE types).
enum NEInfoContract {
    static let neID = ValueSchema.string(maxLength: 32, pattern: "^[A-Za-z0-9_-]{1,32}$", description: "NE id, unique per type",
                                         rule: "must be 1 to 32 letters, digits, '_' or '-'")
    static let port = ValueSchema.integer(range: 1...65535, orDigits: true, description: "The NE's REST port")
    static let pvFlag = ValueSchema.string(oneOf: NEInfoRules.pvFlags, description: "Physical or virtual NE", rule: "must be PNF or VNF")
    static let ip = ValueSchema.string(maxLength: 64, description: "IPv4 or IPv6 address of the NE's REST interface")
    static let name = ValueSchema.string(minLength: 1, maxLength: 64, description: "Display name")
    static let province = ValueSchema.string(maxLength: 32)
    static let vendorName = ValueSchema.string(maxLength: 64)
    static let dn = ValueSchema.string(maxLength: 128, description: "Distinguished name")

    /// The body of `POST …/objectType/neInfo`.
    static let registration = ValueSchema.object([
        "neType": .string(maxLength: 32, description: "NE type; must equal the path's"), "neId": neID, "neName": name,
        "ip": ip, "port": port, "pvFlag": pvFlag, "province": province, "vendorName": vendorName, "dn": dn,
    ], required: ["neType", "neId", "neName", "ip", "port", "pvFlag", "province", "vendorName", "dn"], name: "NERegistration")

    /// The body of `PUT …/objectType/neInfo?ne_id=`.
    static let change = ValueSchema.object([
        "pvFlag": pvFlag, "province": province, "vendorName": vendorName, "dn": dn, "neName": name, "ip": ip, "port": port,
    ], required: ["pvFlag", "province", "vendorName", "dn"], name: "NERegistrationChange")

    /// An NE as answered (``NEInfo``).
    static let info = ValueSchema.object([
        "neType": .string(), "neId": .string(), "neName": .string(), "ip": .string(), "port": .integer(),
        "pvFlag": .string(), "province": .string(), "vendorName": .string(), "dn": .string(),
        "state": .string(oneOf: ["online", "offline", "unknown"]), "stateReason": .string(), "stateChangedAt": .string(),
        "pushCredential": .string(description: "The NE's push credential, only in the answer to its registration: the one time it is shown"),
    ], required: ["neType", "neId", "neName", "ip", "port", "pvFlag", "province", "vendorName", "dn", "state"], name: "NEInfo")
}

extension NEInfoContract {
    /// The answer of `POST …/objectType/neInfo/pushCredential?ne_id=`.
    static let issuedCredential = ValueSchema.object([
        "neType": .string(), "neId": .string(),
        "pushCredential": .string(description: "The new push credential, shown this once; the NE sends it as 'Authorization: NE <credential>'"),
    ], required: ["neType", "neId", "pushCredential"], name: "NEPushCredential")
}
