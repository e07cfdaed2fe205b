import PluginAPI

/// `/monitor/load`: the OMC's load history between two instants.
enum LoadRoutes {
    static let kinds: [String: [(column: String, member: String)]] = [
        "cpu": [("cpu", "cpu")],
        "memory": [("memory", "memory")],
        "io": [("io_read", "ioRead"), ("io_write", "ioWrite")],
        "network": [("net_in", "netIn"), ("net_out", "netOut")],
    ]

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/monitor/load", permission: "monitor:server:list", summary: "The OMC's load history, sampled every minute",
                     query: [.string("type", required: true, oneOf: ["all", "cpu", "memory", "io", "network"], description: "What to show"),
                             .integer("startTime", required: true, range: 0...Int(Int32.max) * 1000, description: "From, milliseconds since 1970"),
                             .integer("endTime", required: true, range: 0...Int(Int32.max) * 1000, description: "To, milliseconds since 1970"),
                             .string("neType", description: "Not kept yet: leave out for the OMC's own load"),
                             .string("neId", description: "Not kept yet: leave out for the OMC's own load")],
                     answer: .data(.array(of: .object(["time": .integer(), "cpu": .number(), "memory": .number(), "ioRead": .number(),
                                                       "ioWrite": .number(), "netIn": .number(), "netOut": .number()], name: "LoadSample")))) { request, context in
            if request.query["neType"] != nil || request.query["neId"] != nil {
                throw OMCError.invalid("neType", "the load history of NEs is not kept yet; leave out neType and neId for the OMC's own load")
            }
            let type = (request.query["type"] ?? "all").lowercased()
            let start = try request.query.integer("startTime", default: 0, range: 0...Int(Int32.max) * 1000)
            let end = try request.query.integer("endTime", default: 0, range: 0...Int(Int32.max) * 1000)
            guard start <= end else { throw OMCError.invalid("endTime", "must not be before startTime") }
            let shown = type == "all" ? ["cpu", "memory", "io", "network"].flatMap { kinds[$0] ?? [] } : kinds[type] ?? []
            let columns = (["sampled_at"] + shown.map(\.column)).joined(separator: ", ")
            let rows = try await context.database.read { db in
                try db.query("SELECT \(columns) FROM system_load WHERE sampled_at BETWEEN ? AND ? ORDER BY sampled_at LIMIT 100000",
                             [.integer(Int64(start)), .integer(Int64(end))])
            }
            return .success(rows.map { row -> JSONValue in
                var sample: [String: JSONValue] = ["time": .number(Double(row.int("sampled_at") ?? 0))]
                // A rate unknown at the first sample after a start is left out rather than null.
                for (column, member) in shown { sample[member] = row.double(column).map { .number(($0 * 100).rounded() / 100) } }
                return .object(sample)
            })
        }
    }
}
