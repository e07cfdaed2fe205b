import Foundation
import PluginAPI

/// Published when an item is added.
struct ItemAdded: OMCEvent {
    static let eventName = "inventory.itemAdded"
    let name: String
}

/// A feature plugin that exercises routes, paging, streaming, migrations, events, jobs and limits.
struct InventoryPlugin: OMCPlugin {
    static let manifest = PluginManifest(
        id: "inventory", version: "1.2.0", kind: .feature,
        configuration: [
            .integer("maxItems", default: 100, range: 1...10_000, help: "most items kept"),
            .string("journal", default: "", help: "test journal receiving lifecycle calls"),
            .string("mode", default: "normal", allowed: ["normal", "strict"], help: "validation mode"),
        ],
        summary: "Test inventory of items")

    let maxItems: Int
    let journal: String

    init(configuration: PluginConfiguration) throws {
        maxItems = configuration.integer("maxItems") ?? 100
        journal = configuration.string("journal") ?? ""
    }

    struct NewItem: Decodable {
        let name: String
        let secret: String?
        let quantity: Int?
    }

    struct Item: Codable, Sendable {
        let id: Int
        let name: String
    }

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.migration("v1_items", sql: """
            CREATE TABLE inventory_item (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, secret TEXT, quantity INTEGER NOT NULL DEFAULT 0)
            """)
        plugin.migration("v2_runs", sql: "CREATE TABLE inventory_job_run (at TEXT NOT NULL)")

        plugin.route(.get, "/inventory/items", permission: "inventory:item:query", summary: "List items") { request, context in
            let page = try PageRequest(query: request.query, sortable: ["name", "id"])
            let nameFilter = request.query["name"]
            let order = "\(page.sortField ?? "id") \(page.descending ? "DESC" : "ASC")"
            return try await context.database.read { db in
                let filter: [SQLValue] = nameFilter.map { [.text("%\($0)%")] } ?? []
                let whereClause = nameFilter == nil ? "" : "WHERE name LIKE ?"
                let total = try db.first("SELECT COUNT(*) AS n FROM inventory_item \(whereClause)", filter)?.int("n") ?? 0
                let rows = try db.query("SELECT id, name FROM inventory_item \(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?",
                                        filter + [.int(page.pageSize), .int(page.offset)])
                return .list(rows: rows.map { Item(id: $0.int("id") ?? 0, name: $0.string("name") ?? "") }, total: total)
            }
        }

        plugin.route(.get, "/inventory/items/{id}", permission: "inventory:item:query", summary: "One item") { request, context in
            guard let id = Int(try request.pathParameter("id")) else { throw OMCError.invalid("id", "must be an integer") }
            let row = try await context.database.read { db in try db.first("SELECT id, name FROM inventory_item WHERE id = ?", [.int(id)]) }
            guard let row else { throw OMCError.notFound("item \(id) does not exist") }
            return .success(Item(id: row.int("id") ?? 0, name: row.string("name") ?? ""))
        }

        plugin.route(.post, "/inventory/items", permission: "inventory:item:add", summary: "Add an item", secretFields: ["quantity"]) { request, context in
            let item = try await request.decode(NewItem.self)
            guard (1...32).contains(item.name.count) else { throw OMCError.invalid("name", "must be 1 to 32 characters") }
            let limit = maxItems
            let id = try await context.database.write { db -> Int in
                if try db.first("SELECT id FROM inventory_item WHERE name = ?", [.text(item.name)]) != nil {
                    throw OMCError(.conflict, "item '\(item.name)' already exists")
                }
                if let count = try db.first("SELECT COUNT(*) AS n FROM inventory_item")?.int("n"), count >= limit {
                    throw OMCError(.invalidInput, "the inventory holds at most \(limit) items")
                }
                return try db.first("""
                    INSERT INTO inventory_item (id, name, secret, quantity)
                    VALUES ((SELECT COALESCE(MAX(id), 0) + 1 FROM inventory_item), ?, ?, ?) RETURNING id
                    """, [.text(item.name), .text(item.secret), .int(item.quantity ?? 0)])?.int("id") ?? 0
            }
            await context.events.publish(ItemAdded(name: item.name))
            return .success(Item(id: id, name: item.name))
        }

        plugin.route(.delete, "/inventory/items/{id}", permission: "inventory:item:remove", summary: "Remove an item") { request, context in
            let id = try request.pathParameter("id")
            let removed = try await context.database.write { db in
                try db.execute("DELETE FROM inventory_item WHERE id = ?", [.text(id)])
                return db.changedRowCount
            }
            guard removed == 1 else { throw OMCError.notFound("item \(id) does not exist") }
            return .success()
        }

        plugin.route(.get, "/inventory/export", permission: "inventory:item:export", audit: .export, summary: "Export items as CSV") { _, context in
            .stream(contentType: "text/csv", fileName: "items.csv") { writer in
                try await writer.write(Array("id,name\n".utf8))
                let rows = try await context.database.read { db in try db.query("SELECT id, name FROM inventory_item ORDER BY id", []) }
                for row in rows { try await writer.write(Array("\(row.int("id") ?? 0),\(row.string("name") ?? "")\n".utf8)) }
            }
        }

        plugin.route(.post, "/inventory/upload", permission: "inventory:item:add", summary: "Upload a small file", bodyLimit: 100) { request, _ in
            .success(["bytes": try await request.body.collect().count])
        }

        plugin.route(.get, "/inventory/slow", permission: "inventory:item:query", summary: "Answer after 400 ms") { _, _ in
            try await Task.sleep(for: .milliseconds(400))
            return .success("done")
        }

        plugin.route(.get, "/inventory/fault", permission: "inventory:item:query", summary: "Fail unexpectedly") { _, _ in
            throw CocoaError(.fileReadCorruptFile)
        }

        plugin.job("record-run", schedule: .every(seconds: 60), summary: "Record each run") { context in
            let now = ISO8601DateFormatter().string(from: context.clock.now())
            try await context.database.write { db in try db.execute("INSERT INTO inventory_job_run (at) VALUES (?)", [.text(now)]) }
        }

        let journal = self.journal
        plugin.subscribe(to: ItemAdded.self) { event, _ in
            Journal.record(journal, "added \(event.name)")
        }
    }

    func start(_ context: PluginContext) async throws { Journal.record(journal, "start inventory") }
    func stop(_ context: PluginContext) async throws { Journal.record(journal, "stop inventory") }
}
