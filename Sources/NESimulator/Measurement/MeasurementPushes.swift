import Foundation
import Logging

/// Pushes one NE's measurement reports: at the end of every period of each active task, the
/// period's report goes to the OMC's `…/objectType/measurement`.
///
/// The periods follow a clock that may run fast: with `speed` above 1 it starts a day in the past
/// and runs `speed` times faster until it catches up with real time, so a test or a demo sees a
/// day of history in minutes, and no period is ever stamped in the future.
struct MeasurementPushes: Sendable {
    let ne: SimulatedNE
    let pusher: OMCPusher
    let speed: Double
    let logger: Logger

    func run() async {
        let realStart = Date()
        let origin = speed > 1 ? realStart.addingTimeInterval(-86_400) : realStart
        var minute = Int((origin.timeIntervalSince1970 / 60).rounded(.down))
        var sequence = 0
        while !Task.isCancelled {
            minute += 1
            let boundary = Date(timeIntervalSince1970: TimeInterval(minute * 60))
            // Real time at which the virtual clock reaches the boundary.
            let due = realStart.addingTimeInterval(max(0, boundary.timeIntervalSince(origin)) / speed)
            let wait = max(due.timeIntervalSinceNow, boundary.timeIntervalSinceNow)
            if wait > 0 {
                do { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) } catch { return }
            }
            for task in await ne.context.measurements.all where task.active && minute % task.granularity == 0 {
                let start = boundary.addingTimeInterval(-Double(task.granularity * 60))
                guard task.measures(start) else { continue }
                sequence += 1
                await push(task, periodStart: start, sequence: sequence)
            }
        }
    }

    /// Pushes the report of `task` for the period starting at `periodStart`, unless the control API
    /// asked to skip it or to send garbage instead.
    func push(_ task: MeasurementTasks.Task, periodStart: Date, sequence: Int) async {
        guard let report = await ne.context.measurements.report(task, periodStart: periodStart, identity: ne.definition,
                                                                 sequence: sequence) else { return }
        let outcome = await pusher.pushMeasurement(report, neType: ne.definition.type, credential: ne.pushCredential)
        if case .answered(let status, let body) = outcome, !(200..<300).contains(status) {
            logger.warning("\(ne.definition.key): the OMC answered \(status) to a measurement report: \(body.prefix(200))")
        } else if case .unreachable(let reason) = outcome {
            logger.warning("\(ne.definition.key): cannot push a measurement report: \(reason)")
        }
    }
}
