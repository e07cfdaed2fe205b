import Foundation
import HTTPTypes
import Hummingbird

/// What every NE does for the OMC's trace plugin, whatever its type: trace tasks activated and
/// deactivated by the OMC, and packet captures of the NE's own traffic (see ``TrafficCapture``)
/// whose files the OMC downloads.
///
///     POST   …/elementType/{neType}/objectType/traceTask             activate {id, traceType, interfaces, startTime, endTime, srcIp?, signalPort?}
///     DELETE …/elementType/{neType}/objectType/traceTask?id=         deactivate
///     GET    …/elementType/{neType}/objectType/traceTask             active tasks
///     POST   …/elementType/{neType}/objectType/capture               {action: start|stop, fileName, mode, maxPackets?, timeoutSeconds?}
///     GET    …/elementType/{neType}/objectType/capture/file?fileName= the capture file
public struct TraceModule: NEModule {
    static let base = "/api/rest/traceManagement/v1/elementType/{neType}/objectType"
    /// Most packets a capture keeps when the OMC gives no limit.
    static let defaultMaximumPackets = 1_000_000

    private let tasks = TraceTaskTable()

    /// The module of one NE.
    public init() {}

    /// The trace task and capture endpoints.
    public var routes: [NERoute] {
        let tasks = self.tasks
        return [
            NERoute(.post, Self.base + "/traceTask") { call in try await Self.activate(call, tasks) },
            NERoute(.delete, Self.base + "/traceTask") { call in try await Self.deactivate(call, tasks) },
            NERoute(.get, Self.base + "/traceTask") { _ in NEReply.success(.array(await tasks.active)) },
            NERoute(.post, Self.base + "/capture", handler: Self.capture),
            NERoute(.get, Self.base + "/capture/file", handler: Self.download),
        ]
    }

    static func activate(_ call: NERequest, _ tasks: TraceTaskTable) async throws -> Response {
        let body = try await call.json()
        guard let id = body["id"]?.intValue, id > 0 else { throw NEReplyError(status: 400, "id must be a positive task number") }
        guard let interfaces = body["interfaces"]?.arrayValue, !interfaces.isEmpty, interfaces.allSatisfy({ $0.stringValue != nil }) else {
            throw NEReplyError(status: 400, "interfaces must be a non-empty list of interface names")
        }
        guard body["startTime"]?.stringValue != nil, body["endTime"]?.stringValue != nil else {
            throw NEReplyError(status: 400, "startTime and endTime are required")
        }
        await tasks.activate(id, body)
        return NEReply.success(["id": .int(id), "state": "active"])
    }

    static func deactivate(_ call: NERequest, _ tasks: TraceTaskTable) async throws -> Response {
        guard let id = call.query("id").flatMap({ Int($0) }) else { throw NEReplyError(status: 400, "id must be a task number") }
        guard await tasks.deactivate(id) else { throw NEReplyError(status: 404, "trace task \(id) is not active on \(call.context.identity.key)") }
        return NEReply.success(["id": .int(id), "state": "inactive"])
    }

    static func capture(_ call: NERequest) async throws -> Response {
        let body = try await call.json()
        let capture = call.context.capture
        let mode = body["mode"]?.stringValue ?? "tcpdump"
        switch body["action"]?.stringValue {
        case "start":
            let fileName = try CaptureFileRule.check(body["fileName"]?.stringValue)
            let maximum = body["maxPackets"]?.intValue ?? defaultMaximumPackets
            guard maximum > 0 else { throw NEReplyError(status: 400, "maxPackets must be positive") }
            let timeout = body["timeoutSeconds"]?.intValue
            if let timeout, timeout <= 0 { throw NEReplyError(status: 400, "timeoutSeconds must be positive") }
            return NEReply.success(try await capture.start(fileName: fileName, mode: mode, maximumPackets: maximum, timeoutSeconds: timeout))
        case "stop":
            let fileName = try body["fileName"]?.stringValue.map { name throws(NEReplyError) in try CaptureFileRule.check(name) }
            return NEReply.success(try await capture.stop(fileName: fileName, mode: mode))
        default:
            throw NEReplyError(status: 400, "action must be start or stop")
        }
    }

    static func download(_ call: NERequest) async throws -> Response {
        let fileName = try CaptureFileRule.check(call.query("fileName"))
        let capture = call.context.capture
        guard await !capture.isCapturing(fileName) else {
            throw NEReplyError(status: 409, "the capture into \(fileName) is still running; stop it first")
        }
        let store = FileStore(root: capture.folder)
        let body: ResponseBody
        let size: Int
        do {
            (body, size) = try await store.load(fileName, context: call.requestContext)
        } catch let error as NEReplyError where error.status == 404 {
            throw NEReplyError(status: 404, "\(call.context.identity.key) has no capture file '\(fileName)'")
        }
        var fields = HTTPFields()
        fields[.contentType] = "application/vnd.tcpdump.pcap"
        fields[.contentLength] = String(size)
        return Response(status: .ok, headers: fields, body: body)
    }
}
