import Foundation

extension UDMModule {
    /// `DSP SUB`, `DSP AUTHDAT` (one record by IMSI), `LST SUB`, `LST AUTHDAT` (counts) and
    /// `DSP UDMDB` (both counts). Ki and OPc are never printed by the NE's console.
    public var mmlCommands: [MMLCommand] {
        var commands: [MMLCommand] = []
        for kind in UDMDataKind.allCases {
            commands.append(MMLCommand(verb: "DSP", object: kind.mmlObject,
                                       summary: "Display one \(kind.noun) record: DSP \(kind.mmlObject): IMSI=460000100000030") { invocation, _ in
                await display(kind, invocation)
            })
            commands.append(MMLCommand(verb: "LST", object: kind.mmlObject, summary: "Count the \(kind.noun) records") { _, _ in
                .success("records = \(await store.count(kind))")
            })
        }
        commands.append(MMLCommand(verb: "DSP", object: "UDMDB", summary: "Display the subscriber database's size") { _, _ in
            .success("subscriptions = \(await store.count(.sub))\nauthentication = \(await store.count(.auth))")
        })
        return commands
    }

    private func display(_ kind: UDMDataKind, _ invocation: MMLInvocation) async -> MMLOutcome {
        guard let text = invocation.parameters["IMSI"], let imsi = Self.imsi(text) else {
            return .failure(400, "IMSI must be 15 decimal digits, like DSP \(kind.mmlObject): IMSI=460000100000030")
        }
        guard let json = await store.record(kind, imsi: imsi), let fields = JSONValue.parse(Data(json.utf8))?.objectValue else {
            return .failure(404, "\(kind.noun) of IMSI \(text) does not exist")
        }
        let hidden: Set<String> = ["ki", "opc"]
        return .success(fields.keys.sorted().map { key in
            "\(key) = \(hidden.contains(key) ? "******" : fields[key]?.displayText ?? "")"
        }.joined(separator: "\n"))
    }
}
