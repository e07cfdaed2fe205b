import PluginAPI

/// What the OMC knows about the N3IWF NE type. The success rate is reported by the NE as a computed
/// value, `successes / attempts × 100` over the report period (``KPIDefinition`` has no formula yet).
enum N3IWFDescriptor {
    static let descriptor = NETypeDescriptor(
        name: N3IWFPlugin.neType, summary: "Non-3GPP InterWorking Function",
        alarms: [
            AlarmDefinition(code: "N3IWF-1001", name: "N2 association to the AMF down", severity: .critical,
                            repairAdvice: "Check the SCTP path to the AMF; no UE can register over Wi-Fi meanwhile."),
            AlarmDefinition(code: "N3IWF-1002", name: "N3 path to the UPF down", severity: .major,
                            repairAdvice: "Check the GTP-U path to the UPF; user traffic of non-3GPP UEs is lost meanwhile."),
            AlarmDefinition(code: "N3IWF-2001", name: "IKE_SA setup failure rate high", severity: .minor,
                            repairAdvice: "Look at the IKEv2 failure notifications: EAP-5G failures from the AMF, certificate or proposal mismatches."),
            AlarmDefinition(code: "N3IWF-2002", name: "IPsec tunnel capacity above 90%", severity: .minor,
                            repairAdvice: "Add capacity or steer UEs to another N3IWF through the ePDG/N3IWF selection."),
        ],
        kpis: [
            KPIDefinition(id: "N3IWF.OnlineUEs", name: "UEs with an IPsec tunnel", unit: "count", aggregation: .average),
            KPIDefinition(id: "N3IWF.IKEAttempts", name: "IKE_SA setup attempts", unit: "count"),
            KPIDefinition(id: "N3IWF.IKESuccesses", name: "IKE_SA setup successes", unit: "count"),
            KPIDefinition.derived(id: "N3IWF.IKESuccessRate", name: "IKE_SA setup success rate", unit: "%",
                                  formula: "100 * N3IWF.IKESuccesses / N3IWF.IKEAttempts"),
            KPIDefinition(id: "N3IWF.UplinkThroughput", name: "Uplink user plane throughput", unit: "Mbit/s", aggregation: .average),
            KPIDefinition(id: "N3IWF.DownlinkThroughput", name: "Downlink user plane throughput", unit: "Mbit/s", aggregation: .average),
        ],
        configSections: [
            NEConfigSection(name: "system", parameters: [
                .string("logLevel", allowed: ["debug", "info", "warning", "error"], help: "log verbosity of the N3IWF"),
                .integer("maxTunnels", range: 1...1_000_000, help: "most IPsec tunnels the N3IWF holds"),
                .string("ikeAddress", maxLength: 45, readOnly: true, help: "the address UEs reach over NWu"),
            ]),
        ],
        traceableInterfaces: ["NWu", "N2", "N3", "Y2"])
}
