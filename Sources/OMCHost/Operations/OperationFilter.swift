import GRDB
import PluginAPI

/// What `GET /monitor/operation/list` narrows to: `state`, `kind`, `owner` (login name) and
/// `requestId` (the `X-Request-Id` of the request that started it), and, for a caller without
/// `monitor:operation:list`, their own operations only.
struct OperationFilter: Sendable {
    var state: OperationState?
    var kind: String?
    var owner: String?
    var requestID: String?
    /// The only owner id a caller without the right may see.
    var visibleOwnerID: String?

    init(query: QueryParameters, visibleOwnerID: String?) throws(OMCError) {
        if let text = query["state"], !text.isEmpty {
            guard let state = OperationState(rawValue: text) else {
                throw OMCError.invalid("state", "must be one of \(OperationState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.state = state
        }
        kind = query["kind"].flatMap { $0.isEmpty ? nil : $0 }
        owner = query["owner"].flatMap { $0.isEmpty ? nil : $0 }
        requestID = query["requestId"].flatMap { $0.isEmpty ? nil : $0 }
        for (field, value) in [("kind", kind), ("owner", owner), ("requestId", requestID)] where (value?.count ?? 0) > 200 {
            throw OMCError.invalid(field, "must be at most 200 characters")
        }
        self.visibleOwnerID = visibleOwnerID
    }

    /// ` WHERE …` (or nothing) and its arguments; exact matches only, so no pattern escaping.
    var sql: (String, StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        for (column, value) in [("state", state?.rawValue), ("kind", kind), ("owner_name", owner), ("request_id", requestID),
                                ("owner_id", visibleOwnerID)] {
            guard let value else { continue }
            clauses.append("\(column) = ?")
            arguments += [value]
        }
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), arguments)
    }
}
