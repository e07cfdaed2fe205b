import PluginAPI

/// What the OMC knows about the UDM NE type: its alarms, KPIs, configuration sections with their
/// parameter schema, and the interfaces a trace can follow.
enum UDMDescriptor {
    static let descriptor = NETypeDescriptor(
        name: UDMPlugin.neType, summary: "Unified Data Management",
        alarms: [
            AlarmDefinition(code: "UDM-1001", name: "Subscriber database unreachable", severity: .critical,
                            repairAdvice: "Check the UDM's database process and its storage; the UDM cannot answer AUSF or AMF requests."),
            AlarmDefinition(code: "UDM-1002", name: "Subscriber database above 90% of capacity", severity: .major,
                            repairAdvice: "Raise system.capacity after adding resources, or remove unused subscriptions."),
            AlarmDefinition(code: "UDM-2001", name: "Authentication failure rate high", severity: .minor,
                            repairAdvice: "Compare Ki/OPc of the failing IMSIs with the SIM vendor's data; check SQN resynchronisations."),
            AlarmDefinition(code: "UDM-3001", name: "NRF registration lost", severity: .major,
                            repairAdvice: "Check the N-interface towards the NRF and the UDM's NF profile."),
        ],
        kpis: [
            KPIDefinition(id: "UDM.RegisteredSubscribers", name: "Provisioned subscriptions", unit: "count", aggregation: .maximum),
            KPIDefinition(id: "UDM.AuthVectorsGenerated", name: "Authentication vectors generated", unit: "count"),
            KPIDefinition(id: "UDM.AuthAttempts", name: "Authentication attempts", unit: "count"),
            KPIDefinition(id: "UDM.AuthSuccesses", name: "Successful authentications", unit: "count"),
            KPIDefinition.derived(id: "UDM.AuthSuccessRate", name: "Authentication success rate", unit: "%",
                                  formula: "100 * UDM.AuthSuccesses / UDM.AuthAttempts"),
            KPIDefinition(id: "UDM.SDMGetLatency", name: "Subscription data retrieval latency", unit: "ms", aggregation: .average),
            KPIDefinition(id: "UDM.UECMRegistrations", name: "UE context registrations", unit: "count"),
        ],
        configSections: [
            NEConfigSection(name: "system", parameters: [
                .string("logLevel", allowed: ["debug", "info", "warning", "error"], help: "log verbosity of the UDM"),
                .integer("maxConnections", range: 1...100_000, help: "most SBI connections the UDM accepts"),
                .integer("heartbeatSeconds", range: 1...3600, help: "NRF heartbeat period"),
                .integer("capacity", range: 1...100_000_000, help: "most subscriptions the UDM holds"),
                .integer("priority", range: 0...65535, help: "NF profile priority announced to the NRF"),
                .string("udmId", maxLength: 64, readOnly: true, help: "the UDM's NF instance name"),
                .string("plmn", maxLength: 6, readOnly: true, help: "home PLMN, MCC and MNC"),
            ]),
            NEConfigSection(name: "subsUEAmbr", parameters: [
                .string("name", maxLength: 64, required: true, help: "AMBR template name used by subscriptions"),
                .string("uplink", maxLength: 32, required: true, help: "uplink AMBR, like 1 Gbps"),
                .string("downlink", maxLength: 32, required: true, help: "downlink AMBR, like 2 Gbps"),
            ], isList: true),
            NEConfigSection(name: "smfSelection", parameters: [
                .string("dnn", maxLength: 100, required: true, help: "data network name"),
                .integer("sst", range: 0...255, required: true, help: "slice/service type"),
                .string("sd", maxLength: 6, help: "slice differentiator, 6 hex digits"),
            ], isList: true),
            NEConfigSection(name: "authentication", parameters: [
                .integer("defaultAlgoIndex", range: 0...15, help: "algorithm index for records that give none"),
                .boolean("sqnCheck", help: "whether SQN freshness is checked"),
                .integer("resyncLimit", range: 0...1000, help: "most SQN resynchronisations per hour and subscriber"),
            ]),
        ],
        traceableInterfaces: ["N8", "N10", "N13", "N21", "Nudr"])
}
