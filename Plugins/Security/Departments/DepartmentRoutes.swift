import PluginAPI

/// Security/Department: the document's 8 department routes under `/system/dept`.
enum DepartmentRoutes {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        plugin.route(.get, "/system/dept/list", permission: "system:dept:list", summary: "Departments the caller may see",
                     query: [.string("deptName"), SecurityContract.statusFilter], answer: .data(.array(of: .anyValue))) { request, context in
            let admin = try Administrator(request)
            let filter = FilterFields(request.query)
            let (name, status) = (filter["deptName"], try filter.status("status"))
            return .success(try await context.database.read { db in
                try DepartmentAdmin.list(name: name, status: status, scope: try admin.scope(in: db), in: db)
            })
        }
        plugin.route(.get, "/system/dept/list/exclude/{deptId}", permission: "system:dept:list",
                     summary: "Departments except one and those below it (the parents it may move under)",
                     parameters: [SecurityContract.pathID("deptId")], answer: .data(.array(of: .anyValue))) { request, context in
            let admin = try Administrator(request)
            let id = try request.pathID("deptId")
            return .success(try await context.database.read { db in
                try DepartmentAdmin.list(name: nil, status: nil, excluding: id, scope: try admin.scope(in: db), in: db)
            })
        }
        plugin.route(.get, "/system/dept/treeSelect", permission: "system:dept:list", summary: "Department tree",
                     query: [.string("deptName"), SecurityContract.statusFilter], answer: .data(.array(of: .anyValue))) { request, context in
            let admin = try Administrator(request)
            let filter = FilterFields(request.query)
            let (name, status) = (filter["deptName"], try filter.status("status"))
            return .success(DepartmentNode.forest(try await context.database.read { db in
                try DepartmentAdmin.list(name: name, status: status, scope: try admin.scope(in: db), in: db)
            }))
        }
        plugin.route(.get, "/system/dept/roleDeptTreeSelect/{roleId}", permission: "system:role:query",
                     summary: "Department tree with the departments of a custom-scope role ticked",
                     parameters: [SecurityContract.pathID("roleId")],
                     answer: .json(.object(["code": .integer(), "msg": .string(), "depts": .array(of: .anyValue), "checkedKeys": .array(of: .string())],
                                           required: ["code", "msg", "depts", "checkedKeys"]))) { request, context in
            let admin = try Administrator(request)
            let roleID = try request.pathID("roleId")
            struct Answer: Encodable, Sendable {
                let code = 200
                let msg = "Success"
                let depts: [DepartmentNode]
                let checkedKeys: [String]
            }
            return .json(try await context.database.read { db in
                guard try db.first("SELECT 1 AS found FROM security_role WHERE role_id = ? AND del_flag = '0'", [.integer(roleID)]) != nil else {
                    throw OMCError.notFound("no role with id \(roleID)")
                }
                let departments = try DepartmentAdmin.list(name: nil, status: nil, scope: try admin.scope(in: db), in: db)
                let checked = try db.query("SELECT dept_id FROM security_role_dept WHERE role_id = ? ORDER BY dept_id", [.integer(roleID)])
                    .compactMap { $0.string("dept_id") }
                return Answer(depts: DepartmentNode.forest(departments), checkedKeys: checked)
            })
        }
        plugin.route(.post, "/system/dept", permission: "system:dept:add", summary: "Add a department", bodyLimit: 8192,
                     body: .json(.object(SecurityContract.department, required: ["deptName"], name: "NewDepartment")),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let fields = try DepartmentAdmin.Fields(try await BodyFields.read(request))
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in try DepartmentAdmin.add(fields, by: admin, scope: try admin.scope(in: db), now: now, in: db) }
            return .success()
        }
        plugin.route(.put, "/system/dept", permission: "system:dept:edit", summary: "Change a department", bodyLimit: 8192,
                     body: .json(.object(SecurityContract.department.merging(["deptId": SecurityContract.id()]) { $1 },
                                         required: ["deptId", "deptName"], name: "DepartmentChange")),
                     answer: .message) { request, context in
            let admin = try Administrator(request)
            let body = try await BodyFields.read(request)
            let id = try body.requiredID("deptId")
            let fields = try DepartmentAdmin.Fields(body)
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in
                try DepartmentAdmin.modify(id, fields, by: admin, scope: try admin.scope(in: db), now: now, in: db)
            }
            return .success()
        }
        plugin.route(.delete, "/system/dept/{deptId}", permission: "system:dept:remove", summary: "Delete a department",
                     parameters: [SecurityContract.pathID("deptId")], answer: .message) { request, context in
            let admin = try Administrator(request)
            let id = try request.pathID("deptId")
            try await context.database.write { db in try DepartmentAdmin.delete(id, scope: try admin.scope(in: db), in: db) }
            return .success()
        }
        plugin.route(.get, "/system/dept/{deptId}", permission: "system:dept:query", summary: "One department",
                     parameters: [SecurityContract.pathID("deptId")], answer: .data(.anyValue)) { request, context in
            let admin = try Administrator(request)
            let id = try request.pathID("deptId")
            return .success(try await context.database.read { db in
                var department = try DepartmentAdmin.visible(id, scope: try admin.scope(in: db), in: db)
                department.parentName = try db.first("SELECT dept_name FROM security_dept WHERE dept_id = ?", [.integer(department.parentID)])?
                    .string("dept_name") ?? ""
                return department
            })
        }
    }
}
