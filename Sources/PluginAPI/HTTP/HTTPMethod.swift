/// The HTTP methods a plugin route may answer.
public enum HTTPMethod: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Read.
    case get = "GET"
    /// Create or act.
    case post = "POST"
    /// Replace or modify.
    case put = "PUT"
    /// Partially modify.
    case patch = "PATCH"
    /// Remove.
    case delete = "DELETE"

    /// Orders as listed in `allCases`, for stable listings.
    public static func < (lhs: HTTPMethod, rhs: HTTPMethod) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
