import PluginAPI

/// The PCF's NE type: what the OMC knows about PCFs besides their UE policies.
enum PCFDescriptor {
    static let descriptor = NETypeDescriptor(
        name: PCFPlugin.neType, summary: "Policy Control Function",
        alarms: [
            AlarmDefinition(code: "PCF001", name: "UDR unreachable", severity: .major,
                            repairAdvice: "Check the N36 link to the UDR and the UDR's state"),
            AlarmDefinition(code: "PCF002", name: "Policy database near capacity", severity: .minor,
                            repairAdvice: "Remove unused UE policies or extend the PCF's database"),
        ],
        kpis: [
            KPIDefinition(id: "PCF.SmPolicyCreate", name: "SM policy associations created", unit: "count"),
            KPIDefinition(id: "PCF.UePolicyCount", name: "UE policies provisioned", unit: "count", aggregation: .maximum),
        ],
        traceableInterfaces: ["N5", "N7", "N15", "N36"])
}
