/// The trace tasks active on one NE, as the OMC activated them, by id.
actor TraceTaskTable {
    private var tasks: [Int: JSONValue] = [:]

    /// Activates `task`, replacing an earlier one of the same id (the OMC may retry).
    func activate(_ id: Int, _ task: JSONValue) {
        tasks[id] = task
    }

    /// Deactivates task `id`; `false` when it was not active.
    func deactivate(_ id: Int) -> Bool {
        tasks.removeValue(forKey: id) != nil
    }

    /// The active tasks, by id.
    var active: [JSONValue] {
        tasks.keys.sorted().compactMap { tasks[$0] }
    }
}
