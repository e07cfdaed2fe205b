import Foundation

/// Facts about the OMC host a plugin may report or use.
public struct HostInfo: Sendable {
    /// The OMC's version (`1.0.0`).
    public let version: String
    /// The data folder. A plugin keeps its files under `<dataDirectory>/<plugin id>/`; files uploaded
    /// for NEs are under `<dataDirectory>/upload/`.
    public let dataDirectory: String
    /// When the host started.
    public let startedAt: Date
    /// Every NE type the enabled plugins provide, by upper-cased name.
    public let neTypes: [String: NETypeDescriptor]
    /// Every enabled plugin's menu entries, merged by directory and sorted (``MenuEntry/merged(_:)``);
    /// the identity plugin filters them by the caller's rights for `GET /getRouters`.
    public let menus: [MenuEntry]

    /// Host facts (the host and the mock host make these).
    public init(version: String, dataDirectory: String, startedAt: Date, neTypes: [String: NETypeDescriptor],
                menus: [MenuEntry] = []) {
        self.version = version
        self.dataDirectory = dataDirectory
        self.startedAt = startedAt
        self.neTypes = neTypes
        self.menus = menus
    }
}
