/// What a plugin adds to the OMC.
public enum PluginKind: Sendable, Hashable, CustomStringConvertible {
    /// Support for one type of network element (`"UDM"`, `"PCF"`, …): its routes, MML commands,
    /// alarm and KPI catalogs, configuration schema. The name is matched case-insensitively.
    case neType(String)
    /// A feature that is not tied to one NE type: security, fault, performance, trace, …
    case feature

    /// `"ne-type UDM"` or `"feature"`.
    public var description: String {
        switch self {
        case .neType(let name): "ne-type \(name)"
        case .feature: "feature"
        }
    }
}
