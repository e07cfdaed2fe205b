import Foundation
public import PluginAPI

/// Published when an operator adds a note.
public struct NoteAdded: OMCEvent {
    public static let eventName = "notes.noteAdded"
    public let id: Int
    public let neID: String
}

/// Operator notes attached to network elements ("fan replaced", "awaiting licence").
public struct NotesPlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "notes",
        version: "1.0.0",
        kind: .feature,
        configuration: [
            .integer("retentionDays", default: 90, range: 1...3650, help: "days a note is kept"),
            .integer("maxLength", default: 500, range: 1...4000, help: "longest note text, in characters"),
        ],
        summary: "Operator notes attached to network elements")

    let retentionDays: Int
    let maxLength: Int

    public init(configuration: PluginConfiguration) throws {
        // Values are already validated against the manifest and completed with defaults.
        retentionDays = configuration.integer("retentionDays") ?? 90
        maxLength = configuration.integer("maxLength") ?? 500
    }

    struct NewNote: Decodable {
        let neId: String
        let text: String
    }

    struct Note: Encodable, Sendable {
        let id: Int
        let neId: String
        let text: String
        let author: String?
        let createdAt: Int

        init(_ row: DatabaseRow) {
            id = row.int("id") ?? 0
            neId = row.string("ne_id") ?? ""
            text = row.string("text") ?? ""
            author = row.string("author")
            createdAt = row.int("created_at") ?? 0
        }
    }

    public func register(_ plugin: inout PluginRegistrar) throws {
        // Schema: tables start with the plugin id; never edit a migration that has run, add one.
        plugin.migration("v1_create_note", sql: """
            CREATE TABLE notes_note (
                id INTEGER NOT NULL PRIMARY KEY,
                ne_id VARCHAR(64) NOT NULL,
                text VARCHAR(4000) NOT NULL,
                author VARCHAR(64),
                created_at BIGINT NOT NULL
            );
            CREATE INDEX notes_note_ne ON notes_note (ne_id)
            """)

        // GET /notes/list?neId=…&text=…&pageNum=1&pageSize=10&sortField=createdAt&sortOrder=desc
        plugin.route(.get, "/notes/list", permission: "notes:note:query", summary: "List notes") { request, context in
            var list = SQLListQuery(page: try PageRequest(query: request.query, sortable: ["id", "createdAt"]))
            list.equals("ne_id", request.query["neId"].map(SQLValue.text))
            list.contains("text", request.query["text"])   // case-insensitive, wildcards literal
            list.order(by: ["id": "id", "createdAt": "created_at"], default: "id", then: "id")
            let (rows, total) = try await context.database.read { [list] db in
                try list.fetch(select: "SELECT id, ne_id, text, author, created_at FROM notes_note", from: "notes_note", in: db)
            }
            return .list(rows: rows.map(Note.init), total: total)
        }

        // GET /notes/{id}; the literal /notes/list above wins over this parameter route.
        plugin.route(.get, "/notes/{id}", permission: "notes:note:query", summary: "One note") { request, context in
            guard let id = Int(try request.pathParameter("id")) else { throw OMCError.invalid("id", "must be an integer") }
            let row = try await context.database.read { db in
                try db.first("SELECT id, ne_id, text, author, created_at FROM notes_note WHERE id = ?", [.int(id)])
            }
            guard let row else { throw OMCError.notFound("note \(id) does not exist") }
            return .success(Note(row))
        }

        // POST /notes {"neId": "UDM-001", "text": "fan replaced"}
        let maxLength = self.maxLength
        plugin.route(.post, "/notes", permission: "notes:note:add", summary: "Add a note") { request, context in
            let new = try await request.decode(NewNote.self)
            guard (1...64).contains(new.neId.count) else { throw OMCError.invalid("neId", "must be 1 to 64 characters") }
            guard (1...maxLength).contains(new.text.count) else {
                throw OMCError.invalid("text", "must be 1 to \(maxLength) characters")
            }
            let author = request.caller?.userName
            let now = Int(context.clock.now().timeIntervalSince1970)
            let id = try await context.database.write { db -> Int in
                // One transaction: the next id and the insert cannot interleave with another writer.
                let next = (try db.first("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM notes_note")?.int("next")) ?? 1
                try db.execute("INSERT INTO notes_note (id, ne_id, text, author, created_at) VALUES (?, ?, ?, ?, ?)",
                               [.int(next), .text(new.neId), .text(new.text), .text(author), .int(now)])
                return next
            }
            await context.events.publish(NoteAdded(id: id, neID: new.neId))
            context.logger.info("note added", ["note-id": String(id)])
            return .success(["id": id])
        }

        // DELETE /notes/{id}
        plugin.route(.delete, "/notes/{id}", permission: "notes:note:remove", summary: "Remove a note") { request, context in
            guard let id = Int(try request.pathParameter("id")) else { throw OMCError.invalid("id", "must be an integer") }
            let removed = try await context.database.write { db in
                try db.execute("DELETE FROM notes_note WHERE id = ?", [.int(id)])
                return db.changedRowCount
            }
            guard removed == 1 else { throw OMCError.notFound("note \(id) does not exist") }
            return .success()
        }

        // MML on the OMC element type: LST NOTE: NEID=UDM-001;
        plugin.mml("LST NOTE", neType: "OMC",
                   parameters: [.text("NEID", maxLength: 64, required: true, help: "the NE whose notes to list")],
                   privilege: "notes:note:query", risk: .readOnly,
                   help: "List the notes of one NE, newest first.") { invocation, context in
            let neID = invocation.string("NEID") ?? ""
            let rows = try await context.database.read { db in
                try db.query("SELECT id, author, text FROM notes_note WHERE ne_id = ? ORDER BY id DESC", [.text(neID)])
            }
            return .table(headers: ["ID", "AUTHOR", "TEXT"],
                          rows: rows.map { [$0.string("id") ?? "", $0.string("author") ?? "-", $0.string("text") ?? ""] })
        }

        // RMV NOTE: ID=7; is high-risk: the request must carry "confirm": true.
        plugin.mml("RMV NOTE", neType: "OMC",
                   parameters: [.integer("ID", range: 1...Int(Int32.max), required: true, help: "note id")],
                   privilege: "notes:note:remove", risk: .highRisk,
                   help: "Remove one note.") { invocation, context in
            let id = invocation.integer("ID") ?? 0
            let removed = try await context.database.write { db in
                try db.execute("DELETE FROM notes_note WHERE id = ?", [.int(id)])
                return db.changedRowCount
            }
            guard removed == 1 else { throw OMCError.notFound("note \(id) does not exist") }
            return MMLReply(output: "note \(id) removed")
        }

        // Every night at 03:00 (OMC local time), drop notes older than retentionDays.
        let retention = TimeInterval(retentionDays * 86_400)
        plugin.job("purge", schedule: .cron("0 3 * * *"), summary: "Remove notes older than retentionDays") { context in
            let cutoff = Int(context.clock.now().addingTimeInterval(-retention).timeIntervalSince1970)
            let purged = try await context.database.write { db in
                try db.execute("DELETE FROM notes_note WHERE created_at < ?", [.int(cutoff)])
                return db.changedRowCount
            }
            if purged > 0 { context.logger.info("purged old notes", ["count": String(purged)]) }
        }
    }
}
