import PluginAPI

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
        if let problem = FieldRule.digits(1...15).violation(of: value) { throw OMCError.invalid(name, "filter " + problem) }
        return value
    }

    /// `WHERE …` and its arguments; `alias` prefixes columns.
    private var filter: (sql: String, arguments: [SQLValue]) {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        if let neID { conditions.append("r.ne_id = ?"); arguments.append(.text(neID)) }
        if let imsiPrefix {
            // Digits sort before ':', so [prefix, prefix + ":") is every value starting with prefix.
            conditions.append("r.imsi >= ? AND r.imsi < ?")
            arguments += [.text(imsiPrefix), .text(imsiPrefix + ":")]
        }
        if let msisdnPrefix {
            let range = "msisdn >= ? AND msisdn < ?"
            if schema.position(of: "msisdn") != nil {
                conditions.append("r." + range)
            } else {
                conditions.append("r.imsi IN (SELECT imsi FROM udm_sub WHERE \(range)\(neID == nil ? "" : " AND ne_id = ?"))")
            }
            arguments += [.text(msisdnPrefix), .text(msisdnPrefix + ":")]
            if schema.position(of: "msisdn") == nil, let neID { arguments.append(.text(neID)) }
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// The page's SELECT.
    func pageSQL(columns: String) -> (sql: String, arguments: [SQLValue]) {
        let (filter, arguments) = filter
        let direction = page.descending ? "DESC" : "ASC"
        // Without a sortField, a lone MSISDN filter orders by MSISDN, so that its index also sorts.
        let msisdnOrder = msisdnPrefix != nil && imsiPrefix == nil && schema.position(of: "msisdn") != nil
        let order = switch page.sortField ?? (msisdnOrder ? "msisdn" : "imsi") {
        case "neId": "r.ne_id \(direction), r.imsi \(direction)"
        case "msisdn": "r.msisdn \(direction), r.id \(direction)"
        default: neID == nil ? "r.imsi \(direction), r.id \(direction)" : "r.imsi \(direction)"
        }
        let select = columns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        return ("SELECT \(select) FROM \(schema.table) r \(filter) ORDER BY \(order) LIMIT ? OFFSET ?",
                arguments + [.int(page.pageSize), .int(page.offset)])
    }

    /// The count of matching rows; `nil` when the maintained per-NE count answers it.
    var countSQL: (sql: String, arguments: [SQLValue])? {
        guard imsiPrefix != nil || msisdnPrefix != nil else { return nil }
        let (filter, arguments) = filter
        return ("SELECT COUNT(*) AS total FROM \(schema.table) r \(filter)", arguments)
    }
}
