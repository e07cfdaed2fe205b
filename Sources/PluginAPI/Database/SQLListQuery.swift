/// The SQL of a filtered list: the `WHERE` conditions with their arguments, the `ORDER BY` from the
/// page's `sortField`/`sortOrder`, and `LIMIT`/`OFFSET` from its `pageNum`/`pageSize`. Without a page
/// (exports) it selects every matching row.
///
/// Callers' values are always bound as arguments; column names and table expressions come from code.
///
///     var list = SQLListQuery(page: try PageRequest(query: request.query, sortable: ["neName"]))
///     list.contains("ne_name", request.query["neName"])
///     list.equals("state", request.query["state"].map(SQLValue.text))
///     list.order(by: ["neName": "ne_name"], default: "ne_type", then: "ne_type, ne_id")
///     let (rows, total) = try list.fetch(select: "SELECT ne_type, ne_id, ne_name FROM ne_info", from: "ne_info", in: db)
public struct SQLListQuery: Sendable {
    /// The page asked for; `nil` for every matching row.
    public let page: PageRequest?
    /// The conditions, joined by `AND`.
    public private(set) var conditions: [String] = []
    /// The arguments of ``conditions``, in order.
    public private(set) var arguments: [SQLValue] = []
    /// The `ORDER BY` list (without the keywords); empty leaves the order to the database.
    public var orderBy = ""

    /// A query for `page` (or every row), with no condition yet.
    public init(page: PageRequest? = nil) {
        self.page = page
    }

    /// `column` contains `text`, ignoring case, wildcards in `text` matching themselves (see ``SQLLike``);
    /// nothing when `text` is `nil`.
    public mutating func contains(_ column: String, _ text: String?) {
        guard let text else { return }
        add(SQLLike.condition(column), [.text(SQLLike.containing(text))])
    }

    /// `column` equals `value`; nothing when `value` is `nil`.
    public mutating func equals(_ column: String, _ value: SQLValue?) {
        guard let value else { return }
        add("\(column) = ?", [value])
    }

    /// `column` lies between `lowest` and `highest`, each inclusive and each left open when `nil`.
    public mutating func between(_ column: String, _ lowest: SQLValue?, _ highest: SQLValue?) {
        if let lowest { add("\(column) >= ?", [lowest]) }
        if let highest { add("\(column) <= ?", [highest]) }
    }

    /// Any other condition, written in code, with its arguments.
    public mutating func add(_ condition: String, _ arguments: [SQLValue] = []) {
        conditions.append(condition)
        self.arguments += arguments
    }

    /// Orders by the column `columns` maps the page's `sortField` to (`defaultColumn` without one), in
    /// the page's direction (descending without a `sortField` when `defaultDescending`), then by
    /// `tiebreak`, which makes the order total so that pages neither repeat nor skip rows.
    public mutating func order(by columns: [String: String], default defaultColumn: String, defaultDescending: Bool = false,
                               then tiebreak: String? = nil) {
        let sortField = page?.sortField
        let column = sortField.flatMap { columns[$0] } ?? defaultColumn
        let descending = (page?.descending ?? false) || (sortField == nil && defaultDescending)
        orderBy = "\(column) \(descending ? "DESC" : "ASC")" + (tiebreak.map { ", " + $0 } ?? "")
    }

    /// ` WHERE …` with a leading space, or empty without conditions.
    public var whereClause: String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// `select` (a `SELECT … FROM …`, joins included) narrowed by the conditions, ordered, and limited
    /// to the page when there is one. `skipping` replaces the page's offset when a condition already
    /// starts the rows at a known place before the page (a keyset anchor).
    public func selectSQL(_ select: String, skipping: Int? = nil) -> (sql: String, arguments: [SQLValue]) {
        let ordered = select + whereClause + (orderBy.isEmpty ? "" : " ORDER BY " + orderBy)
        guard let page else { return (ordered, arguments) }
        return (ordered + " LIMIT ? OFFSET ?", arguments + [.int(page.pageSize), .int(skipping ?? page.offset)])
    }

    /// `SELECT count(*) AS total FROM <from>` narrowed by the conditions.
    public func countSQL(from: String) -> (sql: String, arguments: [SQLValue]) {
        ("SELECT count(*) AS total FROM " + from + whereClause, arguments)
    }

    /// The page's rows and how many rows match in all; `from` is what is counted, aliases included
    /// (`security_user u`).
    public func fetch(select: String, from: String, in db: any DatabaseConnection) throws -> (rows: [DatabaseRow], total: Int) {
        let rows = selectSQL(select)
        let found = try db.query(rows.sql, rows.arguments)
        guard page != nil else { return (found, found.count) }
        let count = countSQL(from: from)
        return (found, try db.first(count.sql, count.arguments)?.int("total") ?? 0)
    }
}
