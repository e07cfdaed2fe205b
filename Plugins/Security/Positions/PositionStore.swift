import PluginAPI

/// The `security_post` table. Positions belong to no department, so data scope does not limit them.
enum PositionStore {
    /// The list filters of `GET /system/post/list` and `POST /system/post/export`.
    struct Filter: Sendable {
        let code: String?
        let name: String?
        let status: String?

        init(_ fields: FilterFields) throws(OMCError) {
            code = fields["postCode"]
            // The export body names the position-name filter `configName`.
            name = fields["postName"] ?? fields["configName"]
            status = try fields.status("status")
        }

        /// The matching positions, of `page` or all, in the order of `post_sort`.
        func query(page: PageRequest? = nil) -> SQLListQuery {
            var query = SQLListQuery(page: page)
            query.contains("post_code", code)
            query.contains("post_name", name)
            query.equals("status", status.map(SQLValue.text))
            query.orderBy = "post_sort, post_id"
            return query
        }
    }

    /// What add and modify carry. The document's bodies name the status field `phone`; `status` is accepted too.
    struct Fields: Sendable {
        let code: String
        let name: String
        let sort: Int
        let status: String
        let remark: String

        init(_ body: BodyFields) throws(OMCError) {
            code = try body.requiredText("postCode", maxLength: 64)
            name = try body.requiredText("postName", maxLength: 50)
            sort = try body.integer("postSort", range: 0...9999) ?? 0
            if let given = try body.choice("status", ["0", "1"]) {
                status = given
            } else {
                status = try body.choice("phone", ["0", "1"]) ?? "1"
            }
            remark = try body.text("remark", maxLength: 500) ?? ""
        }
    }

    static func page(_ filter: Filter, _ page: PageRequest, in db: any DatabaseConnection) throws -> (rows: [PositionRecord], total: Int) {
        let (rows, total) = try filter.query(page: page).fetch(select: "SELECT * FROM security_post", from: "security_post", in: db)
        return (rows.map(PositionRecord.init), total)
    }

    static func all(_ filter: Filter, in db: any DatabaseConnection) throws -> [PositionRecord] {
        let (sql, arguments) = filter.query().selectSQL("SELECT * FROM security_post")
        return try db.query(sql, arguments).map(PositionRecord.init)
    }

    static func find(_ id: Int64, in db: any DatabaseConnection) throws -> PositionRecord {
        guard let row = try db.first("SELECT * FROM security_post WHERE post_id = ?", [.integer(id)]) else {
            throw OMCError.notFound("no position with id \(id)")
        }
        return PositionRecord(row)
    }

    static func add(_ fields: Fields, by admin: Administrator, now: Int64, in db: any DatabaseConnection) throws {
        try requireUnique(fields, excluding: nil, failure: "Failed to add [\(fields.name)] to the position", in: db)
        try db.execute("""
            INSERT INTO security_post (post_id, post_code, post_name, post_sort, status, create_by, create_time, remark) VALUES ((SELECT COALESCE(MAX(post_id), 0) + 1 FROM security_post), ?, ?, ?, ?, ?, ?, ?)
            """, [.text(fields.code), .text(fields.name), .int(fields.sort), .text(fields.status), .text(admin.userName), .integer(now),
                  .text(fields.remark)])
    }

    static func modify(_ id: Int64, _ fields: Fields, by admin: Administrator, now: Int64, in db: any DatabaseConnection) throws {
        _ = try find(id, in: db)
        try requireUnique(fields, excluding: id, failure: "Position modification [\(fields.name)] failed", in: db)
        try db.execute("""
            UPDATE security_post SET post_code = ?, post_name = ?, post_sort = ?, status = ?, remark = ?, update_by = ?, update_time = ?
            WHERE post_id = ?
            """, [.text(fields.code), .text(fields.name), .int(fields.sort), .text(fields.status), .text(fields.remark),
                  .text(admin.userName), .integer(now), .integer(id)])
    }

    /// Deletes every position of `ids`, or none: a missing or still assigned one refuses the whole request.
    static func delete(_ ids: [Int64], in db: any DatabaseConnection) throws {
        for id in ids {
            let position = try find(id, in: db)
            if try db.first("SELECT 1 AS found FROM security_user_post WHERE post_id = ?", [.integer(id)]) != nil {
                throw OMCError(.invalidInput, "[\(position.postName)] has been assigned to users and cannot be deleted; nothing was deleted")
            }
        }
        try IDList.deleteAll(ids, table: "security_post", column: "post_id", what: "position", in: db)
    }

    private static func requireUnique(_ fields: Fields, excluding id: Int64?, failure: LocalizedMessage, in db: any DatabaseConnection) throws {
        if try db.first("SELECT 1 AS found FROM security_post WHERE lower(post_name) = lower(?) AND post_id <> ?",
                        [.text(fields.name), .integer(id ?? 0)]) != nil {
            throw OMCError(.conflict, "\(failure), the position name already exists")
        }
        if try db.first("SELECT 1 AS found FROM security_post WHERE lower(post_code) = lower(?) AND post_id <> ?",
                        [.text(fields.code), .integer(id ?? 0)]) != nil {
            throw OMCError(.conflict, "\(failure), the position code already exists")
        }
    }
}
