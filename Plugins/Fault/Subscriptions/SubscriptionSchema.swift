import PluginAPI

/// The table of notification subscriptions (TS 28.532 FaultMnS): who is notified, of what, and how far
/// along the change table (`fault_alarm_event`) each has been delivered.
enum SubscriptionSchema {
    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v2_subscriptions", sql: """
            CREATE TABLE fault_subscription (
                id BIGINT PRIMARY KEY,
                callback_host TEXT NOT NULL,
                callback_port INTEGER NOT NULL,
                callback_path TEXT NOT NULL,
                ne_type TEXT,
                ne_id TEXT,
                severity TEXT,
                notification_types TEXT NOT NULL,
                delivered_through BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                failing_since TEXT,
                next_attempt TEXT,
                attempts INTEGER NOT NULL,
                last_error TEXT
            )
            """)
    }

    static let columns = """
        id, callback_host, callback_port, callback_path, ne_type, ne_id, severity, notification_types, delivered_through, created_at, \
        created_by, failing_since, next_attempt, attempts, last_error
        """
}

/// The TS 28.532 notification types and the alarm changes they carry.
enum NotificationType: String, CaseIterable, Sendable {
    case notifyNewAlarm, notifyChangedAlarm, notifyClearedAlarm, notifyAckStateChanged

    /// The type of a change of the history (`raise`, `repeat`, …); `nil` for comments.
    init?(kind: String) {
        switch kind {
        case "raise": self = .notifyNewAlarm
        case "repeat", "change": self = .notifyChangedAlarm
        case "clear": self = .notifyClearedAlarm
        case "ack", "unack": self = .notifyAckStateChanged
        default: return nil
        }
    }
}

/// A subscription as answered.
struct Subscription: Encodable, Sendable {
    let id: Int
    let consumerReference: String
    let filter: Filter
    let notificationTypes: [String]
    let deliveredThrough: Int
    let createdAt: String
    let createdBy: String
    let failingSince: String?
    let nextAttempt: String?
    let attempts: Int
    let lastError: String?

    struct Filter: Encodable, Sendable {
        let neType: String?
        let neId: String?
        let perceivedSeverity: String?
    }

    init(_ row: DatabaseRow) {
        id = row.int("id") ?? 0
        let host = row.string("callback_host") ?? ""
        consumerReference = "http://\(host.contains(":") ? "[\(host)]" : host):\(row.int("callback_port") ?? 0)\(row.string("callback_path") ?? "")"
        filter = Filter(neType: row.string("ne_type"), neId: row.string("ne_id"), perceivedSeverity: row.string("severity"))
        notificationTypes = (row.string("notification_types") ?? "").split(separator: ",").map(String.init)
        deliveredThrough = row.int("delivered_through") ?? 0
        createdAt = Alarm.local(row.string("created_at")) ?? ""
        createdBy = row.string("created_by") ?? ""
        failingSince = Alarm.local(row.string("failing_since"))
        nextAttempt = Alarm.local(row.string("next_attempt"))
        attempts = row.int("attempts") ?? 0
        lastError = row.string("last_error")
    }
}
