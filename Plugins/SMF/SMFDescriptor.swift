import PluginAPI

/// What the OMC knows about the SMF NE type. The success rates are reported by the NE as computed
/// values, `successes / attempts × 100` over the report period (``KPIDefinition`` has no formula yet).
enum SMFDescriptor {
    static let descriptor = NETypeDescriptor(
        name: SMFPlugin.neType, summary: "Session Management Function",
        alarms: [
            AlarmDefinition(code: "SMF-1001", name: "N4 association to a UPF down", severity: .major,
                            repairAdvice: "Check the PFCP path to the UPF named in the alarm and the UPF's state; sessions anchored there are lost."),
            AlarmDefinition(code: "SMF-1002", name: "No UPF available for a DNN", severity: .critical,
                            repairAdvice: "Every UPF serving the DNN is down or full: restore one, or add the DNN to another UPF's selection."),
            AlarmDefinition(code: "SMF-2001", name: "UE IP address pool above 90%", severity: .minor,
                            repairAdvice: "Extend the pool of the DNN named in the alarm, or shorten idle session timers."),
            AlarmDefinition(code: "SMF-2002", name: "PDU session establishment success rate below threshold", severity: .major,
                            repairAdvice: "Look at the failure causes: PCF (N7) policy refusals, UDM (N10) subscription data, UPF (N4) answers."),
            AlarmDefinition(code: "SMF-3001", name: "PCF unreachable", severity: .major,
                            repairAdvice: "Check the N7 path to the PCF; sessions fall back to local policies meanwhile."),
            AlarmDefinition(code: "SMF-3002", name: "CHF unreachable", severity: .minor,
                            repairAdvice: "Check the N40 path to the CHF; charging data is buffered until it returns."),
        ],
        kpis: [
            KPIDefinition(id: "SMF.OnlineUEs", name: "UEs with at least one PDU session", unit: "count", aggregation: .average),
            KPIDefinition(id: "SMF.PDUSessions", name: "PDU sessions", unit: "count", aggregation: .average),
            KPIDefinition(id: "SMF.PDUSessionEstabAttempts", name: "PDU session establishment attempts", unit: "count"),
            KPIDefinition(id: "SMF.PDUSessionEstabSuccesses", name: "PDU session establishment successes", unit: "count"),
            KPIDefinition.derived(id: "SMF.PDUSessionEstabSuccessRate", name: "PDU session establishment success rate", unit: "%",
                                  formula: "100 * SMF.PDUSessionEstabSuccesses / SMF.PDUSessionEstabAttempts"),
            KPIDefinition(id: "SMF.IPPoolUsage", name: "UE IP address pool usage", unit: "%", aggregation: .maximum),
            KPIDefinition(id: "SMF.N4AssociatedUPFs", name: "UPFs with an N4 association", unit: "count", aggregation: .minimum),
        ],
        configSections: [
            NEConfigSection(name: "system", parameters: [
                .string("logLevel", allowed: ["debug", "info", "warning", "error"], help: "log verbosity of the SMF"),
                .integer("maxSessions", range: 1...10_000_000, help: "most PDU sessions the SMF holds"),
                .string("smfId", maxLength: 64, readOnly: true, help: "the SMF's NF instance name"),
            ]),
            NEConfigSection(name: "dnn", parameters: [
                .string("dnn", maxLength: 100, required: true, help: "data network name"),
                .string("ipPool", maxLength: 43, required: true, help: "UE address pool, CIDR"),
                .string("dns", maxLength: 45, help: "DNS server given to UEs"),
                .integer("mtu", range: 576...9000, help: "MTU given to UEs"),
            ], isList: true),
            NEConfigSection(name: "upf", parameters: [
                .string("upfId", maxLength: 64, required: true, help: "UPF name"),
                .string("n4Address", maxLength: 45, required: true, help: "the UPF's PFCP address"),
                .string("dnns", maxLength: 1000, help: "DNNs the UPF serves, comma-separated"),
            ], isList: true),
        ],
        traceableInterfaces: ["N4", "N7", "N10", "N11", "N16", "N40"])
}
