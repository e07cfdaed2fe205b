import PluginAPI

/// Every MML command the host can run, keyed by NE type and command name.
struct MMLCommandTable: Sendable {
    /// One command, from a plugin or built into the host.
    struct Entry: Sendable {
        enum Target: Sendable {
            case plugin(MMLHandler, pluginIndex: Int)
            case builtin(BuiltinMMLCommand)
        }

        let neType: String
        let name: String
        let parameters: [MMLParameter]
        let privilege: Permission
        let risk: MMLRisk
        let help: LocalizedMessage
        /// The plugin id, or `omc`.
        let owner: String
        let target: Target

        var audit: AuditClass { risk == .readOnly ? .other : .update }
    }

    private var entries: [String: Entry] = [:]

    /// Adds `entry`; returns the entry that already has its NE type and name instead.
    mutating func insert(_ entry: Entry) -> Entry? {
        let key = Self.key(entry.neType, entry.name)
        if let existing = entries[key] { return existing }
        entries[key] = entry
        return nil
    }

    func lookup(neType: String, name: String) -> Entry? {
        entries[Self.key(neType, name)]
    }

    /// Every command, by NE type then name.
    var all: [Entry] {
        entries.values.sorted { ($0.neType, $0.name) < ($1.neType, $1.name) }
    }

    private static func key(_ neType: String, _ name: String) -> String { neType + "|" + name }
}

extension MMLCommandTable.Entry {
    init(_ declaration: MMLCommandDeclaration, owner: String, pluginIndex: Int) {
        self.init(neType: declaration.neType, name: declaration.name, parameters: declaration.parameters,
                  privilege: declaration.privilege, risk: declaration.risk, help: declaration.help, owner: owner,
                  target: .plugin(declaration.handler, pluginIndex: pluginIndex))
    }
}
