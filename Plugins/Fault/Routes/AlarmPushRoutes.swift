import Foundation
import PluginAPI

/// The document's NE-facing routes: `POST …/faultManagement/v1/elementType/{neType}/objectType/alarms`
/// (an NE pushes alarms, proven by its push credential) and `GET …/alarms?ne_id=` (the OMC asks the NE
/// for its active alarms and brings its own list for that NE in line).
enum AlarmPushRoutes {
    static let path = "/api/rest/faultManagement/v1/elementType/{neType}/objectType/alarms"

    static func declare(_ plugin: inout PluginRegistrar, settings: FaultSettings) {
        let neType = RouteParameter.string("neType", maxLength: 32, description: "The pushing NE's type (UDM, SMF, …)")
        plugin.route(.post, path, permission: .open, audit: AuditClass.none,
                     summary: "An NE pushes alarms (one object or an array), with 'Authorization: NE <push credential>'",
                     bodyLimit: 4 * 1024 * 1024, parameters: [neType],
                     body: .json(ValueSchema.anyValue.described(
                        "One alarm {objectId, alarmTitle, eventTime, alarmCode, alarmType, perceivedSeverity 1-5, alarmStatus 1/0, specificProblem, "
                        + "additionalText, alarmSource} or an array of {neType, neId, alarmId, alarmTitle, eventTime, alarmCode, alarmType, "
                        + "origSeverity, alarmStatus, specificProblem, addInfo, locationInfo}")),
                     answer: .data(FaultContract.pushOutcome)) { request, context in
            try await push(request, context, settings: settings)
        }
        plugin.route(.get, path, permission: "fault:alarm:sync", audit: .update,
                     summary: "Synchronise the OMC's active alarms of one NE with the NE's own list", parameters: [neType],
                     query: [.string("ne_id", required: true, maxLength: 32, description: "The NE's id")],
                     answer: .data(FaultContract.syncOutcome)) { request, context in
            try await synchronise(request, context, settings: settings)
        }
    }

    static func push(_ request: OMCRequest, _ context: PluginContext, settings: FaultSettings) async throws -> OMCResponse {
        let element = try await context.pushCredentials.authenticate(request, neType: try request.pathParameter("neType"))
        let body = try await request.decode(JSONValue.self)
        let catalog = AlarmCatalog(host: context.host)
        let now = context.clock.now()
        let parser = AlarmPushParser(element: element, catalog: catalog.alarms(of: element.neType), now: now,
                                     futureToleranceSeconds: settings.futureToleranceSeconds, maximumAlarms: settings.maximumAlarmsPerPush)
        let reports: [AlarmReport]
        do {
            reports = try parser.reports(body)
        } catch .invalid(let problems) {
            context.logger.warning("alarm push of \(element.key) refused: malformed", ["requestId": request.requestID])
            throw OMCError(.invalidInput, problems.joined(separator: "; "))
        } catch .otherNE(let message) {
            context.logger.warning("alarm push of \(element.key) refused: it names another NE", ["requestId": request.requestID])
            throw OMCError(.forbidden, message)
        }
        let outcome = try await FaultService.ingest(reports, context: context, at: now)
        return .success(outcome)
    }

    static func synchronise(_ request: OMCRequest, _ context: PluginContext, settings: FaultSettings) async throws -> OMCResponse {
        let type = try request.pathParameter("neType").uppercased()
        let id = try request.query.required("ne_id")
        guard let element = try await context.network.element(type: type, id: id) else {
            throw OMCError.notFound("NE \(type)/\(id) is not registered")
        }
        let answer = try await context.network.send(
            .get("/api/rest/faultManagement/v1/elementType/\(type.lowercased())/objectType/alarms",
                 timeout: .seconds(settings.syncTimeoutSeconds)), to: element)
        guard answer.status == 200 else { throw answer.refusal(from: element, doing: "listing its active alarms") }
        let json = try answer.json(from: element)
        let list = json.arrayValue ?? json["data"]?.arrayValue
        guard let list else {
            throw OMCError(.neFailure, "NE \(element.key) answered its active alarms with something other than an array of alarms")
        }
        let now = context.clock.now()
        // The NE's list is in the document's array shape, as long as the NE has alarms.
        let parser = AlarmPushParser(element: element, catalog: AlarmCatalog(host: context.host).alarms(of: type), now: now,
                                     futureToleranceSeconds: settings.futureToleranceSeconds, maximumAlarms: max(1, list.count))
        let reports: [AlarmReport]
        do {
            reports = list.isEmpty ? [] : try parser.reports(.array(list))
        } catch .invalid(let problems) {
            throw OMCError(.neFailure, "NE \(element.key) answered alarms the OMC cannot read: \(problems.joined(separator: "; "))")
        } catch .otherNE(let message) {
            throw OMCError(.neFailure, "NE \(element.key) answered alarms of another NE: \(message)")
        }
        let outcome = try await FaultService.synchronise(element, with: reports.filter { $0.transition == .raise }, context: context, at: now)
        context.logger.info("alarms of \(element.key) synchronised: \(outcome.raised) raised, \(outcome.cleared) cleared, \(outcome.unchanged) unchanged")
        return .success(outcome)
    }
}
