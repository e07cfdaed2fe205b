/// The paging and sorting a list route was asked for, per the API document's conventions:
/// `pageNum` from 1, `pageSize` default 10, `sortField`, `sortOrder` (`asc`/`desc`).
public struct PageRequest: Sendable, Hashable {
    /// The largest page a caller may ask for; larger lists are exported, not paged.
    public static let maximumPageSize = 1000

    /// 1-based page number.
    public let pageNumber: Int
    /// Rows per page.
    public let pageSize: Int
    /// The field to sort by, already checked against the route's sortable fields; `nil` for the default order.
    public let sortField: String?
    /// `true` for descending order.
    public let descending: Bool

    /// Rows to skip (`(pageNumber - 1) * pageSize`).
    public var offset: Int { (pageNumber - 1) * pageSize }

    /// Reads and validates `pageNum`, `pageSize`, `sortField` and `sortOrder`. `sortField` must be one
    /// of `sortable`; this keeps callers' text out of `ORDER BY`.
    public init(query: QueryParameters, sortable: [String] = []) throws(OMCError) {
        pageNumber = try query.integer("pageNum", default: 1, range: 1...1_000_000)
        pageSize = try query.integer("pageSize", default: 10, range: 1...Self.maximumPageSize)
        if let field = query["sortField"] {
            guard sortable.contains(field) else {
                throw OMCError.invalid("sortField", sortable.isEmpty
                    ? "this list cannot be sorted"
                    : "must be one of \(sortable.joined(separator: ", "))")
            }
            sortField = field
        } else {
            sortField = nil
        }
        switch query["sortOrder"]?.lowercased() {
        case nil, "asc", "ascending": descending = false
        case "desc", "descending": descending = true
        default: throw OMCError.invalid("sortOrder", "must be asc or desc")
        }
    }
}
