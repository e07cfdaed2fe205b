public import Foundation

/// Facts about the OMC host a plugin may report or use.
public struct HostInfo: Sendable {
    /// The OMC's version (`1.0.0`).
    public let version: String
    /// The data folder. A plugin keeps its files in ``PluginContext/dataDirectory``; files uploaded
    /// for NEs are under `<dataDirectory>/upload/`.
    public let dataDirectory: String
    /// When the host started.
    public let startedAt: Date
    /// Every NE type the enabled plugins provide, by upper-cased name.
    public let neTypes: [String: NETypeDescriptor]
    /// Every enabled plugin's menu entries, merged by directory and sorted (``MenuEntry/merged(_:)``);
    /// the identity plugin filters them by the caller's rights for `GET /getRouters`.
    public let menus: [MenuEntry]
    /// A folder for temporary files (`<dataDirectory>/tmp`), such as export files written before they
    /// are streamed with ``OMCResponse/download(path:fileName:contentType:removeWhenSent:)``. The host
    /// creates it empty at every boot; a plugin names its files uniquely (a UUID) and removes them.
    public let scratchDirectory: String
    /// The deadline of an ``NERequest`` without its own (`server.neTimeoutMilliseconds`): how long a
    /// single change sent to an NE may take at most.
    public let neTimeout: Duration
    /// The database engine and its version (`SQLite 3.40.1`), for reports.
    public let databaseEngine: String

    /// Host facts (the host and the mock host make these).
    public init(version: String, dataDirectory: String, startedAt: Date, neTypes: [String: NETypeDescriptor],
                menus: [MenuEntry] = [], scratchDirectory: String? = nil, neTimeout: Duration = .seconds(5),
                databaseEngine: String = "SQLite") {
        self.version = version
        self.dataDirectory = dataDirectory
        self.startedAt = startedAt
        self.neTypes = neTypes
        self.menus = menus
        self.scratchDirectory = scratchDirectory ?? Self.scratchDirectory(in: dataDirectory)
        self.neTimeout = neTimeout
        self.databaseEngine = databaseEngine
    }

    /// Where the scratch folder of a host with data folder `dataDirectory` is.
    public static func scratchDirectory(in dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("tmp")
    }
}
