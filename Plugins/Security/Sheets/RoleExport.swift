import PluginAPI
import Spreadsheet

/// `POST /system/role/export`: the roles matching the body's filters.
enum RoleExport {
    static let header = ["Role ID", "Role name", "Permission key", "Sort", "Data scope", "Profile", "Status", "Created", "Remark"]
    static let scopes = ["1": "All", "2": "Custom departments", "3": "Own department", "4": "Own department and below", "5": "Self"]

    static func respond(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let filter = try RoleAdmin.Filter(try FilterFields(jsonBody: try await request.body.collect()))
        return try await SheetExport.xlsx(context, fileStem: "role_export", sheetName: "Roles", header: header) { db, append in
            for role in try RoleAdmin.all(filter, in: db) {
                try append([.integer(Int(role.roleId) ?? 0), .text(role.roleName), .text(role.roleKey), .integer(role.roleSort),
                            .text(scopes[role.dataScope] ?? role.dataScope), .text(role.profile ?? ""), SheetExport.status(role.status),
                            SheetExport.time(role.createTime), .text(role.remark)])
            }
        }
    }
}
