import Logging

/// The scheduled pushes of one NE: every `alarmIntervalSeconds` it raises an alarm and, the next time,
/// clears it; every `kpiIntervalSeconds` it sends a KPI report. Failures are logged, never fatal.
struct PushScheduler: Sendable {
    let ne: SimulatedNE
    let pusher: OMCPusher
    let probe: SystemProbe
    let logger: Logger

    /// The tasks to run; none when both intervals are 0.
    func start() -> [Task<Void, Never>] {
        var tasks: [Task<Void, Never>] = []
        let definition = ne.definition
        if definition.alarmIntervalSeconds > 0 {
            tasks.append(Task { await alarms(every: definition.alarmIntervalSeconds) })
        }
        if definition.kpiIntervalSeconds > 0 {
            tasks.append(Task { await reports(every: definition.kpiIntervalSeconds) })
        }
        return tasks
    }

    private func alarms(every seconds: Double) async {
        var raised: JSONValue?
        while await pause(seconds) {
            let alarm: JSONValue?
            if let active = raised, let id = active["alarmId"]?.stringValue, let code = active["alarmCode"] {
                // Clear the alarm raised last time: same alarmId and code, status 0.
                alarm = try? ne.nextAlarm(overrides: ["alarmId": .string(id), "alarmCode": code, "alarmStatus": 0])
                raised = nil
            } else {
                alarm = try? ne.nextAlarm()
                raised = alarm
            }
            guard let alarm else { continue }
            ne.context.alarms.record(alarm)
            log(await pusher.pushAlarm(alarm, neType: ne.definition.type, credential: ne.pushCredential), what: "alarm")
        }
    }

    private func reports(every seconds: Double) async {
        while await pause(seconds) {
            let report = ne.reporter.report(sample: await probe.sample(), extra: await ne.moduleKPIs())
            log(await pusher.pushKPIReport(report, neType: ne.definition.type, credential: ne.pushCredential), what: "KPI report")
        }
    }

    /// Sleeps; false once cancelled.
    private func pause(_ seconds: Double) async -> Bool {
        do {
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return true
        } catch {
            return false
        }
    }

    private func log(_ outcome: PushOutcome, what: String) {
        switch outcome {
        case .answered(let status, _) where (200..<300).contains(status):
            logger.debug("\(ne.definition.key) pushed \(what)")
        case .answered(let status, let body):
            logger.warning("\(ne.definition.key): the OMC answered \(status) to a \(what): \(body.prefix(200))")
        case .unreachable(let reason):
            logger.warning("\(ne.definition.key): cannot push a \(what) to the OMC: \(reason)")
        case .notConfigured:
            break
        }
    }
}
