/// An MML command as its handler receives it: parsed, validated against the declaration, authorized.
public struct MMLInvocation: Sendable {
    /// The command.
    public let command: MMLCommand
    /// The NE type the command was sent to (upper-cased, `UDM`, `OMC`).
    public let neType: String
    /// The NE id from the request's `ne_id`, when given.
    public let neID: String?
    /// Who sent it.
    public let caller: Caller?
    /// The id of the HTTP request that carried it.
    public let requestID: String
    /// Whether the sender holds permissions beyond the command's own privilege.
    public let permissions: PermissionCheck

    /// An invocation (the host builds these).
    public init(command: MMLCommand, neType: String, neID: String?, caller: Caller?, requestID: String,
                permissions: PermissionCheck = .everything) {
        self.command = command
        self.neType = neType
        self.neID = neID
        self.caller = caller
        self.requestID = requestID
        self.permissions = permissions
    }

    /// The value of argument `name`, `nil` when absent.
    public func string(_ name: String) -> String? { command.value(name) }

    /// The integer value of argument `name`; `nil` when absent. Declared `integer` parameters are
    /// already range-checked by the host.
    public func integer(_ name: String) -> Int? { command.value(name).flatMap { Int($0) } }
}
