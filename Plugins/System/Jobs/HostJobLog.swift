import Foundation
import PluginAPI

/// Logs the runs of the jobs the host runs for the plugins (``JobRunFinished``), so that the job log
/// shows everything that ran.
enum HostJobLog {
    static func declare(_ plugin: inout PluginRegistrar, settings: SystemSettings) {
        guard settings.logHostJobs else { return }
        plugin.subscribe(to: JobRunFinished.self) { event, context in
            let key = "\(event.pluginID).\(event.jobName)"
            let run = JobLogEntry.Run(jobId: key, jobName: event.jobName, jobGroup: ScheduledJob.hostGroup, invokeTarget: key,
                                      targetParams: "", startedAt: event.startedAt,
                                      endedAt: event.startedAt.addingTimeInterval(Double(event.durationMilliseconds) / 1000),
                                      message: nil, failure: event.failure, trigger: "host")
            try await context.database.write { db in try JobLogStore.insert(run, in: db) }
        }
    }
}
