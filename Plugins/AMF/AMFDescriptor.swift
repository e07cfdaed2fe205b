import PluginAPI

/// What the OMC knows about the AMF NE type. Derived KPIs (the success rates) are reported by the
/// NE as computed values, `successes / attempts × 100` over the report period, because the
/// ``KPIDefinition`` of PluginAPI carries no formula yet.
enum AMFDescriptor {
    static let descriptor = NETypeDescriptor(
        name: AMFPlugin.neType, summary: "Access and Mobility Management Function",
        alarms: [
            AlarmDefinition(code: "AMF-1001", name: "NG interface to a gNB down", severity: .major,
                            repairAdvice: "Check the SCTP association and transport path to the gNB named in the alarm, and the gNB's own state."),
            AlarmDefinition(code: "AMF-1002", name: "All NG associations down", severity: .critical,
                            repairAdvice: "The AMF serves no radio access: check the N2 interface addresses, routing and firewalls first."),
            AlarmDefinition(code: "AMF-2001", name: "Registration success rate below threshold", severity: .major,
                            repairAdvice: "Look at the failure causes per gNB and at the AUSF/UDM (N12, N8) answers."),
            AlarmDefinition(code: "AMF-2002", name: "UE context capacity above 90%", severity: .minor,
                            repairAdvice: "Raise system.maxUE after adding resources, or move tracking areas to another AMF of the set."),
            AlarmDefinition(code: "AMF-3001", name: "NRF registration lost", severity: .major,
                            repairAdvice: "Check the SBI path to the NRF and the AMF's NF profile; peers cannot discover this AMF meanwhile."),
            AlarmDefinition(code: "AMF-3002", name: "SMF unreachable", severity: .major,
                            repairAdvice: "Check the N11 path and the SMF's state; PDU session establishment fails meanwhile."),
        ],
        kpis: [
            KPIDefinition(id: "AMF.RegisteredUEs", name: "Registered UEs", unit: "count", aggregation: .average),
            KPIDefinition(id: "AMF.ConnectedGNBs", name: "Connected gNBs", unit: "count", aggregation: .average),
            KPIDefinition(id: "AMF.RegAttempts", name: "Initial registration attempts", unit: "count"),
            KPIDefinition(id: "AMF.RegSuccesses", name: "Initial registration successes", unit: "count"),
            KPIDefinition.derived(id: "AMF.RegSuccessRate", name: "Registration success rate", unit: "%",
                                  formula: "100 * AMF.RegSuccesses / AMF.RegAttempts"),
            KPIDefinition(id: "AMF.PagingAttempts", name: "Paging attempts", unit: "count"),
            KPIDefinition(id: "AMF.PagingSuccessRate", name: "Paging success rate (successes / attempts × 100)", unit: "%", aggregation: .average),
            KPIDefinition(id: "AMF.HandoverSuccessRate", name: "N2 handover success rate (successes / attempts × 100)", unit: "%",
                          aggregation: .average),
        ],
        configSections: [
            NEConfigSection(name: "system", parameters: [
                .string("logLevel", allowed: ["debug", "info", "warning", "error"], help: "log verbosity of the AMF"),
                .integer("maxUE", range: 1...10_000_000, help: "most UE contexts the AMF holds"),
                .integer("t3512Minutes", range: 1...1116, help: "periodic registration update timer"),
                .string("amfName", maxLength: 64, readOnly: true, help: "the AMF's name announced to gNBs"),
            ]),
            NEConfigSection(name: "guami", parameters: [
                .string("plmn", maxLength: 6, required: true, help: "PLMN of the GUAMI, MCC and MNC"),
                .string("amfRegionId", maxLength: 2, required: true, help: "AMF region id, 2 hex digits"),
                .string("amfSetId", maxLength: 3, required: true, help: "AMF set id, 3 hex digits (10 bits)"),
                .string("amfPointer", maxLength: 2, required: true, help: "AMF pointer, 2 hex digits (6 bits)"),
            ], isList: true),
            NEConfigSection(name: "tai", parameters: [
                .string("plmn", maxLength: 6, required: true, help: "PLMN of the tracking area"),
                .string("tac", maxLength: 6, required: true, help: "tracking area code, 6 hex digits"),
            ], isList: true),
        ],
        traceableInterfaces: ["N1", "N2", "N8", "N11", "N12", "N14", "N15", "N22"])
}
