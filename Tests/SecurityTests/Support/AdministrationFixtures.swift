import Foundation
import OMCTesting
import PluginAPI

/// Shortcuts for the administration tests: ids of seeded records, accounts made through the routes.
extension MockHost {
    /// The id of the role with `key`.
    func roleID(_ key: String) async throws -> Int64 {
        let id = try await database.read { db in try db.first("SELECT role_id FROM security_role WHERE role_key = ?", [.text(key)])?.int("role_id") }
        guard let id else { throw TestFailure("no role \(key)") }
        return Int64(id)
    }

    /// The id of the user named `userName`.
    func userID(_ userName: String) async throws -> Int64 {
        let id = try await database.read { db in try db.first("SELECT user_id FROM security_user WHERE user_name = ?", [.text(userName)])?.int("user_id") }
        guard let id else { throw TestFailure("no user \(userName)") }
        return Int64(id)
    }

    /// The id of the department named `name`.
    func departmentID(_ name: String) async throws -> Int64 {
        let id = try await database.read { db in try db.first("SELECT dept_id FROM security_dept WHERE dept_name = ?", [.text(name)])?.int("dept_id") }
        guard let id else { throw TestFailure("no department \(name)") }
        return Int64(id)
    }

    /// Adds a department through `POST /system/dept`; returns its id.
    @discardableResult
    func addDepartment(_ name: String, parent: Int64, as admin: [String: String]) async throws -> Int64 {
        let answer = try await send(.post, "/system/dept", json: ["deptName": .string(name), "parentId": .string(String(parent)), "orderNum": 1,
                                                                  "leader": "lead", "phone": "", "email": "", "status": "1"] as JSONValue,
                                    headers: admin)
        guard answer.code == 200 else { throw TestFailure("adding department \(name): \(answer.text)") }
        return try await departmentID(name)
    }

    /// Adds a role with `permissions` and `dataScope` through `POST /system/role`; returns its id.
    @discardableResult
    func addRole(_ key: String, permissions: [String], dataScope: String = "1", departments: [Int64] = [],
                 as admin: [String: String]) async throws -> Int64 {
        let body: JSONValue = ["roleName": .string(key), "roleKey": .string(key), "roleSort": 5, "status": "1", "remark": "",
                               "dataScope": .string(dataScope), "menuIds": [], "permissions": .array(permissions.map(JSONValue.string)),
                               "deptIds": .array(departments.map { .string(String($0)) })]
        let answer = try await send(.post, "/system/role", json: body, headers: admin)
        guard answer.code == 200 else { throw TestFailure("adding role \(key): \(answer.text)") }
        return try await roleID(key)
    }

    /// Adds a user through `POST /system/user`; returns its id.
    @discardableResult
    func addUser(_ userName: String, password: String = "User#Pass123", roles: [Int64], department: Int64? = 100,
                 extra: [String: JSONValue] = [:], as admin: [String: String]) async throws -> Int64 {
        var body: [String: JSONValue] = ["userName": .string(userName), "nickName": .string(userName), "password": .string(password),
                                         "sex": "0", "status": "1", "remark": "", "roleIds": .array(roles.map { .string(String($0)) }),
                                         "postIds": []]
        if let department { body["deptId"] = .string(String(department)) }
        for (key, value) in extra { body[key] = value }
        let answer = try await send(.post, "/system/user", json: JSONValue.object(body), headers: admin)
        guard answer.code == 200 else { throw TestFailure("adding user \(userName): \(answer.text)") }
        return try await userID(userName)
    }
}

extension MockResponse {
    /// The `userName`s of a user list answer.
    var userNames: [String] { (json?["rows"]?.arrayValue ?? []).compactMap { $0["userName"]?.stringValue } }
}
