import Foundation
import PluginAPI

/// A trace task as the list and detail routes show it.
struct TraceTask: Encodable, Sendable {
    let id: Int
    let traceType: String
    let neType: String
    let neId: String
    let interfaces: [String]
    let srcIp: String?
    let signalPort: Int?
    let startTime: String
    let endTime: String
    let state: String
    let reason: String?
    let activatedAt: String?
    let finishedAt: String?
    let createdBy: String?
    let createdAt: String
    let updatedAt: String
    /// When the task ends, for the scheduler; not shown.
    let endAt: Date

    private enum CodingKeys: String, CodingKey {
        case id, traceType, neType, neId, interfaces, srcIp, signalPort, startTime, endTime, state, reason
        case activatedAt, finishedAt, createdBy, createdAt, updatedAt
    }

    init(_ row: DatabaseRow) {
        id = row.int("id") ?? 0
        traceType = row.string("trace_type") ?? ""
        neType = row.string("ne_type") ?? ""
        neId = row.string("ne_id") ?? ""
        interfaces = (row.string("interfaces") ?? "").split(separator: ",").map(String.init)
        srcIp = row.string("src_ip")
        signalPort = row.int("signal_port")
        startTime = TraceTime.format(Date(timeIntervalSince1970: row.double("start_at") ?? 0))
        endAt = Date(timeIntervalSince1970: row.double("end_at") ?? 0)
        endTime = TraceTime.format(endAt)
        state = row.string("state") ?? ""
        reason = row.string("reason")
        activatedAt = row.double("activated_at").map { TraceTime.format(Date(timeIntervalSince1970: $0)) }
        finishedAt = row.double("finished_at").map { TraceTime.format(Date(timeIntervalSince1970: $0)) }
        createdBy = row.string("created_by")
        createdAt = TraceTime.format(Date(timeIntervalSince1970: row.double("created_at") ?? 0))
        updatedAt = TraceTime.format(Date(timeIntervalSince1970: row.double("updated_at") ?? 0))
    }

    var key: String { "\(neType)/\(neId)" }
}
