import Foundation
import PluginAPI

/// The OMC's own alarm for its data folder running low on disk space: raised when less than
/// `diskFreeMinimumPercent` of its file system is free, cleared when there is room again.
enum DiskSpaceCheck {
    static let definition = OMCAlarms.diskSpaceLow
    /// The OMC itself, as its alarms name it.
    static let omcType = "OMC", omcID = "OMC"

    static func declare(_ plugin: inout PluginRegistrar, settings: FaultSettings) {
        plugin.job("check-data-folder-space", schedule: .every(seconds: 60),
                   summary: "Raise an alarm while the data folder's file system has less than \(settings.diskFreeMinimumPercent) % free") { context in
            try await check(context, minimumPercent: settings.diskFreeMinimumPercent)
        }
    }

    static func check(_ context: PluginContext, minimumPercent: Int) async throws {
        let attributes = try FileManager.default.attributesOfFileSystem(forPath: context.host.dataDirectory)
        guard let free = (attributes[.systemFreeSize] as? NSNumber)?.doubleValue,
              let size = (attributes[.systemSize] as? NSNumber)?.doubleValue, size > 0 else { return }
        let percent = free / size * 100
        let low = percent < Double(minimumPercent)
        let report = AlarmReport(
            neType: omcType, neID: omcID, neName: "OMC", managedObject: "data folder \(context.host.dataDirectory)",
            alarmCode: definition.code, title: definition.name, alarmType: .environmental, probableCause: "storage capacity problem",
            specificProblem: "less than \(minimumPercent) % of the disk is free",
            additionalText: String(format: "%.1f %% free (%.0f MiB of %.0f MiB)", percent, free / 1_048_576, size / 1_048_576),
            severity: AlarmSeverity(definition.severity), eventTime: context.clock.now(), transition: low ? .raise : .clear,
            neAlarmID: "", source: "OMC", origin: .omc)
        let active = try await context.database.read { db in
            try AlarmLedger(db: db, catalog: AlarmCatalog(host: context.host), receivedAt: "").active(report) != nil
        }
        // Raise once while low (no repeat every minute); clear only what is active.
        guard low != active else { return }
        _ = try await FaultService.ingest([report], context: context, at: context.clock.now(),
                                          clearReason: "cleared by the OMC: there is room on the disk again")
    }
}
