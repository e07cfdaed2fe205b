import PluginAPI

/// The caller of an administration route: who they are, for `create_by`/`update_by`, the rule
/// that nobody deletes or disables themselves, and their data scope.
struct Administrator: Sendable {
    let userID: Int64
    let userName: String

    init(_ request: OMCRequest) throws(OMCError) {
        guard let caller = request.caller, let id = Int64(caller.userID) else { throw OMCError(.unauthenticated, "authentication required") }
        userID = id
        userName = caller.userName
    }

    /// The caller's data scope, read in the same transaction as the records it limits.
    func scope(in db: any DatabaseConnection) throws -> DataScope {
        try DataScope.of(userID: userID, in: db)
    }
}

extension DataScope {
    /// Whether the department `departmentID` itself is visible (department screens).
    func seesDepartment(_ departmentID: Int64) -> Bool {
        everything || departmentIDs.contains(departmentID)
    }
}
