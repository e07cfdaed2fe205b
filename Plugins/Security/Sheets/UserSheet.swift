import PluginAPI
import Spreadsheet

/// The user spreadsheet: the import template's columns, which the export shares so an export can be
/// edited and imported again. Columns are found by their header, in any order and case.
enum UserSheet {
    static let departmentID = "Department ID"
    static let userName = "User name"
    static let nickName = "Nick name"
    static let email = "E-mail"
    static let phone = "Phone number"
    static let sex = "Sex"
    static let status = "Status"
    static let roles = "Roles"
    /// Import only: the first password of a new user (changed at first login), or a new one for an
    /// updated user. Never exported.
    static let password = "Initial password"

    static let template = [departmentID, userName, nickName, email, phone, sex, status, roles, password]
    static let export = ["User ID", departmentID, "Department", userName, nickName, email, phone, sex, status, roles,
                         "Last login IP", "Last login time", "Created"]

    static let sexNames = ["0": "Unknown", "1": "Male", "2": "Female"]

    /// `Male`/`Female`/`Unknown` or `1`/`2`/`0` as the stored code.
    static func sexCode(_ text: String) -> String? {
        if ["0", "1", "2"].contains(text) { return text }
        return sexNames.first { $0.value.lowercased() == text.lowercased() }?.key
    }

    /// `Active`/`Inactive` or `1`/`0` as the stored code.
    static func statusCode(_ text: String) -> String? {
        switch text.lowercased() {
        case "1", "active": "1"
        case "0", "inactive": "0"
        default: nil
        }
    }
}
