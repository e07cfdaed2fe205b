/// How a request or MML command is classified in the operation log. The raw values are the
/// `businessType` numbers of the API document's operation log.
public enum AuditClass: Int, Sendable, Hashable, Codable {
    /// Not recorded (reads).
    case none = -1
    /// Recorded as "other".
    case other = 0
    /// Creates records.
    case insert = 1
    /// Changes records.
    case update = 2
    /// Removes records.
    case delete = 3
    /// Grants rights.
    case grant = 4
    /// Exports data.
    case export = 5
    /// Imports data.
    case `import` = 6
    /// Forces a user out.
    case forceLogout = 7
    /// Clears a log or table.
    case clean = 9

    /// The class a route gets when it declares none: reads are not recorded, writes are.
    public static func defaultClass(for method: HTTPMethod) -> AuditClass {
        switch method {
        case .get: .none
        case .post: .insert
        case .put, .patch: .update
        case .delete: .delete
        }
    }
}
