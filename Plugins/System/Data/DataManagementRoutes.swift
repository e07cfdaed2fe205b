import PluginAPI

/// `/api/rest/dataManagement/v1/omc_db/{table}`: the document's reads (`WHERE=…`, or `SQL=SELECT …`
/// repeated, with `PAGE` and `LIMIT`) and change (`PUT …/user?WHERE=…`) of the tables the plugins
/// exposed. The text is parsed by the host's grammar (`context.data`); each table also needs the
/// right its owner declared.
enum DataManagementRoutes {
    static let path = "/api/rest/dataManagement/v1/omc_db/{table}"
    static let tableParameter = RouteParameter.string("table", maxLength: 64, pattern: "^[a-z][a-z0-9_]*$",
                                                      description: "An exposed table: ne_info, ne_state, user, …",
                                                      rule: "must be a table name in lower case")

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, path, permission: "system:dataManagement:query", summary: "Read an exposed table with a parsed filter",
                     parameters: [tableParameter],
                     query: [.string("WHERE", maxLength: 4096, description: "A condition: ne_type = 'UDM' AND port > 3000"),
                             .string("SQL", maxLength: 4096, description: "SELECT columns FROM table [WHERE …] [ORDER BY …]; may be repeated"),
                             .integer("PAGE", range: 1...1_000_000, description: "Page number, from 1"),
                             .integer("LIMIT", range: 1...10_000, description: "Rows per page (default 1000)")],
                     answer: .json(.object(["data": .array(of: .anyValue)], name: "DataRows"))) { request, context in
            let table = try request.pathParameter("table")
            let info = try exposed(table, context)
            guard try await request.permissions.holds(info.readPermission) else {
                throw OMCError(.forbidden, "reading \(table) needs the right \(info.readPermission)")
            }
            let limit = try request.query.integer("LIMIT", default: 1000, range: 1...10_000)
            let page = try request.query.integer("PAGE", default: 1, range: 1...1_000_000)
            let statements = request.query.pairs.filter { $0.name == "SQL" }.map(\.value).filter { !$0.isEmpty }
            guard statements.count <= 10 else { throw OMCError.invalid("SQL", "at most 10 statements at once") }
            var answers: [JSONValue] = []
            if statements.isEmpty {
                let rows = try await context.data.select(table: table, statement: request.query["WHERE"], isStatement: false,
                                                         limit: limit, offset: (page - 1) * limit)
                answers.append(.object([table: .array(rows.map(JSONValue.object))]))
            } else {
                for statement in statements {
                    let rows = try await context.data.select(table: table, statement: statement, isStatement: true,
                                                             limit: limit, offset: (page - 1) * limit)
                    answers.append(.object([table: .array(rows.map(JSONValue.object))]))
                }
            }
            return .json(["data": .array(answers)] as JSONValue)
        }

        plugin.route(.put, path, permission: "system:dataManagement:edit", summary: "Change rows of an exposed table through its owner's rules",
                     bodyLimit: 64 * 1024, parameters: [tableParameter],
                     query: [.string("WHERE", required: true, maxLength: 4096, description: "The rows to change: user_name = 'test3'")],
                     body: .json(.object([:], name: "DataChange").described("{\"<table>\": {\"<column>\": value, …}}")),
                     answer: .json(.object(["data": .object(["affectedRows": .integer()])], name: "DataChangeResult"))) { request, context in
            let table = try request.pathParameter("table")
            let info = try exposed(table, context)
            guard let permission = info.writePermission else { throw OMCError(.forbidden, "the table \(table) cannot be changed") }
            guard try await request.permissions.holds(permission) else {
                throw OMCError(.forbidden, "changing \(table) needs the right \(permission)")
            }
            let body = try await request.decode(JSONValue.self)
            guard case .object(let changes)? = body[table] else {
                throw OMCError.invalid(table, "is required: an object of the columns to change, such as {\"\(table)\": {\"name\": \"test3\"}}")
            }
            let changed = try await context.data.update(table: table, condition: try request.query.required("WHERE"), changes: changes,
                                                        caller: request.caller)
            return .json(["data": ["affectedRows": .number(Double(changed))]] as JSONValue)
        }
    }

    static func exposed(_ table: String, _ context: PluginContext) throws -> DataTableInfo {
        guard let info = context.data.tables[table] else {
            throw OMCError.notFound("no plugin exposes the table '\(table)'; the tables are \(context.data.tables.keys.sorted().joined(separator: ", "))")
        }
        return info
    }
}
