/// The rights over other users' long operations. Everyone sees and cancels their own; these names
/// follow the Security plugin's `module:resource:action` model and its `/monitor/job` neighbours,
/// so the built-in roles decide as for the other monitoring pages: administrators hold both,
/// operators (`!monitor:*:*`) neither, viewers (`*:*:list`) may watch but not cancel.
enum OperationRights {
    /// See everyone's operations.
    static let list = "monitor:operation:list"
    /// Cancel anyone's running operation.
    static let cancel = "monitor:operation:cancel"
}
