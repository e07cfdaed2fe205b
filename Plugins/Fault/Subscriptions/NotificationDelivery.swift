import Foundation
import PluginAPI

/// Posts TS 28.532 notifications (`notifyNewAlarm`, `notifyChangedAlarm`, `notifyClearedAlarm`,
/// `notifyAckStateChanged`) to each subscription's callback, in the order of the change table. A
/// failed post is retried with a doubling back-off (`subscriptionRetrySeconds` up to 5 minutes),
/// the changes after it waiting; a subscription failing for `subscriptionDropAfterSeconds` is dropped.
enum NotificationDelivery {
    static let maximumBackOff = 300.0

    static func declare(_ plugin: inout PluginRegistrar, settings: FaultSettings) {
        plugin.job("deliver-alarm-notifications", schedule: .every(seconds: 1),
                   summary: "Post alarm notifications to the subscribed consumers, retrying with back-off") { context in
            try await deliverAll(context, settings: settings)
        }
    }

    static func deliverAll(_ context: PluginContext, settings: FaultSettings) async throws {
        let now = context.clock.now()
        let due = try await context.database.read { db in
            try db.query("SELECT \(SubscriptionSchema.columns) FROM fault_subscription WHERE next_attempt IS NULL OR next_attempt <= ? ORDER BY id",
                         [.text(DocumentTime.formatInstant(now))])
        }
        for row in due { try await deliver(row, context, settings: settings, now: now) }
    }

    private static func deliver(_ row: DatabaseRow, _ context: PluginContext, settings: FaultSettings, now: Date) async throws {
        let id = row.int("id") ?? 0
        let types = Set((row.string("notification_types") ?? "").split(separator: ",").map(String.init))
        var conditions: [(String, SQLValue)] = []
        if let type = row.string("ne_type") { conditions.append(("a.ne_type = ?", .text(type))) }
        if let neID = row.string("ne_id") { conditions.append(("a.ne_id = ?", .text(neID))) }
        if let severity = row.string("severity") { conditions.append(("a.severity = ?", .text(severity))) }
        let consumer = NetworkElement(neType: "SUBSCRIBER", neID: String(id), name: "subscription \(id)",
                                      ip: row.string("callback_host") ?? "", port: row.int("callback_port") ?? 0)
        let path = row.string("callback_path") ?? "/"
        var cursor = row.int("delivered_through") ?? 0
        for _ in 0..<10 {
            let from = cursor, filter = conditions
            let page = try await context.database.read { db in try AlarmStream.read(after: from, conditions: filter, in: db) }
            for event in page.events {
                guard let type = NotificationType(kind: event.kind), types.contains(type.rawValue) else { continue }
                do {
                    let answer = try await context.network.send(.json(.post, path, notification(event, type: type), timeout: .seconds(5)), to: consumer)
                    guard (200..<300).contains(answer.status) else { throw OMCError(.neFailure, "the consumer answered HTTP \(answer.status)") }
                } catch {
                    try await failed(id, row: row, delivered: cursor, reason: "\(error)", context, settings: settings, now: now)
                    return
                }
                cursor = event.id
            }
            cursor = max(cursor, page.scanned)
            guard page.scanned > from else { break }
        }
        let delivered = cursor
        try await context.database.write { db in
            try db.execute("""
                UPDATE fault_subscription SET delivered_through = ?, failing_since = NULL, next_attempt = NULL, attempts = 0, last_error = NULL
                WHERE id = ?
                """, [.int(delivered), .int(id)])
        }
    }

    /// Keeps what was delivered, schedules the next attempt, or drops a subscription failing too long.
    private static func failed(_ id: Int, row: DatabaseRow, delivered: Int, reason: String, _ context: PluginContext,
                               settings: FaultSettings, now: Date) async throws {
        let failingSince = row.string("failing_since").flatMap(DocumentTime.parseInstant) ?? now
        let attempts = (row.int("attempts") ?? 0) + 1
        if now.timeIntervalSince(failingSince) >= Double(settings.subscriptionDropAfterSeconds) {
            try await context.database.write { db in try db.execute("DELETE FROM fault_subscription WHERE id = ?", [.int(id)]) }
            context.logger.warning("alarm subscription \(id) dropped: its consumer has failed since \(DocumentTime.format(failingSince))",
                                   ["reason": reason])
            return
        }
        let backOff = min(maximumBackOff, Double(settings.subscriptionRetrySeconds) * pow(2, Double(min(attempts - 1, 16))))
        let next = DocumentTime.formatInstant(now.addingTimeInterval(backOff))
        try await context.database.write { db in
            try db.execute("""
                UPDATE fault_subscription SET delivered_through = ?, failing_since = ?, next_attempt = ?, attempts = ?, last_error = ? WHERE id = ?
                """, [.int(delivered), .text(DocumentTime.formatInstant(failingSince)), .text(next), .int(attempts),
                      .text(String(reason.prefix(500))), .int(id)])
        }
        context.logger.info("alarm notification to subscription \(id) failed (attempt \(attempts)); next try in \(Int(backOff)) s", ["reason": reason])
    }

    /// The notification of TS 28.532's FaultMnS for one change.
    static func notification(_ event: StreamEvent, type: NotificationType) -> JSONValue {
        let alarm = event.alarm
        var body: [String: JSONValue] = [
            "href": .string("/fault/alarm/\(alarm.id)"), "notificationId": .number(Double(event.id)),
            "notificationType": .string(type.rawValue), "eventTime": .string(event.time), "systemDN": "OMC",
            "alarmId": .string(String(alarm.id)), "objectClass": .string(alarm.neType),
            "objectInstance": .string("\(alarm.neType)=\(alarm.neId),\(alarm.managedObject)"),
            "alarmType": .string(tsAlarmType(alarm.alarmType)), "probableCause": .string(alarm.probableCause),
            "specificProblem": .string(alarm.specificProblem), "perceivedSeverity": .string(alarm.perceivedSeverity.uppercased()),
            "additionalText": .string(alarm.additionalText), "alarmCode": .string(alarm.alarmCode), "alarmTitle": .string(alarm.alarmTitle),
            "ackState": .string(alarm.acknowledged ? "ACKNOWLEDGED" : "UNACKNOWLEDGED"),
        ]
        if let user = alarm.ackUser { body["ackUserId"] = .string(user) }
        if type == .notifyClearedAlarm { body["perceivedSeverity"] = "CLEARED" }
        if let cleared = alarm.clearTime { body["alarmClearedTime"] = .string(cleared) }
        return .object(body)
    }

    static func tsAlarmType(_ type: String?) -> String {
        switch type.flatMap(AlarmType.init(rawValue:)) {
        case .communications: "COMMUNICATIONS_ALARM"
        case .qualityOfService: "QUALITY_OF_SERVICE_ALARM"
        case .processingError: "PROCESSING_ERROR_ALARM"
        case .equipment: "EQUIPMENT_ALARM"
        case .environmental: "ENVIRONMENTAL_ALARM"
        case nil: "PROCESSING_ERROR_ALARM"
        }
    }
}
