/// Handles one MML command.
public typealias MMLHandler = @Sendable (MMLInvocation, PluginContext) async throws -> MMLReply

/// An MML command a plugin handles for an NE type.
public struct MMLCommandDeclaration: Sendable {
    /// Upper-cased verb (`DSP`).
    public let verb: String
    /// Upper-cased object (`AUTHDAT`), `nil` for bare commands.
    public let object: String?
    /// Upper-cased NE type it applies to (`UDM`, or `OMC` for the OMC itself).
    public let neType: String
    /// The parameters it accepts; any other parameter is refused.
    public let parameters: [MMLParameter]
    /// The right a caller needs.
    public let privilege: Permission
    /// Its risk; high-risk commands need explicit confirmation.
    public let risk: MMLRisk
    /// One or two sentences for `LST CMD`, shown in the caller's language.
    public let help: LocalizedMessage
    /// The code that answers.
    public let handler: MMLHandler

    /// `"DSP AUTHDAT"`.
    public var name: String { object.map { "\(verb) \($0)" } ?? verb }

    /// How the operation log classes it. Every MML command is recorded, reads included, because
    /// a console session is an operator's trail.
    public var audit: AuditClass { risk == .readOnly ? .other : .update }
}
