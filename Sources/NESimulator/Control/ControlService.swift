import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// The control API, on its own listener: lists the NEs, switches their faults, and makes them push
/// alarms and KPI reports to the OMC on demand.
///
/// - `GET /control/ne` — every NE's type, id, name, port, url, fault and listening flag.
/// - `GET /control/ne/{type}/{id}` — one NE.
/// - `PUT /control/ne/{type}/{id}/fault` — `{"mode": …, "delayMs": …, "flapSeconds": …}`.
/// - `POST /control/ne/{type}/{id}/alarm[?shape=full|single|array][&push=false]` — optional alarm
///   fields (`"alarmStatus": 0` clears); pushed in the document's single or array shape (`full`, the
///   default, carries the fields of both); `push=false` raises or clears on the NE without telling the
///   OMC (a synchronisation finds it). Answers with the OMC's status.
/// - `POST /control/ne/{type}/{id}/storm` — `{"rate": alarms per second, "seconds": T, "shape": …,
///   "batch": alarms per push}`: raises that many distinct alarms; answers what was sent and accepted.
/// - `POST /control/ne/{type}/{id}/kpi` — optional `{"kpis": {…}}`; answers with the OMC's status.
/// - `PUT /control/ne/{type}/{id}/maintenance` — `{"failAt": ["activate", …], "restartSeconds": 2}`:
///   the software and configuration steps the NE fails (``MaintenanceFailure``), and how long it restarts.
/// - `PUT /control/ne/{type}/{id}/credential` — `{"credential": "omcne_…"}` (or `null`): the push
///   credential the OMC issued to the NE, sent with its pushes from then on.
/// - `POST /control/ne/{type}/{id}/pm` — measurement switches `{"refuseTasks", "skipPeriods", "garbage",
///   "successRatio"}` and, with `"report": {"taskId", "startTime"}`, push that period's report now.
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
            case "storm":
                try Self.require(.post, request)
                return try await storm(ne, request)
            case "credential":
                try Self.require(.put, request)
                return try await credential(ne, request)
            case "pm":
                try Self.require(.post, request)
                return try await measurement(ne, request)
            default:
                throw NEReplyError(status: 404, "no such control endpoint: \(request.uri.path); use fault, alarm, kpi, maintenance, storm, credential or pm")
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
        let shapeName = request.uri.queryParameters.get("shape") ?? AlarmShape.full.rawValue
        guard let shape = AlarmShape(rawValue: shapeName) else {
            throw NEReplyError(status: 400, "shape must be full, single or array, not '\(shapeName)'")
        }
        let alarm = try ne.nextAlarm(overrides: body?.objectValue ?? [:])
        ne.context.alarms.record(alarm)
        if request.uri.queryParameters.get("push") == "false" {
            return NEReply.success(["active": .int(ne.context.alarms.count), "sent": alarm])
        }
        let sent = shape.body([alarm])
        return relay(await pusher.pushAlarm(sent, neType: ne.definition.type, credential: ne.pushCredential), sent: sent)
    }

    /// Pushes `rate` new alarms a second for `seconds`, `batch` alarms per push (1: one push each),
    /// each with its own managed object so that none correlates with another.
    private func storm(_ ne: SimulatedNE, _ request: Request) async throws -> Response {
        let fields = try await Self.body(request)?.objectValue ?? [:]
        let rate = fields["rate"]?.intValue ?? 100, seconds = fields["seconds"]?.intValue ?? 1, batch = fields["batch"]?.intValue ?? 1
        guard (1...100_000).contains(rate), (1...600).contains(seconds), (1...1000).contains(batch) else {
            throw NEReplyError(status: 400, "rate must be 1 to 100000, seconds 1 to 600 and batch 1 to 1000")
        }
        let shapeName = fields["shape"]?.stringValue ?? (batch > 1 ? "array" : "single")
        guard let shape = AlarmShape(rawValue: shapeName) else {
            throw NEReplyError(status: 400, "shape must be full, single or array, not '\(shapeName)'")
        }
        var sent = 0, accepted = 0, failed = 0
        let start = ContinuousClock.now
        for second in 0..<seconds {
            var left = rate
            while left > 0 {
                let count = min(batch, left)
                left -= count
                var alarms: [JSONValue] = []
                for _ in 0..<count {
                    let sequence = sent + alarms.count + 1
                    let alarm = try ne.nextAlarm(overrides: ["objectId": .string("\(ne.definition.name)/storm-\(sequence)"),
                                                             "alarmTitle": "alarm storm"])
                    ne.context.alarms.record(alarm)
                    alarms.append(alarm)
                }
                sent += count
                if case .answered(let status, _) = await pusher.pushAlarm(shape.body(alarms), neType: ne.definition.type,
                                                                          credential: ne.pushCredential), (200..<300).contains(status) {
                    accepted += count
                } else {
                    failed += count
                }
            }
            // Keep to the rate: the next second's alarms start a second after this one's.
            try? await Task.sleep(until: start + .seconds(second + 1), clock: .continuous)
        }
        return NEReply.success(["sent": .int(sent), "accepted": .int(accepted), "failed": .int(failed)])
    }

    private func kpi(_ ne: SimulatedNE, _ request: Request) async throws -> Response {
        let extra = try KPIReporter.extraKPIs(try await Self.body(request))
        let report = ne.reporter.report(sample: await probe.sample(), extra: await ne.moduleKPIs().merging(extra) { _, given in given })
        return relay(await pusher.pushKPIReport(report, neType: ne.definition.type, credential: ne.pushCredential), sent: report)
    }

    private func credential(_ ne: SimulatedNE, _ request: Request) async throws -> Response {
        guard let fields = try await Self.body(request)?.objectValue, let value = fields["credential"],
              fields.keys.allSatisfy({ $0 == "credential" }) else {
            throw NEReplyError(status: 400, #"the body must be {"credential": "omcne_…"} or {"credential": null}"#)
        }
        if value == .null {
            ne.pushCredential = nil
        } else {
            guard let text = value.stringValue, !text.isEmpty, text.count <= 256 else {
                throw NEReplyError(status: 400, "credential must be a non-empty string of at most 256 characters, or null")
            }
            ne.pushCredential = text
        }
        // The credential itself is never echoed back.
        return NEReply.success(["type": .string(ne.definition.type), "id": .string(ne.definition.id),
                                "credentialSet": .bool(ne.pushCredential != nil)])
    }

    private func measurement(_ ne: SimulatedNE, _ request: Request) async throws -> Response {
        let body = try await Self.body(request) ?? .object([:])
        let measurements = ne.context.measurements
        try await measurements.configure(body)
        guard let order = body["report"] else { return NEReply.success(await measurements.settings) }
        guard let id = order["taskId"]?.intValue, let task = await measurements.all.first(where: { $0.id == id }) else {
            throw NEReplyError(status: 404, "report.taskId must name a task \(ne.definition.key) holds")
        }
        guard let text = order["startTime"]?.stringValue, let start = TimeFormat.parseLocal(text) else {
            throw NEReplyError(status: 400, "report.startTime must be a local time like 2024-05-01 12:15:00")
        }
        let pushes = MeasurementPushes(ne: ne, pusher: pusher, speed: 1, logger: Logger(label: "omc-nesim"))
        await pushes.push(task, periodStart: start, sequence: id)
        return NEReply.success(await measurements.settings)
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
