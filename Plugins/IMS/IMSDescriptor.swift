import PluginAPI

/// What the OMC knows about the IMS NE type. The success rates are reported by the NE as computed
/// values, `successes / attempts × 100` over the report period (``KPIDefinition`` has no formula yet).
enum IMSDescriptor {
    static let descriptor = NETypeDescriptor(
        name: IMSPlugin.neType, summary: "IP Multimedia Subsystem core (P/I/S-CSCF)",
        alarms: [
            AlarmDefinition(code: "IMS-1001", name: "HSS/UDM unreachable on Cx/N70", severity: .critical,
                            repairAdvice: "Check the Diameter or SBI path to the HSS/UDM; new IMS registrations fail meanwhile."),
            AlarmDefinition(code: "IMS-1002", name: "SIP registration success rate below threshold", severity: .major,
                            repairAdvice: "Look at the SIP failure codes (401 loops, 403, 5xx) and the HSS answers per IMPU range."),
            AlarmDefinition(code: "IMS-2001", name: "PCF unreachable on Rx/N5", severity: .major,
                            repairAdvice: "Check the N5 path to the PCF; voice calls get no dedicated QoS bearer meanwhile."),
            AlarmDefinition(code: "IMS-2002", name: "Registered users above 90% of licence", severity: .minor,
                            repairAdvice: "Extend the licence or move users to another S-CSCF."),
        ],
        kpis: [
            KPIDefinition(id: "IMS.RegisteredUsers", name: "Registered IMS users", unit: "count", aggregation: .average),
            KPIDefinition(id: "IMS.RegAttempts", name: "SIP REGISTER attempts", unit: "count"),
            KPIDefinition(id: "IMS.RegSuccesses", name: "SIP REGISTER successes", unit: "count"),
            KPIDefinition.derived(id: "IMS.RegSuccessRate", name: "IMS registration success rate", unit: "%",
                                  formula: "100 * IMS.RegSuccesses / IMS.RegAttempts"),
            KPIDefinition(id: "IMS.CallAttempts", name: "Call attempts (INVITE)", unit: "count"),
            KPIDefinition(id: "IMS.CallSetupSuccessRate", name: "Call setup success rate (answered or user-busy / attempts × 100)", unit: "%",
                          aggregation: .average),
            KPIDefinition(id: "IMS.CallSetupDelay", name: "Mean call setup delay", unit: "ms", aggregation: .average),
        ],
        configSections: [
            NEConfigSection(name: "system", parameters: [
                .string("logLevel", allowed: ["debug", "info", "warning", "error"], help: "log verbosity of the IMS core"),
                .string("domain", maxLength: 253, readOnly: true, help: "the home network domain"),
                .integer("registrationExpiresSeconds", range: 60...86_400, help: "longest registration a UE is granted"),
            ]),
        ],
        traceableInterfaces: ["Gm", "Mw", "Cx", "Rx", "N5", "N70", "Mg", "ISC"])
}
