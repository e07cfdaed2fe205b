import Foundation
import PluginAPI

/// Runs the plugins' scheduled jobs on the host's clock, one task per job, and publishes
/// ``PluginAPI/JobRunFinished`` after every run. A run that overlaps the next due time delays it.
struct JobScheduler: Sendable {
    struct ScheduledJob: Sendable {
        let declaration: JobDeclaration
        let cron: CronSchedule?
        let context: PluginContext
    }

    let jobs: [ScheduledJob]
    let clock: any OMCClock
    let events: any EventPublisher

    /// Runs every job until the calling task is cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            for job in jobs {
                group.addTask { await loop(job) }
            }
        }
    }

    private func loop(_ job: ScheduledJob) async {
        var previous = clock.now()
        while !Task.isCancelled {
            guard let due = nextRun(of: job, after: previous) else { return }
            do { try await clock.sleep(until: due) } catch { return }
            let started = clock.now()
            var failure: String?
            do {
                try await job.declaration.run(job.context)
            } catch {
                failure = String(describing: error)
                job.context.logger.error("job \(job.declaration.name) failed: \(error)")
            }
            let duration = Int(clock.now().timeIntervalSince(started) * 1000)
            await events.publish(JobRunFinished(pluginID: job.context.pluginID, jobName: job.declaration.name,
                                                startedAt: started, durationMilliseconds: duration, failure: failure))
            previous = max(due, clock.now())
        }
    }

    private func nextRun(of job: ScheduledJob, after date: Date) -> Date? {
        switch job.declaration.schedule {
        case .every(let seconds): date.addingTimeInterval(TimeInterval(seconds))
        case .cron: job.cron?.nextDate(after: date)
        }
    }
}
