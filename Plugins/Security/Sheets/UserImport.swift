import Foundation
import PluginAPI
import Spreadsheet

/// `POST /system/user/importData`: users from an .xls or .xlsx file in the template's layout
/// (``UserSheet``), with `updateSupport` deciding whether a row naming an existing user changes it
/// or is an error.
///
/// All or nothing: every row is checked, and when one fails nothing is written and the answer lists
/// every failed row with its reason (`row 3: email: must be an e-mail address…`). New users must have
/// an initial password (the policy applies) and change it at their first login.
enum UserImport {
    static let maximumRows = 5000
    static let maximumErrorsListed = 50

    /// One data row, validated.
    struct Row: Sendable {
        let number: Int
        let fields: UserFields
        let roleKeys: [String]?
        let passwordHash: String?
    }

    static func respond(_ request: OMCRequest, _ context: PluginContext, state: SecurityState) async throws -> OMCResponse {
        let admin = try Administrator(request)
        let form = try await request.multipartForm()
        guard let file = form.file("file") else { throw OMCError.invalid("file", "is required: the .xls or .xlsx file to import") }
        let updateSupport: Bool
        switch (form.fields["updateSupport"] ?? request.query["updateSupport"] ?? "false").lowercased() {
        case "true", "1": updateSupport = true
        case "false", "0", "": updateSupport = false
        default: throw OMCError.invalid("updateSupport", "must be true or false")
        }
        let lowerName = file.fileName.lowercased()
        guard lowerName.hasSuffix(".xlsx") || lowerName.hasSuffix(".xls") else {
            throw OMCError(.invalidInput, "The uploaded file type is not supported, only the following types are supported: xls, xlsx")
        }
        var errors: [(row: Int, message: LocalizedMessage)] = []
        var parsed: [(number: Int, values: [String: String])] = []
        do {
            let reader = try SpreadsheetReader(path: file.path)
            var columns: [String: Int] = [:]
            try reader.forEachRow { number, cells in
                if columns.isEmpty {
                    for (index, cell) in cells.enumerated() { columns[cell.trimmingCharacters(in: .whitespaces).lowercased()] = index }
                    guard columns[UserSheet.userName.lowercased()] != nil else {
                        throw OMCError.invalid("file", "the first row must be the template's header, with a '\(UserSheet.userName)' column")
                    }
                    return
                }
                guard parsed.count < maximumRows else { throw OMCError.invalid("file", "at most \(maximumRows) users per import") }
                var values: [String: String] = [:]
                for name in UserSheet.template {
                    if let index = columns[name.lowercased()], index < cells.count {
                        let value = cells[index].trimmingCharacters(in: .whitespaces)
                        if !value.isEmpty { values[name] = value }
                    }
                }
                parsed.append((number, values))
            }
        } catch let error as SpreadsheetError {
            throw OMCError.invalid("file", .verbatim(error.message))
        }
        guard !parsed.isEmpty else { throw OMCError.invalid("file", "holds no user rows below the header") }

        var rows: [Row] = []
        for (number, values) in parsed {
            do {
                rows.append(try await row(number, values, state: state))
            } catch let error as OMCError {
                errors.append((number, error.localized))
            }
        }
        let rights = try await RoleRoutes.callerRights(request, state, context)
        let now = Milliseconds.of(context.clock.now())
        let checked = rows
        let rowErrors = errors
        let outcome: (added: Int, updated: [Int64])
        do {
            outcome = try await context.database.write { db -> (added: Int, updated: [Int64]) in
                let scope = try admin.scope(in: db)
                var errors = rowErrors
                var (added, updated) = (0, [Int64]())
                for row in checked {
                    do {
                        if let id = try write(row, updateSupport: updateSupport, by: admin, scope: scope, rights: rights, now: now, in: db) {
                            updated.append(id)
                        } else {
                            added += 1
                        }
                    } catch let error as OMCError {
                        errors.append((row.number, error.localized))
                    }
                }
                guard errors.isEmpty else { throw ImportRefused(errors: errors) }
                return (added, updated)
            }
        } catch let refused as ImportRefused {
            throw refused.omcError
        }
        for id in outcome.updated { state.userChanged(id) }
        return .success(message: "Import finished: \(outcome.added) user(s) added, \(outcome.updated.count) updated")
    }

    /// Rows refused: nothing was written.
    struct ImportRefused: Error {
        let errors: [(row: Int, message: LocalizedMessage)]

        var omcError: OMCError {
            let listed = errors.sorted { $0.row < $1.row }.prefix(UserImport.maximumErrorsListed).map { "row \($0.row): \($0.message)" as LocalizedMessage }
                .joined(separator: "; ")
            guard errors.count > UserImport.maximumErrorsListed else {
                return OMCError(.invalidInput, "Import failed, nothing was imported: \(errors.count) row(s) with errors: \(listed)")
            }
            return OMCError(.invalidInput, "Import failed, nothing was imported: \(errors.count) row(s) with errors: \(listed); "
                + "and \(errors.count - UserImport.maximumErrorsListed) more")
        }
    }

    static func row(_ number: Int, _ values: [String: String], state: SecurityState) async throws -> Row {
        var members: [String: JSONValue] = [:]
        let names = [UserSheet.userName: "userName", UserSheet.nickName: "nickName", UserSheet.email: "email", UserSheet.phone: "phonenumber",
                     UserSheet.departmentID: "deptId"]
        for (column, field) in names { if let value = values[column] { members[field] = .string(value) } }
        if let sex = values[UserSheet.sex] {
            guard let code = UserSheet.sexCode(sex) else { throw OMCError.invalid(UserSheet.sex, "must be Male, Female or Unknown (or 1, 2, 0)") }
            members["sex"] = .string(code)
        }
        if let status = values[UserSheet.status] {
            guard let code = UserSheet.statusCode(status) else { throw OMCError.invalid(UserSheet.status, "must be Active or Inactive (or 1, 0)") }
            members["status"] = .string(code)
        }
        let fields = try UserFields(BodyFields(members))
        let roleKeys = values[UserSheet.roles].map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        var hash: String?
        if let password = values[UserSheet.password] {
            if let problem = state.settings.passwordPolicy.problem(password, userName: fields.userName) {
                throw OMCError.invalid(UserSheet.password, problem)
            }
            hash = try await state.hasher.hash(password)
        }
        return Row(number: number, fields: fields, roleKeys: roleKeys, passwordHash: hash)
    }

    /// Adds or (with `updateSupport`) changes the row's user; returns the id of a user changed, `nil` for one added.
    static func write(_ row: Row, updateSupport: Bool, by admin: Administrator, scope: DataScope, rights: UserRights, now: Int64,
                      in db: any DatabaseConnection) throws -> Int64? {
        var fields = row.fields
        if let keys = row.roleKeys {
            fields.roleIDs = try keys.map { key in
                guard let id = try db.first("SELECT role_id FROM security_role WHERE role_key = ? AND del_flag = '0'", [.text(key)])?.int("role_id") else {
                    throw OMCError.invalid(UserSheet.roles, "no role has the key '\(key)'")
                }
                return Int64(id)
            }
        }
        if let existing = try UserStore.find(userName: fields.userName, in: db) {
            guard updateSupport else {
                throw OMCError(.conflict, "the user '\(existing.userName)' already exists (import with updateSupport=true to update it)")
            }
            fields.userName = existing.userName
            try UserAdmin.modify(existing.userID, fields, by: admin, scope: scope, rights: rights, now: now, in: db)
            if let hash = row.passwordHash {
                try UserAdmin.setPassword(existing.userID, hash: hash, mustChange: true, scope: scope, rights: rights, now: now, in: db)
            }
            return existing.userID
        }
        guard let hash = row.passwordHash else {
            throw OMCError.invalid(UserSheet.password, "is required for a new user")
        }
        try UserAdmin.add(fields, passwordHash: hash, mustChangePassword: true, by: admin, scope: scope, rights: rights, now: now, in: db)
        return nil
    }
}
