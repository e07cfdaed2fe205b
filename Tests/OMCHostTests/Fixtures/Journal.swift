import Synchronization

/// Lifecycle calls of fixture plugins, by journal name, so parallel tests do not see each other's.
enum Journal {
    private static let entries = Mutex<[String: [String]]>([:])

    static func record(_ journal: String, _ entry: String) {
        entries.withLock { $0[journal, default: []].append(entry) }
    }

    static func read(_ journal: String) -> [String] {
        entries.withLock { $0[journal] ?? [] }
    }
}
