import Foundation
import PluginAPI

/// Alarms the OMC raises itself: "NE communication lost" from ``NEStateChanged`` (cleared when the NE
/// answers again), and those other plugins publish as ``AlarmReported``.
enum FaultSubscriptions {
    /// The managed object of the OMC's own alarms about an NE: its management link.
    static let managementLink = "OMC management link"

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.subscribe(to: NEStateChanged.self) { event, context in
            try await communication(event, context)
        }
        plugin.subscribe(to: AlarmReported.self) { event, context in
            try await reported(event, context)
        }
    }

    static func communication(_ event: NEStateChanged, _ context: PluginContext) async throws {
        let element = event.element
        let definition = OMCAlarms.communicationLost
        let report = AlarmReport(
            neType: element.neType, neID: element.neID, neName: element.name, managedObject: managementLink,
            alarmCode: definition.code, title: definition.name, alarmType: .communications, probableCause: "communication failure",
            specificProblem: "the NE does not answer the OMC", additionalText: event.reason ?? "the NE answers again",
            severity: AlarmSeverity(definition.severity), eventTime: event.time, transition: event.online ? .clear : .raise,
            neAlarmID: "", source: "OMC", origin: .omc)
        if event.online {
            // An NE seen online for the first time has no such alarm: nothing to clear, nothing to keep.
            let active = try await context.database.read { db in
                try AlarmLedger(db: db, catalog: AlarmCatalog(host: context.host), receivedAt: "").active(report) != nil
            }
            guard active else { return }
        }
        let outcome = try await FaultService.ingest([report], context: context, at: context.clock.now(),
                                                    clearReason: "cleared by the OMC: the NE answers again")
        if outcome.raised > 0 { context.logger.warning("alarm raised: NE \(element.key) communication lost", ["reason": event.reason ?? ""]) }
    }

    static func reported(_ event: AlarmReported, _ context: PluginContext) async throws {
        let element = try await context.network.element(type: event.neType, id: event.neID)
        let report = AlarmReport(
            neType: event.neType, neID: event.neID, neName: element?.name ?? event.neID, managedObject: event.managedObject,
            alarmCode: event.alarmCode, title: event.title, alarmType: nil, probableCause: "", specificProblem: "",
            additionalText: event.text, severity: AlarmSeverity(event.severity), eventTime: event.time,
            transition: event.transition == .raise ? .raise : .clear, neAlarmID: "", source: event.source, origin: .plugin)
        _ = try await FaultService.ingest([report], context: context, at: context.clock.now(),
                                          clearReason: "cleared by \(event.source)")
    }
}
