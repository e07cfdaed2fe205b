import Foundation
import PluginAPI

/// MML commands of the `OMC` element type that the host answers itself.
enum BuiltinMMLCommand: CaseIterable, Sendable {
    /// `date`: the OMC's local time.
    case date
    /// `LST CMD[: NETYPE=UDM]`: every command of every enabled plugin, with parameters and help.
    case listCommands
    /// `HELP`, `HELP DSP AUTHDAT` (`HELP: CMD="DSP AUTHDAT"`): the commands, or one command's parameters.
    case help

    /// The element type the host's own commands belong to.
    static let neType = "OMC"

    /// Commands the OMC answers whatever element type they are sent to: they describe the commands,
    /// so sending them on to an NE would answer with the NE's view instead of the OMC's.
    static let answeredOnEveryNEType: Set<String> = ["LST CMD", "HELP"]

    var entry: MMLCommandTable.Entry {
        switch self {
        case .date:
            MMLCommandTable.Entry(neType: Self.neType, name: "DATE", parameters: [], privilege: .authenticated,
                                  risk: .readOnly, help: "Display the OMC's local date and time.",
                                  owner: BuiltinEndpoint.owner, target: .builtin(self))
        case .listCommands:
            MMLCommandTable.Entry(neType: Self.neType, name: "LST CMD",
                                  parameters: [.text("NETYPE", maxLength: 32,
                                                     help: "only the commands of this NE type; default: the element type the command is sent to (every type on OMC)")],
                                  privilege: .authenticated, risk: .readOnly,
                                  help: "List the MML commands of the enabled plugins; HELP <command> shows one command's parameters.",
                                  owner: BuiltinEndpoint.owner, target: .builtin(self))
        case .help:
            MMLCommandTable.Entry(neType: Self.neType, name: "HELP",
                                  parameters: [.text("CMD", maxLength: 64, help: "a command name, e.g. DSP AUTHDAT; HELP DSP AUTHDAT is the short form")],
                                  privilege: .authenticated, risk: .readOnly,
                                  help: "Without CMD: the commands of the element type. With it: that command's parameters, rules and an example.",
                                  owner: BuiltinEndpoint.owner, target: .builtin(self))
        }
    }

    /// `HELP DSP AUTHDAT` is not MML syntax (a command name has two words), so it is read as
    /// `HELP: CMD="DSP AUTHDAT"`. Any other line is returned as is.
    static func expandingHelp(_ line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > 5, trimmed.prefix(5).uppercased() == "HELP ", !trimmed.contains(":"), !trimmed.contains("=") else { return line }
        var rest = trimmed.dropFirst(5).trimmingCharacters(in: .whitespaces)
        if rest.hasSuffix(";") { rest = String(rest.dropLast()).trimmingCharacters(in: .whitespaces) }
        guard !rest.isEmpty, !rest.contains("\"") else { return line }
        return "HELP: CMD=\"\(rest)\""
    }
}
