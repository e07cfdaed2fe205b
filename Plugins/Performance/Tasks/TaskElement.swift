import Foundation
import PluginAPI

/// One NE of a task and what it last did with the task.
struct TaskElement: Sendable {
    let neID: String
    let state: String
    let reason: String?
    let attempts: Int
    let updatedAt: Date

    init(_ row: DatabaseRow) {
        neID = row.string("ne_id") ?? ""
        state = row.string("state") ?? ""
        reason = row.string("reason")
        attempts = row.int("attempts") ?? 0
        updatedAt = Date(timeIntervalSince1970: TimeInterval(row.int("updated_at") ?? 0))
    }

    var json: JSONValue {
        var fields: [String: JSONValue] = ["neId": .string(neID), "state": .string(state), "attempts": .number(Double(attempts)),
                                           "updatedAt": .string(DocumentTime.format(updatedAt))]
        if let reason { fields["reason"] = .string(reason) }
        return .object(fields)
    }
}
