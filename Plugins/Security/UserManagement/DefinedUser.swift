import PluginAPI

/// A user as `GET /oms1350/data/plat/usermgt/users` lists it, every attribute of the document's
/// example present. LDAP attributes this OMC has no counterpart for are `null`; `userPassword` is
/// always `null`: hashes never leave the OMC.
enum DefinedUser {
    /// `profiles`: the profile names (or, for roles without one, the role keys) of the user's roles.
    static func json(_ row: DatabaseRow, profiles: [String], listID: Int) -> JSONValue {
        let userName = JSONValue.string(row.string("user_name") ?? "")
        let phone = row.string("phonenumber") ?? ""
        let nick = row.string("nick_name") ?? ""
        var attributes: [String: JSONValue] = [
            "userPassword": .null,
            "almapPwdLocked": .string(row.int("admin_locked") == 1 ? "TRUE" : "FALSE"),
            "almapPwdReset": .string(row.int("must_change_password") == 1 ? "TRUE" : "FALSE"),
            "telephoneNumber": phone.isEmpty ? .null : .string(phone),
            "loginShell": "", "homeDirectory": "", "distinguishedName": "",
            "gidNumber": row.string("dept_id").map(JSONValue.string) ?? .null,
            "uidNumber": .string(row.string("user_id") ?? ""),
            "uid": userName, "sn": userName, "cn": userName,
            "almapOsprofiles": .string(profiles.joined(separator: ",")),
            "almapPwdHistory": .string(row.string("password_changed_at") ?? ""),
            "displayName": nick.isEmpty ? .null : .string(nick),
            "listId": .number(Double(listID)),
            "id": .number(Double(row.int("user_id") ?? 0)),
        ]
        for absent in ["name", "radiusRole", "base", "sAMAccountName", "userPrincipalName", "primaryGroupID", "userAccountControl",
                       "extLDAPHostname", "extLDAPPort", "extLDAPSuffixDC", "memberOf", "adsymbolicName", "userAuthType"] {
            attributes[absent] = .null
        }
        return .object(attributes)
    }
}
