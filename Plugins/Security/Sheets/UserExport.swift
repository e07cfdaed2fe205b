import PluginAPI
import Spreadsheet

/// `POST /system/user/export`: the users matching the body's filters, within the caller's data
/// scope. No password or hash column exists.
enum UserExport {
    static func respond(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let admin = try Administrator(request)
        let filter = try UserFilter(try FilterFields(jsonBody: try await request.body.collect()))
        return try await SheetExport.xlsx(context, fileStem: "user_export", sheetName: "Users", header: UserSheet.export) { db, append in
            var roleKeys: [String: [String]] = [:]
            for link in try db.query("""
                SELECT ur.user_id, r.role_key FROM security_user_role ur JOIN security_role r ON r.role_id = ur.role_id ORDER BY r.role_sort, r.role_id
                """, []) {
                if let user = link.string("user_id"), let key = link.string("role_key") { roleKeys[user, default: []].append(key) }
            }
            try filter.forEach(scope: try admin.scope(in: db), in: db) { row in
                let user = UserRow(row)
                try append([.integer(Int(user.userId) ?? 0), user.deptId.flatMap { Int($0) }.map(SpreadsheetCell.integer) ?? .empty,
                            .text(user.dept.deptName ?? ""), .text(user.userName), .text(user.nickName), .text(user.email), .text(user.phonenumber),
                            .text(UserSheet.sexNames[user.sex] ?? "Unknown"), SheetExport.status(user.status),
                            .text((roleKeys[user.userId] ?? []).joined(separator: ",")), .text(user.loginIp), SheetExport.time(user.loginDate),
                            SheetExport.time(user.createTime)])
            }
        }
    }
}
