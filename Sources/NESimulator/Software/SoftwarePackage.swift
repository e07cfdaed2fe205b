/// A software package an NE holds, as it reports it.
public struct SoftwarePackage: Sendable, Hashable {
    /// The version it installs.
    public let version: String
    /// Its size in bytes.
    public let size: Int
    /// Its SHA-256, lower-case hex.
    public let sha256: String

    /// `{"version", "size", "sha256"}`.
    public var json: JSONValue {
        ["version": .string(version), "size": .int(size), "sha256": .string(sha256)]
    }
}
