import Foundation
import PluginAPI
import Synchronization

/// Runs the operators' active jobs on the host's clock: one loop per job that sleeps until the next
/// time its cron expression names, then runs the job's target through the host (`context.jobs`) and
/// logs the run.
///
/// - Misfires: when a loop wakes to find more than one run due (the OMC was down, or a run that may
///   not overlap took longer than the period) or its run more than ``misfireTolerance`` late, the
///   job's misfire policy decides: `1` runs every missed time (at most `maximumCatchUpRuns`), `0` and
///   `2` run once, `3` skips them. Missed runs are recorded up to the job's anchor, so this works
///   after a restart too.
/// - Overlap: a job with `concurrent` `0` starts each run in its own task, so runs may overlap; with
///   `1` a run is never started while another of the same job is going (a due run waits and then
///   counts as missed; "run now" is refused).
final class OperatorJobScheduler: Sendable {
    /// How late a single run may start and still count as on time.
    static let misfireTolerance: TimeInterval = 5

    private struct State {
        var loops: [Int64: Task<Void, Never>] = [:]
        var runs: [UUID: Task<Void, Never>] = [:]
        var running: [Int64: Int] = [:]
        var stopped = false
    }

    private let state = Mutex(State())
    let maximumCatchUpRuns: Int

    init(maximumCatchUpRuns: Int) {
        self.maximumCatchUpRuns = maximumCatchUpRuns
    }

    /// Starts the loops of every active job (at start, and for `resetQueueJob`).
    func startAll(_ context: PluginContext) async throws {
        let ids = try await context.database.read { db in try JobStore.activeIDs(in: db) }
        for id in ids { reschedule(id, context) }
    }

    /// Replaces job `id`'s loop by one reading its current row (none when it is inactive or gone).
    func reschedule(_ id: Int64, _ context: PluginContext) {
        let loop = Task { await self.loop(id, context) }
        let previous: Task<Void, Never>? = state.withLock { state in
            if state.stopped {
                loop.cancel()
                return nil
            }
            defer { state.loops[id] = loop }
            return state.loops[id]
        }
        previous?.cancel()
    }

    /// Stops every loop and run and waits for them.
    func stopAll() async {
        let tasks: [Task<Void, Never>] = state.withLock { state in
            state.stopped = true
            defer { state.loops = [:]; state.runs = [:] }
            return Array(state.loops.values) + Array(state.runs.values)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    /// Cancels every loop without stopping the scheduler (before `startAll` reloads them).
    func cancelLoops() {
        let loops: [Task<Void, Never>] = state.withLock { state in
            defer { state.loops = [:] }
            return Array(state.loops.values)
        }
        for loop in loops { loop.cancel() }
    }

    func isRunning(_ id: Int64) -> Bool {
        state.withLock { ($0.running[id] ?? 0) > 0 }
    }

    /// Starts one run of `job` now, apart from its schedule; refused when the job may not overlap and
    /// is running.
    func runNow(_ job: ScheduledJob, id: Int64, _ context: PluginContext) throws {
        guard job.allowsConcurrentRuns || !isRunning(id) else {
            throw OMCError(.conflict, "job \(id) is running and does not allow concurrent runs; try again when it has finished")
        }
        detach(job, id: id, trigger: "manual", context)
    }

    private func detach(_ job: ScheduledJob, id: Int64, trigger: String, _ context: PluginContext) {
        let key = UUID()
        let task = Task {
            await self.fire(job, id: id, trigger: trigger, context)
            _ = self.state.withLock { $0.runs.removeValue(forKey: key) }
        }
        state.withLock { state in
            if state.stopped { task.cancel() } else { state.runs[key] = task }
        }
    }

    private func loop(_ id: Int64, _ context: PluginContext) async {
        while !Task.isCancelled {
            let found: (ScheduledJob, Date)?
            do {
                found = try await context.database.read { db in try JobStore.anchored(id, in: db) }
            } catch {
                context.logger.error("job \(id): reading its schedule failed: \(error)")
                return
            }
            guard let (job, anchor) = found, job.isActive else { return }
            guard let cron = try? CronSchedule(job.cronExpression), let due = cron.nextDate(after: anchor) else {
                context.logger.warning("job \(id): its cron expression '\(job.cronExpression)' names no future time; it will not run")
                return
            }
            do { try await context.clock.sleep(until: due) } catch { return }
            if Task.isCancelled { return }
            let now = context.clock.now()
            var dueTimes = 1
            var last = due
            while dueTimes <= maximumCatchUpRuns, let next = cron.nextDate(after: last), next <= now {
                dueTimes += 1
                last = next
            }
            let missed = dueTimes > 1 || now.timeIntervalSince(due) > Self.misfireTolerance
            let runs: Int
            switch (missed, job.misfirePolicy) {
            case (false, _): runs = 1
            case (true, "1"): runs = min(dueTimes, maximumCatchUpRuns)
            case (true, "3"): runs = 0
            default: runs = 1
            }
            do {
                try await context.database.write { db in try JobStore.setAnchor(id, now, in: db) }
            } catch {
                context.logger.error("job \(id): recording its schedule failed: \(error)")
                return
            }
            if missed {
                context.logger.info("job \(id) missed \(dueTimes) run(s); misfire policy \(job.misfirePolicy) runs it \(runs) time(s)")
            }
            for _ in 0..<runs {
                if Task.isCancelled { return }
                let trigger = missed ? "misfire" : "schedule"
                if job.allowsConcurrentRuns {
                    detach(job, id: id, trigger: trigger, context)
                } else {
                    await fire(job, id: id, trigger: trigger, context)
                }
            }
        }
    }

    /// One run: the target through the host, then its log entry. A job that may not overlap and is
    /// already running is not run; the skipped run is logged.
    private func fire(_ job: ScheduledJob, id: Int64, trigger: String, _ context: PluginContext) async {
        let admitted = state.withLock { state in
            let count = state.running[id] ?? 0
            guard job.allowsConcurrentRuns || count == 0 else { return false }
            state.running[id] = count + 1
            return true
        }
        let started = context.clock.now()
        var message: String?
        var failure: String?
        if admitted {
            do {
                message = try await context.jobs.run(target: job.invokeTarget, parameters: try job.parameters)
            } catch let error as OMCError {
                failure = error.message
            } catch {
                failure = String(describing: error)
            }
            state.withLock { state in state.running[id] = max(0, (state.running[id] ?? 1) - 1) }
        } else {
            failure = "skipped: the previous run of job \(id) is still going and the job does not allow concurrent runs"
        }
        if let failure { context.logger.warning("job \(id) (\(job.invokeTarget)) failed: \(failure)") }
        let run = JobLogEntry.Run(jobId: job.jobId, jobName: job.jobName, jobGroup: job.jobGroup, invokeTarget: job.invokeTarget,
                                  targetParams: job.targetParams, startedAt: started, endedAt: context.clock.now(),
                                  message: message, failure: failure, trigger: trigger)
        do {
            try await context.database.write { db in try JobLogStore.insert(run, in: db) }
        } catch {
            context.logger.error("job \(id): logging its run failed: \(error)")
        }
    }
}
