import PluginAPI
import Spreadsheet

/// The file routes of Security/User: the import template, the export and the import.
enum UserFileRoutes {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.post, "/system/user/importTemplate", permission: "system:user:import", audit: AuditClass.none,
                     summary: "The user import template (.xlsx)",
                     answer: .file(mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) { _, context in
            try await SheetExport.xlsx(context, fileStem: "user_import_template", sheetName: "Users", header: UserSheet.template,
                                       allowEmpty: true) { _, _ in }
        }
        plugin.route(.post, "/system/user/export", permission: "system:user:export", audit: .export,
                     summary: "Users in the caller's data scope as .xlsx", bodyLimit: 8192,
                     body: SecurityContract.exportFilters(["userName", "phonenumber", "status", "deptId", "beginTime", "endTime"], name: "UserFilter"),
                     answer: .file(mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")) { request, context in
            // Recorded as a long operation; the answer stays the download (see DECISIONS 163).
            try await context.operations.run("security.user.export", title: "Export users as .xlsx", for: request.caller,
                                             requestID: request.requestID) { _ in try await UserExport.respond(request, context) }
        }
        plugin.route(.post, "/system/user/importData", permission: "system:user:import", audit: .import,
                     summary: "Import users from the template (.xls or .xlsx), all or nothing", bodyLimit: 20 * 1024 * 1024,
                     query: [.string("updateSupport", description: "true to update existing users (also a form field)")],
                     body: .multipart(files: ["file"], fields: [.string("updateSupport")]), answer: .message) { request, context in
            try await context.operations.run("security.user.import", title: "Import users from a sheet", for: request.caller,
                                             requestID: request.requestID) { _ in try await UserImport.respond(request, context, state: state) }
        }
    }
}
