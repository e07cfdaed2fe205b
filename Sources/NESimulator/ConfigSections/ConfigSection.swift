/// A named block of NE configuration, as served under `…/objectType/config/{name}`.
///
/// An *object* section is one set of parameters (`system`: logLevel, maxConnections, …) that PUT merges
/// into. A *list* section holds records (say, one per DNN or per SMF) that POST appends to and
/// DELETE `?loc=N` removes, where `loc` is the record's 0-based position.
public struct ConfigSection: Sendable, Hashable {
    /// Section contents.
    public enum Contents: Sendable, Hashable {
        /// One set of parameters.
        case object([String: JSONValue])
        /// An ordered list of records.
        case list([[String: JSONValue]])
    }

    /// Name used in the URL (matched case-insensitively).
    public let name: String
    /// Contents when the NE starts.
    public let initial: Contents

    /// A section with its initial contents.
    public init(name: String, initial: Contents) {
        self.name = name
        self.initial = initial
    }
}
