public import Foundation
import Synchronization

/// Builds one NE's KPI reports (`measureReport`): each covers the time since the previous report and
/// counts what the NE really did in it, plus the process's CPU and memory.
public final class KPIReporter: Sendable {
    private struct Period {
        var counters: [String: Int]
        var start: Date
    }

    private let context: NEContext
    private let period: Mutex<Period>

    /// A reporter whose first period starts when the NE starts.
    public init(context: NEContext) {
        self.context = context
        period = Mutex(Period(counters: context.counters.snapshot(), start: context.startedAt))
    }

    /// The next report; `extra` adds KPIs (`{"AMF.RegisteredUEs": 42}`) to the NE function's object.
    public func report(sample: SystemSample, extra: [String: JSONValue] = [:], at now: Date = Date()) -> JSONValue {
        let counters = context.counters.snapshot()
        let previous = period.withLock { period in
            defer { period = Period(counters: counters, start: now) }
            return period
        }
        let identity = context.identity
        let id = NECounters.increment(context.counters.reportSequence)
        func kpi(_ id: String, _ value: JSONValue, name: String = "Total") -> JSONValue {
            ["KPIID": .string(id), "KPIValues": [["Name": .string(name), "Value": value]]]
        }
        var functionKPIs = counters.keys.sorted().map { key in
            kpi("\(identity.type).\(key)", .int(max(0, (counters[key] ?? 0) - (previous.counters[key] ?? 0))))
        }
        functionKPIs += extra.keys.sorted().compactMap { key in extra[key].map { kpi(key, $0) } }
        let system: [JSONValue] = [
            kpi("\(identity.type).CpuUsage", .int(sample.nfCpuUsage), name: "nf"),
            kpi("\(identity.type).SysCpuUsage", .int(sample.sysCpuUsage), name: "sys"),
            kpi("\(identity.type).MemUsed", .int(sample.nfUsedMem), name: "nf"),
        ]
        let seconds = max(0, Int(now.timeIntervalSince(previous.start).rounded()))
        return [
            "id": .int(id),
            "NeType": .string(identity.type), "NeName": .string(identity.name), "NeId": .string(identity.id),
            "RmUID": .string("\(identity.type)\(identity.serialNum)\(identity.id)"),
            "PmVersion": .string(identity.version),
            "Dn": .string("SubNetwork=\(identity.province),ManagedElement=\(identity.name)"),
            "Period": .string(String(seconds)),
            "TimeZone": .string("UTC\(TimeFormat.offset(now))"),
            "StartTime": .string(TimeFormat.local(previous.start)),
            "Datas": [
                ["ObjectType": .string("\(identity.type)Function"), "KPIs": .array(functionKPIs)],
                ["ObjectType": "System", "KPIs": .array(system)],
            ],
        ]
    }

    /// Checks the control API's `{"kpis": {"KPIID": number, …}}` body; returns the KPIs.
    public static func extraKPIs(_ body: JSONValue?) throws(NEReplyError) -> [String: JSONValue] {
        guard let body, body != .null else { return [:] }
        guard let fields = body.objectValue else { throw NEReplyError(status: 400, #"the body must be {"kpis": {"KPIID": number, …}} or empty"#) }
        if let unknown = fields.keys.sorted().first(where: { $0 != "kpis" }) {
            throw NEReplyError(status: 400, "unknown field '\(unknown)'; expected: kpis")
        }
        guard let kpis = fields["kpis"] else { return [:] }
        guard let values = kpis.objectValue else { throw NEReplyError(status: 400, "kpis must be an object of KPIID: number") }
        for (key, value) in values where key.isEmpty || value.doubleValue == nil {
            throw NEReplyError(status: 400, "kpis.\(key) must be a number, and KPI ids must not be empty")
        }
        return values
    }
}
