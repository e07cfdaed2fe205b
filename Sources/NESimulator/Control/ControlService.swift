import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The control API, on its own listener: lists the NEs, switches their faults, and makes them push
/// alarms and KPI reports to the OMC on demand.
///
/// - `GET /control/ne` — every NE's type, id, name, port, url, fault and listening flag.
/// - `GET /control/ne/{type}/{id}` — one NE.
/// - `PUT /control/ne/{type}/{id}/fault` — `{"mode": …, "delayMs": …, "flapSeconds": …}`.
/// - `POST /control/ne/{type}/{id}/alarm` — optional alarm fields; answers with the OMC's status.
/// - `POST /control/ne/{type}/{id}/kpi` — optional `{"kpis": {…}}`; answers with the OMC's status.
/// - `PUT /control/ne/{type}/{id}/maintenance` — `{"failAt": ["activate", …], "restartSeconds": 2}`:
///   the software and configuration steps the NE fails (``MaintenanceFailure``), and how long it restarts.
struct ControlService: Sendable {
    let nes: [SimulatedNE]
    let pusher: OMCPusher
    let probe: SystemProbe
    private let index: [String: SimulatedNE]

    init(nes: [SimulatedNE], pusher: OMCPusher, probe: SystemProbe) {
        self.nes = nes
        self.pusher = pusher
        self.probe = probe
        var index: [String: SimulatedNE] = [:]
        for ne in nes { index[ne.definition.key.lowercased()] = ne }
        self.index = index
    }

    /// The answer to `request`; never throws.
    func respond(to request: Request) async -> Response {
        let path = request.uri.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        do {
            guard path.count >= 2, path[0] == "control", path[1] == "ne" else {
                throw NEReplyError(status: 404, "no such control endpoint: \(request.uri.path); see GET /control/ne")
            }
            if path.count == 2 {
                try Self.require(.get, request)
                var list: [JSONValue] = []
                for ne in nes { list.append(await ne.status()) }
                return NEReply.success(.array(list))
            }
            guard path.count == 4 || path.count == 5 else {
                throw NEReplyError(status: 404, "no such control endpoint: \(request.uri.path)")
            }
            guard let ne = index["\(path[2])/\(path[3])".lowercased()] else {
                throw NEReplyError(status: 404, "no NE \(path[2])/\(path[3]); GET /control/ne lists them")
            }
            if path.count == 4 {
                try Self.require(.get, request)
                return NEReply.success(await ne.status())
            }
            switch path[4] {
            case "fault":
                try Self.require(.put, request)
                return try await fault(ne, request)
            case "alarm":
                try Self.require(.post, request)
                return try await alarm(ne, request)
            case "kpi":
                try Self.require(.post, request)
                return try await kpi(ne, request)
            case "maintenance":
                try Self.require(.put, request)
                guard let body = try await Self.body(request) else {
                    throw NEReplyError(status: 400, #"the body must be a JSON object like {"failAt": ["activate"]}"#)
                }
                try ne.context.maintenance.configure(body)
                return NEReply.success(ne.context.maintenance.settingsJSON)
            default:
                throw NEReplyError(status: 404, "no such control endpoint: \(request.uri.path); use fault, alarm, kpi or maintenance")
            }
        } catch {
            return NEReply.failure(error)
        }
    }

    private static func require(_ method: HTTPRequest.Method, _ request: Request) throws(NEReplyError) {
        guard request.method == method else {
            throw NEReplyError(status: 405, "\(request.method.rawValue) is not allowed on \(request.uri.path); use \(method.rawValue)")
        }
    }

    /// The body as JSON, `nil` when empty.
    private static func body(_ request: Request) async throws -> JSONValue? {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: NERequest.defaultJSONLimit)
        } catch {
            throw NEReplyError(status: 413, "the body is larger than \(NERequest.defaultJSONLimit) bytes")
        }
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
        guard let value = JSONValue.parse(data) else { throw NEReplyError(status: 400, "the body is not valid JSON") }
        return value
    }

    private func fault(_ ne: SimulatedNE, _ request: Request) async throws -> Response {
        guard let body = try await Self.body(request) else {
            throw NEReplyError(status: 400, #"the body must be a JSON object like {"mode": "refuse"}"#)
        }
        let settings = try FaultSettings.parse(body)
        do {
            try await ne.faults.apply(settings)
        } catch {
            throw NEReplyError(status: 500, "fault \(settings.mode.rawValue) set, but \(ne.definition.key) cannot listen again: \(error)")
        }
        return NEReply.success(await ne.status())
    }

    private func alarm(_ ne: SimulatedNE, _ request: Request) async throws -> Response {
        let body = try await Self.body(request)
        guard body == nil || body?.objectValue != nil else {
            throw NEReplyError(status: 400, "the body must be a JSON object of alarm fields, or empty")
        }
        let alarm = try ne.nextAlarm(overrides: body?.objectValue ?? [:])
        return relay(await pusher.pushAlarm(alarm, neType: ne.definition.type), sent: alarm)
    }

    private func kpi(_ ne: SimulatedNE, _ request: Request) async throws -> Response {
        let extra = try KPIReporter.extraKPIs(try await Self.body(request))
        let report = ne.reporter.report(sample: await probe.sample(), extra: await ne.moduleKPIs().merging(extra) { _, given in given })
        return relay(await pusher.pushKPIReport(report, neType: ne.definition.type), sent: report)
    }

    /// Answers with the OMC's status, or 502 when it could not be reached.
    private func relay(_ outcome: PushOutcome, sent: JSONValue) -> Response {
        switch outcome {
        case .notConfigured:
            return NEReply.failure(409, "no OMC address is configured; start omc-nesim with --omc URL or set omc: in the file")
        case .unreachable(let reason):
            return NEReply.failure(502, "the OMC at \(pusher.omc?.absoluteString ?? "?") cannot be reached: \(reason)")
        case .answered(let status, let body):
            // These statuses carry no body in HTTP.
            if status == 204 || status == 304 || status < 200 {
                return Response(status: HTTPResponse.Status(code: status))
            }
            let success = (200..<300).contains(status)
            return NEReply.json([
                "code": .int(status), "msg": .string(success ? "Success" : "the OMC answered \(status)"),
                "data": ["omcStatus": .int(status), "omcBody": JSONValue.parse(Data(body.utf8)) ?? .string(body), "sent": sent],
            ], status: status)
        }
    }
}
