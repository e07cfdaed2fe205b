/// A statement a plugin ran that reached beyond its own tables, refused by ``PluginAuthorizer``.
/// Nothing of the statement ran; the plugin's transaction rolls back when the error leaves its closure.
package struct DatabaseAccessRefusal: Error, CustomStringConvertible, Equatable {
    /// The plugin that ran the statement.
    package let pluginID: String
    /// What it tried (`read`, `drop`, `attach`…).
    package let verb: String
    /// The object it tried it on (`table udm_sub`, `PRAGMA journal_mode`).
    package let object: String
    /// The prefix its objects carry.
    package let prefix: String
    /// The trigger or view through which it happened, when it did.
    package let via: String?

    package var description: String {
        let through = via.map { " (through \($0))" } ?? ""
        return "plugin '\(pluginID)' may not \(verb) \(object)\(through): a plugin's database handle reaches only its own objects, named '\(prefix)…'"
    }
}
