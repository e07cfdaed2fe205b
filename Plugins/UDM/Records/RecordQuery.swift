import PluginAPI
import Foundation

/// A list request turned into SQL that an index answers: `neId` exact, `imsi` and `msisdn` as digit
/// prefixes (ranges on indexed columns, never `LIKE '%…'`), `sortField` from a whitelist.
struct RecordQuery: Sendable {
    let schema: RecordSchema
    let neID: String?
    let imsiPrefix: String?
    let msisdnPrefix: String?
    let page: PageRequest

    /// Reads and checks the filters, paging and sorting of `query`.
    init(schema: RecordSchema, query: QueryParameters) throws(OMCError) {
        self.schema = schema
        neID = query["neId"]
        imsiPrefix = try Self.prefix(query, "imsi")
        msisdnPrefix = try Self.prefix(query, "msisdn")
        page = try PageRequest(query: query, sortable: ["imsi", "neId"] + schema.sortable)
    }

    private static func prefix(_ query: QueryParameters, _ name: String) throws(OMCError) -> String? {
        guard let value = query[name] else { return nil }
        if let problem = FieldRule.digits(1...15).violation(of: value) { throw OMCError.invalid(name, "filter \(problem)") }
        return value
    }

    /// The filters' conditions and arguments on the table aliased `r`, in the page's order.
    private var filter: SQLListQuery {
        var query = SQLListQuery(page: page)
        query.equals("r.ne_id", neID.map(SQLValue.text))
        if let imsiPrefix {
            // Digits sort before ':', so [prefix, prefix + ":") is every value starting with prefix.
            query.add("r.imsi >= ? AND r.imsi < ?", [.text(imsiPrefix), .text(imsiPrefix + ":")])
        }
        if let msisdnPrefix {
            let range = "msisdn >= ? AND msisdn < ?"
            let bounds: [SQLValue] = [.text(msisdnPrefix), .text(msisdnPrefix + ":")]
            if schema.position(of: "msisdn") != nil {
                query.add("r." + range, bounds)
            } else {
                query.add("r.imsi IN (SELECT imsi FROM udm_sub WHERE \(range)\(neID == nil ? "" : " AND ne_id = ?"))",
                          bounds + (neID.map { [.text($0)] } ?? []))
            }
        }
        query.orderBy = orderBy
        return query
    }

    /// The columns the rows are ordered by, all in the page's direction; the last ones make the
    /// order total, so that a row's place is given by its values of these columns.
    var orderColumns: [String] {
        // Without a sortField, a lone MSISDN filter orders by MSISDN, so that its index also sorts.
        let msisdnOrder = msisdnPrefix != nil && imsiPrefix == nil && schema.position(of: "msisdn") != nil
        return switch page.sortField ?? (msisdnOrder ? "msisdn" : "imsi") {
        case "neId": ["r.ne_id", "r.imsi"]
        case "msisdn": ["r.msisdn", "r.id"]
        default: neID == nil ? ["r.imsi", "r.id"] : ["r.imsi"]
        }
    }

    private var orderBy: String {
        let direction = page.descending ? "DESC" : "ASC"
        return orderColumns.map { "\($0) \(direction)" }.joined(separator: ", ")
    }

    /// The page's SELECT. With an `anchor` (the order columns' values of a row at a known place
    /// before the page), the rows are read from that row on and only `skip` of them are stepped
    /// over, instead of the page's whole offset.
    func pageSQL(columns: String, anchor: (values: [SQLValue], skip: Int)? = nil) -> (sql: String, arguments: [SQLValue]) {
        var query = filter
        if let anchor {
            let tuple = "(" + orderColumns.joined(separator: ", ") + ")"
            let marks = "(" + Array(repeating: "?", count: anchor.values.count).joined(separator: ", ") + ")"
            query.add("\(tuple) \(page.descending ? "<=" : ">=") \(marks)", anchor.values)
        }
        let select = columns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return query.selectSQL("SELECT \(select) FROM \(schema.table) r", skipping: anchor?.skip)
    }

    /// Every `step`-th row's order values, read from the index alone: the anchors of deep pages.
    func anchorSQL() -> (sql: String, arguments: [SQLValue]) {
        let query = filter
        let columns = orderColumns.enumerated().map { "\($1) AS k\($0)" }.joined(separator: ", ")
        return ("SELECT \(columns) FROM \(schema.table) r" + query.whereClause + " ORDER BY " + query.orderBy, query.arguments)
    }

    /// What identifies this query's order and filter (not its page), for caching anchors.
    var anchorKey: String {
        "\(schema.resource)|\(neID ?? "")|\(imsiPrefix ?? "")|\(msisdnPrefix ?? "")|\(orderBy)"
    }

    /// The count of matching rows; `nil` when the maintained per-NE count answers it.
    var countSQL: (sql: String, arguments: [SQLValue])? {
        guard imsiPrefix != nil || msisdnPrefix != nil else { return nil }
        return filter.countSQL(from: "\(schema.table) r")
    }
}
