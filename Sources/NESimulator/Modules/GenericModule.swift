import Foundation

/// What every NE does, whatever its type: a `system` configuration section and the MML commands
/// `date`, `LST NE`, `LST CFG` and `DSP CFG`.
public struct GenericModule: NEModule {
    /// The generic module.
    public init() {}

    /// The `system` section, with the parameters every NE has.
    public var configSections: [ConfigSection] {
        [ConfigSection(name: "system", initial: .object([
            "logLevel": "info",
            "maxConnections": 1000,
            "heartbeatSeconds": 30,
        ]))]
    }

    /// `date`, `LST NE`, `LST CFG`, `DSP CFG: NAME=…`.
    public var mmlCommands: [MMLCommand] {
        [
            MMLCommand(verb: "DATE", summary: "Display the NE's local time") { _, _ in
                .success(TimeFormat.localWithOffset(Date()))
            },
            MMLCommand(verb: "LST", object: "NE", summary: "List the NE's identity") { _, context in
                .success(Self.identityLines(context))
            },
            MMLCommand(verb: "LST", object: "CFG", summary: "List the configuration sections") { _, context in
                .success(await context.config.sectionNames.joined(separator: "\n"))
            },
            MMLCommand(verb: "DSP", object: "CFG", summary: "Display a configuration section: DSP CFG: NAME=system") { invocation, context in
                await Self.displaySection(invocation, context)
            },
        ]
    }

    static func identityLines(_ context: NEContext) -> String {
        let ne = context.identity
        let lines: [(String, String)] = [
            ("neType", ne.type), ("neId", ne.id), ("neName", ne.name), ("version", ne.version),
            ("serialNum", ne.serialNum), ("capability", String(ne.capability)), ("province", ne.province),
            ("expiryDate", ne.expiryDate), ("ipAddress", context.host), ("startTime", TimeFormat.local(context.startedAt)),
        ]
        return lines.map { "\($0.0) = \($0.1)" }.joined(separator: "\n")
    }

    static func displaySection(_ invocation: MMLInvocation, _ context: NEContext) async -> MMLOutcome {
        guard let name = invocation.parameters["NAME"], !name.isEmpty else {
            return .failure(400, "NAME is required, like DSP CFG: NAME=system")
        }
        do {
            let value = try await context.config.read(name)
            switch value {
            case .object(let parameters):
                return .success(parameters.keys.sorted().map { "\($0) = \(parameters[$0]?.displayText ?? "")" }.joined(separator: "\n"))
            case .array(let records):
                return .success(records.enumerated().map { "loc \($0.offset): \($0.element.displayText)" }.joined(separator: "\n"))
            default:
                return .success(value.displayText)
            }
        } catch {
            return .failure(error.status, error.message)
        }
    }
}
