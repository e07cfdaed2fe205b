import Foundation

/// Builds the document's measurement report (`POST …/objectType/measurement`) of one task for one
/// period, with plausible values: counters that grow with the time of day, gauges that wander, and
/// successes that are `successRatio` of the matching attempts (`…Succ…`/`…Successes` of `…Att…`/`…Attempts`).
enum MeasurementReportBuilder {
    static func report(_ task: MeasurementTasks.Task, periodStart: Date, identity: NEDefinition, sequence: Int,
                       successRatio: Double) -> JSONValue {
        let kpis: [JSONValue] = task.kpis.map { kpi in
            ["KPIID": .string(kpi), "KPIValues": [["Name": "Total", "Value": .int(value(kpi, at: periodStart, task: task, ratio: successRatio))]]]
        }
        return [
            "Index": .int(sequence), "NeName": .string(identity.name), "NeId": .string(identity.id),
            "RmUID": .string("\(identity.type)\(identity.serialNum)\(identity.id)"), "NeType": .string(identity.type),
            "PmVersion": .string(identity.version), "Dn": .string("SubNetwork=\(identity.province),ManagedElement=\(identity.name)"),
            "Period": .string(String(task.granularity)), "TimeZone": .string("UTC\(TimeFormat.offset(periodStart))"),
            "StartTime": .string(TimeFormat.local(periodStart)), "TaskId": .int(task.id),
            "Datas": [["ObjectType": .string("\(identity.type)Function"), "KPIs": .array(kpis)]],
        ]
    }

    /// A report the OMC must refuse: the shape is wrong and a value is not a number.
    static func garbage(_ identity: NEDefinition) -> JSONValue {
        ["NeType": .string(identity.type), "Period": "soon", "StartTime": "yesterday",
         "Datas": [["ObjectType": "", "KPIs": [["KPIID": "", "KPIValues": [["Name": "Total", "Value": "many"]]]]]]]
    }

    static func value(_ kpi: String, at start: Date, task: MeasurementTasks.Task, ratio: Double) -> Int {
        for (success, attempt) in [("Successes", "Attempts"), ("Succ", "Att")] where kpi.contains(success) {
            let attempts = kpi.replacingOccurrences(of: success, with: attempt)
            return Int((Double(base(attempts, at: start, task: task)) * ratio).rounded())
        }
        return base(kpi, at: start, task: task)
    }

    /// Traffic shaped by the hour of day, scaled by the period's length, plus a stable per-KPI offset.
    static func base(_ kpi: String, at start: Date, task: MeasurementTasks.Task) -> Int {
        let seed = kpi.unicodeScalars.reduce(UInt32(2_166_136_261)) { ($0 ^ $1.value) &* 16_777_619 }
        let hour = Double(Calendar.current.component(.hour, from: start))
        let daily = 0.6 + 0.4 * sin((hour - 6) / 24 * 2 * Double.pi)
        let wander = Double((Int(start.timeIntervalSince1970 / 60) &* 31 &+ Int(seed % 97)) % 50)
        return Int(Double(100 + Int(seed % 900)) * daily * Double(task.granularity) / 15 + wander)
    }
}
