import PluginAPI

/// PCF MML: `ADD UEPOLICY`, `MOD UEPOLICY`, `RMV UEPOLICY`, `DSP UEPOLICY`, sent with the NE's `ne_id`.
/// They do what the `ueInfo` routes do (the NE first, then the OMC's copy), with the same rules.
struct UEPolicyCommands: Sendable {
    let settings: PCFSettings
    let changes: ChangeJournal

    /// MML parameter → field name.
    static let parameters: [(mml: String, field: String)] = [
        ("IMSI", "imsi"), ("MSISDN", "msisdn"), ("RFSP", "rfsp"), ("SAR", "sar"), ("PCCRULES", "pccRules"),
        ("SESSRULES", "sessRules"), ("UEPOLICY", "uePolicy"), ("QOSAUDIO", "qosAudio"), ("QOSVIDEO", "qosVideo"),
        ("HDRENRICH", "hdrEnrich"),
    ]

    private static func fieldParameters(msisdnRequired: Bool) -> [MMLParameter] {
        [
            .digits("IMSI", length: 15, required: true, help: "IMSI of the UE, 15 digits"),
            .digits("MSISDN", lengths: 5...15, required: msisdnRequired, help: "MSISDN of the UE, 5 to 15 digits"),
            .integer("RFSP", range: 0...256, help: "RAT/frequency selection priority index"),
            .text("SAR", maxLength: 64, help: "service area restriction name"),
            .text("PCCRULES", maxLength: 2080, help: "PCC rule names separated by |, e.g. internet|ims_sig"),
            .text("SESSRULES", maxLength: 2080, help: "session rule names separated by |"),
            .text("UEPOLICY", maxLength: 64, help: "UE policy name"),
            .text("QOSAUDIO", maxLength: 64, help: "QoS profile for audio"),
            .text("QOSVIDEO", maxLength: 64, help: "QoS profile for video"),
            .text("HDRENRICH", maxLength: 64, help: "header enrichment profile"),
        ]
    }

    func declare(_ plugin: inout PluginRegistrar) {
        let settings = settings
        let changes = changes
        plugin.mml("ADD UEPOLICY", neType: PCFPlugin.neType, parameters: Self.fieldParameters(msisdnRequired: true),
                   privilege: "pcf:ueInfo:add", risk: .modifying,
                   help: "Add the policy of a UE to the PCF (the NE first, then the OMC's copy).") { invocation, context in
            let policy = try UEPolicy(Self.values(invocation))
            try await Self.service(settings, changes, invocation, context).add(neID: try Self.neID(invocation), policy)
            return MMLReply(output: "UE policy of IMSI \(policy.imsi) added", data: policy.json)
        }
        plugin.mml("MOD UEPOLICY", neType: PCFPlugin.neType, parameters: Self.fieldParameters(msisdnRequired: false),
                   privilege: "pcf:ueInfo:edit", risk: .modifying,
                   help: "Change the given fields of a UE's policy; the others keep their value.") { invocation, context in
            let policy = try await Self.service(settings, changes, invocation, context).modify(neID: try Self.neID(invocation), Self.values(invocation))
            return MMLReply(output: "UE policy of IMSI \(policy.imsi) modified", data: policy.json)
        }
        plugin.mml("RMV UEPOLICY", neType: PCFPlugin.neType, parameters: [.digits("IMSI", length: 15, required: true, help: "IMSI of the UE, 15 digits")],
                   privilege: "pcf:ueInfo:remove", risk: .highRisk, help: "Remove the policy of a UE from the PCF.") { invocation, context in
            let imsi = invocation.string("IMSI") ?? ""
            guard try await Self.service(settings, changes, invocation, context).remove(neID: try Self.neID(invocation), imsi: imsi) else {
                throw OMCError.notFound("UE policy of IMSI \(imsi) does not exist")
            }
            return MMLReply(output: "UE policy of IMSI \(imsi) removed")
        }
        plugin.mml("DSP UEPOLICY", neType: PCFPlugin.neType, parameters: [
            .digits("IMSI", length: 15, help: "IMSI of the UE, 15 digits"),
            .digits("MSISDN", lengths: 5...15, help: "MSISDN of the UE, 5 to 15 digits"),
        ], privilege: "pcf:ueInfo:query", risk: .readOnly, help: "Display the policy of a UE, by IMSI or MSISDN.") { invocation, context in
            let imsi = invocation.string("IMSI")
            let msisdn = invocation.string("MSISDN")
            guard imsi != nil || msisdn != nil else { throw OMCError.invalid("IMSI", "give IMSI or MSISDN") }
            guard let policy = try await Self.service(settings, changes, invocation, context)
                .find(neID: try Self.neID(invocation), imsi: imsi, msisdn: msisdn) else {
                throw OMCError.notFound("UE policy of \(imsi.map { "IMSI \($0)" } ?? "MSISDN \(msisdn ?? "")") does not exist")
            }
            return MMLReply(output: MMLReply.table(headers: Self.parameters.map(\.mml), rows: [policy.values]).output, data: policy.json)
        }
    }

    static func values(_ invocation: MMLInvocation) -> [String: String] {
        var values: [String: String] = [:]
        for (mml, field) in parameters { if let value = invocation.string(mml) { values[field] = value } }
        return values
    }

    static func neID(_ invocation: MMLInvocation) throws(OMCError) -> String {
        guard let neID = invocation.neID, !neID.isEmpty else {
            throw OMCError.invalid("ne_id", "PCF MML commands need the PCF's ne_id")
        }
        return neID
    }

    private static func service(_ settings: PCFSettings, _ changes: ChangeJournal, _ invocation: MMLInvocation,
                                _ context: PluginContext) -> UEPolicyService {
        UEPolicyService(settings: settings, changes: changes, context: context, by: ChangeJournal.Operator(invocation))
    }
}
