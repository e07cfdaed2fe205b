/// How dangerous an MML command is.
public enum MMLRisk: String, Sendable, Hashable, Codable {
    /// Displays or lists; changes nothing.
    case readOnly = "read-only"
    /// Changes data.
    case modifying
    /// Removes data or disturbs service; refused unless the request confirms it explicitly.
    case highRisk = "high-risk"
}
