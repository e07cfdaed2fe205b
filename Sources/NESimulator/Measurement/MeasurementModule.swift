import Foundation
import Hummingbird

/// What every NE does for the OMC's performance plugin, whatever its type: it holds the measurement
/// tasks the OMC sends and measures their KPIs (the reports are pushed by ``MeasurementPushes``).
///
///     POST   …/performanceManagement/v1/elementType/{neType}/objectType/measureTask?id=   take (or replace) a task
///     DELETE …/performanceManagement/v1/elementType/{neType}/objectType/measureTask?taskId= drop it (404 when not held)
///     GET    …/performanceManagement/v1/elementType/{neType}/objectType/measureTask       the tasks held
///     POST   …/performanceManagement/v1/elementType/{neType}/objectType/measureReport     {id}: the report of the last period over
public struct MeasurementModule: NEModule {
    static let path = "/api/rest/performanceManagement/v1/elementType/{neType}/objectType/measureTask"
    static let reportPath = "/api/rest/performanceManagement/v1/elementType/{neType}/objectType/measureReport"

    /// The module of one NE.
    public init() {}

    /// The measurement task endpoints.
    public var routes: [NERoute] {
        [
            NERoute(.post, Self.path) { call in
                let body = try await call.json()
                guard let id = call.query("id").flatMap({ Int($0) }) ?? body["id"]?.intValue, id > 0 else {
                    throw NEReplyError(status: 400, "id must be a positive task number")
                }
                let task = try await call.context.measurements.accept(id, body)
                return NEReply.success(["id": .int(id), "state": .string(task.active ? "active" : "inactive")])
            },
            NERoute(.delete, Self.path) { call in
                guard let id = call.query("taskId").flatMap({ Int($0) }) else { throw NEReplyError(status: 400, "taskId must be a task number") }
                guard await call.context.measurements.remove(id) else {
                    throw NEReplyError(status: 404, "measurement task \(id) is not held by \(call.context.identity.key)")
                }
                return NEReply.success(["id": .int(id), "state": "removed"])
            },
            NERoute(.get, Self.path) { call in
                NEReply.success(.array(await call.context.measurements.all.map(\.body)))
            },
            NERoute(.post, Self.reportPath) { call in
                let body = try await call.json()
                let measurements = call.context.measurements
                guard let id = body["id"]?.intValue, let task = await measurements.all.first(where: { $0.id == id }) else {
                    throw NEReplyError(status: 404, "\(call.context.identity.key) holds no measurement task \(body["id"]?.displayText ?? "?")")
                }
                // The last period that is over.
                let length = Double(task.granularity * 60)
                let start = Date(timeIntervalSince1970: ((Date().timeIntervalSince1970 / length).rounded(.down) - 1) * length)
                guard let report = await measurements.report(task, periodStart: start, identity: call.context.identity, sequence: id) else {
                    throw NEReplyError(status: 409, "the period of \(TimeFormat.local(start)) was not measured")
                }
                return NEReply.success(report)
            },
        ]
    }
}
