import PluginAPI

/// MML commands of the `OMC` element type that the host answers itself.
enum BuiltinMMLCommand: CaseIterable, Sendable {
    /// `date`: the OMC's local time.
    case date
    /// `LST CMD[: NETYPE=UDM]`: every command of every enabled plugin, with parameters and help.
    case listCommands

    /// The element type the host's own commands belong to.
    static let neType = "OMC"

    var entry: MMLCommandTable.Entry {
        switch self {
        case .date:
            MMLCommandTable.Entry(neType: Self.neType, name: "DATE", parameters: [], privilege: .authenticated,
                                  risk: .readOnly, help: "Display the OMC's local date and time.",
                                  owner: BuiltinEndpoint.owner, target: .builtin(self))
        case .listCommands:
            MMLCommandTable.Entry(neType: Self.neType, name: "LST CMD",
                                  parameters: [.text("NETYPE", maxLength: 32, help: "only the commands of this NE type")],
                                  privilege: .authenticated, risk: .readOnly,
                                  help: "List every MML command of every enabled plugin, with its parameters, privilege and help.",
                                  owner: BuiltinEndpoint.owner, target: .builtin(self))
        }
    }
}
