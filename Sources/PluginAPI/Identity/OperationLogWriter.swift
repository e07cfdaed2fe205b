/// Writes an operation-log entry outside a request: work a plugin finishes on behalf of an operator
/// after the request is gone (a batch settled at start, a journaled change repaired by a job).
///
/// The host masks secrets in the entry's `parameters` and `result` as it does for requests (the
/// fields every plugin declared with ``PluginRegistrar/secretFields(_:)`` and the well-known ones),
/// bounds every field, then hands it to every ``OperationLogSink``. Name the operator the work was
/// done for in `operatorName`, not the plugin.
public protocol OperationLogWriter: Sendable {
    /// Records `entry`; never throws: a sink's failure is logged by the host.
    func record(_ entry: OperationRecord) async
}

/// A writer that drops every entry: the default of contexts made outside a host.
public struct DiscardingOperationLog: OperationLogWriter {
    /// A writer that drops every entry.
    public init() {}
    /// Drops `entry`.
    public func record(_ entry: OperationRecord) async {}
}
