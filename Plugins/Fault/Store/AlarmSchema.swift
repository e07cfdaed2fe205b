import PluginAPI

/// The fault plugin's tables: `fault_alarm` (one row per alarm, active or cleared, with its
/// correlation key NE + managed object + code), `fault_alarm_event` (its raise, change, clear,
/// acknowledgement and comment history) and `fault_counter` (alarm and event ids, each NE's sequence
/// numbers), all ids assigned by the plugin.
enum AlarmSchema {
    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v1_alarms", sql: """
            CREATE TABLE fault_alarm (
                id BIGINT PRIMARY KEY,
                ne_type TEXT NOT NULL,
                ne_id TEXT NOT NULL,
                ne_name TEXT NOT NULL,
                managed_object TEXT NOT NULL,
                alarm_code TEXT NOT NULL,
                alarm_title TEXT NOT NULL,
                alarm_type TEXT,
                probable_cause TEXT NOT NULL,
                specific_problem TEXT NOT NULL,
                additional_text TEXT NOT NULL,
                severity TEXT NOT NULL,
                ne_alarm_id TEXT NOT NULL,
                alarm_source TEXT NOT NULL,
                origin TEXT NOT NULL,
                sequence BIGINT NOT NULL,
                state TEXT NOT NULL,
                event_time TEXT NOT NULL,
                receive_time TEXT NOT NULL,
                last_event_time TEXT NOT NULL,
                repeat_count BIGINT NOT NULL,
                acknowledged INTEGER NOT NULL,
                ack_user TEXT,
                ack_time TEXT,
                clear_time TEXT,
                clear_receive_time TEXT,
                clear_user TEXT,
                clear_reason TEXT,
                unmatched_clear INTEGER NOT NULL,
                repair_advice TEXT NOT NULL
            );
            CREATE INDEX fault_alarm_key ON fault_alarm (ne_type, ne_id, managed_object, alarm_code, state);
            CREATE INDEX fault_alarm_state_time ON fault_alarm (state, event_time);
            CREATE INDEX fault_alarm_cleared ON fault_alarm (clear_receive_time);
            CREATE TABLE fault_alarm_event (
                id BIGINT PRIMARY KEY,
                alarm_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                time TEXT NOT NULL,
                user_name TEXT,
                severity TEXT,
                text TEXT NOT NULL
            );
            CREATE INDEX fault_alarm_event_alarm ON fault_alarm_event (alarm_id, id);
            CREATE TABLE fault_counter (
                name TEXT PRIMARY KEY,
                value BIGINT NOT NULL
            )
            """)
    }

    /// The columns an ``Alarm`` is read from.
    static let columns = """
        id, ne_type, ne_id, ne_name, managed_object, alarm_code, alarm_title, alarm_type, probable_cause, specific_problem, \
        additional_text, severity, ne_alarm_id, alarm_source, origin, sequence, state, event_time, receive_time, last_event_time, \
        repeat_count, acknowledged, ack_user, ack_time, clear_time, clear_receive_time, clear_user, clear_reason, unmatched_clear, repair_advice
        """

    /// The next value of counter `name` (1 for a new counter); call inside the write that uses it.
    static func next(_ name: String, in db: any DatabaseConnection) throws -> Int {
        if let current = try db.first("SELECT value FROM fault_counter WHERE name = ?", [.text(name)])?.int("value") {
            try db.execute("UPDATE fault_counter SET value = ? WHERE name = ?", [.int(current + 1), .text(name)])
            return current + 1
        }
        try db.execute("INSERT INTO fault_counter (name, value) VALUES (?, ?)", [.text(name), .int(1)])
        return 1
    }

    /// Records one entry of an alarm's history.
    static func event(_ alarmID: Int, _ kind: String, at time: String, user: String? = nil, severity: String? = nil, text: String,
                      in db: any DatabaseConnection) throws {
        let id = try next("event", in: db)
        try db.execute("INSERT INTO fault_alarm_event (id, alarm_id, kind, time, user_name, severity, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [.int(id), .int(alarmID), .text(kind), .text(time), .text(user), .text(severity), .text(text)])
    }
}
