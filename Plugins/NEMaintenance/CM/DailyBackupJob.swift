import PluginAPI

/// Once a day (`backupSchedule`), backs up every registered NE, `backupConcurrency` at a time, then
/// removes backups older than `backupRetentionDays` (keeping each NE's newest). An NE that fails is
/// logged and counted; the others go on. The run is a long operation, so its progress shows at
/// `/monitor/operation/…`.
enum DailyBackupJob {
    static func declare(_ plugin: inout PluginRegistrar, settings: NEMaintenanceSettings) {
        guard settings.dailyBackup else { return }
        plugin.job("dailyBackup", schedule: .cron(settings.backupSchedule), summary: "Back up every NE's configuration and apply the retention") { context in
            try await run(settings, context)
        }
    }

    static func run(_ settings: NEMaintenanceSettings, _ context: PluginContext) async throws {
        let elements = try await context.network.elements(type: nil)
        try await context.operations.run("nemaint.cm.dailyBackup", title: "Daily configuration backup of \(elements.count) NEs",
                                         for: nil, total: elements.count) { tracker in
            var done = 0
            var failed = 0
            let backUp: @Sendable (NetworkElement) async -> String? = { element in
                do {
                    _ = try await BackupService.backUp(element, origin: "daily", by: "daily backup", context)
                    return nil
                } catch {
                    return "NE \(element.key): \(error)"
                }
            }
            await withTaskGroup(of: String?.self) { group in
                var started = 0
                while started < min(settings.backupConcurrency, elements.count) {
                    let element = elements[started]
                    group.addTask { await backUp(element) }
                    started += 1
                }
                while let outcome = await group.next() {
                    done += 1
                    if let outcome {
                        failed += 1
                        tracker.error(outcome)
                        context.logger.warning("daily backup failed: \(outcome)")
                    }
                    tracker.progress(phase: "backing up", done: done)
                    if started < elements.count {
                        let element = elements[started]
                        group.addTask { await backUp(element) }
                        started += 1
                    }
                }
            }
            let purged = try await BackupService.purge(olderThan: settings.backupRetentionDays, context)
            context.logger.info("daily backup: \(elements.count - failed) of \(elements.count) NEs backed up, \(purged) old backups removed")
        }
    }
}
