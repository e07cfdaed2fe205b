/// The version of the contract between the host and its plugins.
///
/// A plugin states the `PluginAPI` version it was written against (`requiresAPI`). The host accepts
/// it when the major versions are equal and the host's minor version is at least the plugin's:
/// minor versions only add, major versions may remove or change.
public struct APIVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Incremented when something is removed or changes meaning.
    public let major: Int
    /// Incremented when something is added.
    public let minor: Int

    /// The version of `PluginAPI` this host is built with.
    public static let current = APIVersion(major: 2, minor: 1)

    /// A version from its two numbers.
    public init(major: Int, minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// Parses `"1.0"` or `"1"`; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              let major = Int(parts[0]), major >= 0,
              let minor = parts.count == 2 ? Int(parts[1]) : 0, minor >= 0
        else { return nil }
        self.init(major: major, minor: minor)
    }

    /// Whether a host offering `self` can run a plugin that requires `required`.
    public func satisfies(_ required: APIVersion) -> Bool {
        major == required.major && minor >= required.minor
    }

    /// `"1.0"`.
    public var description: String { "\(major).\(minor)" }

    /// Orders by major, then minor.
    public static func < (lhs: APIVersion, rhs: APIVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }
}
