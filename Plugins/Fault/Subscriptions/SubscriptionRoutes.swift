import Foundation
import PluginAPI

/// Notification subscriptions as in TS 28.532: a consumer registers a callback URL with a filter
/// (`POST /fault/subscriptions`), lists them, and removes them; ``NotificationDelivery`` posts.
enum SubscriptionRoutes {
    static let subscription = ValueSchema.object([
        "id": .integer(), "consumerReference": .string(description: "The callback URL"),
        "filter": .object(["neType": .string(), "neId": .string(), "perceivedSeverity": .string()]),
        "notificationTypes": .array(of: .string(oneOf: NotificationType.allCases.map(\.rawValue))),
        "deliveredThrough": .integer(description: "The last change delivered (or skipped by the filter)"),
        "createdAt": .string(), "createdBy": .string(), "failingSince": .string(), "nextAttempt": .string(),
        "attempts": .integer(description: "Failed deliveries in a row"), "lastError": .string(),
    ], required: ["id", "consumerReference", "filter", "notificationTypes", "deliveredThrough", "attempts"], name: "AlarmSubscription")

    static let request = ValueSchema.object([
        "consumerReference": .string(minLength: 1, maxLength: 512, description: "http://<IP address>:<port>/<path> the notifications are posted to"),
        "filter": .object([
            "neType": .string(maxLength: 32), "neId": .string(maxLength: 32),
            "perceivedSeverity": .string(oneOf: AlarmSeverity.listed, rule: "must be one of \(AlarmSeverity.listed.joined(separator: ", "))"),
        ]),
        "notificationTypes": .array(of: .string(oneOf: NotificationType.allCases.map(\.rawValue),
                                                rule: "must be one of \(NotificationType.allCases.map(\.rawValue).joined(separator: ", "))"),
                                    maxItems: 4, description: "Default: all four"),
    ], required: ["consumerReference"], name: "AlarmSubscriptionRequest")

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.post, "/fault/subscriptions", permission: "fault:subscription:add", summary: "Subscribe a consumer to alarm notifications",
                     body: .json(request), answer: .data(subscription), handler: create)
        plugin.route(.get, "/fault/subscriptions", permission: "fault:subscription:query", summary: "Alarm notification subscriptions",
                     answer: .data(.array(of: subscription))) { _, context in
            let rows = try await context.database.read { db in
                try db.query("SELECT \(SubscriptionSchema.columns) FROM fault_subscription ORDER BY id", []).map(Subscription.init)
            }
            return .success(rows)
        }
        plugin.route(.delete, "/fault/subscriptions/{id}", permission: "fault:subscription:remove", summary: "End an alarm notification subscription",
                     parameters: [.integer("id", range: 1...FaultContract.maximumID, description: "Subscription number")], answer: .message) { request, context in
            let text = try request.pathParameter("id")
            guard let id = Int(text) else { throw OMCError.invalid("id", "'\(text)' is not a subscription number") }
            let removed = try await context.database.write { db in
                try db.execute("DELETE FROM fault_subscription WHERE id = ?", [.int(id)])
                return db.changedRowCount
            }
            guard removed == 1 else { throw OMCError.notFound("subscription \(id) does not exist") }
            return .success()
        }
    }

    struct Body: Decodable {
        struct Filter: Decodable {
            let neType: String?
            let neId: String?
            let perceivedSeverity: String?
        }
        let consumerReference: String
        let filter: Filter?
        let notificationTypes: [String]?
    }

    static func create(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let body = try await request.decode(Body.self)
        let (host, port, path) = try callback(body.consumerReference)
        var types: [String] = []
        for name in body.notificationTypes ?? NotificationType.allCases.map(\.rawValue) where !types.contains(name) {
            guard NotificationType(rawValue: name) != nil else {
                throw OMCError.invalid("notificationTypes", "must be one of \(NotificationType.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            types.append(name)
        }
        guard !types.isEmpty else { throw OMCError.invalid("notificationTypes", "must name at least one notification type") }
        if let severity = body.filter?.perceivedSeverity, AlarmSeverity(rawValue: severity.lowercased()) == nil {
            throw OMCError.invalid("filter.perceivedSeverity", "must be one of \(AlarmSeverity.listed.joined(separator: ", "))")
        }
        let user = request.caller?.userName ?? "-"
        let now = DocumentTime.formatInstant(context.clock.now())
        let filter = body.filter, chosen = types
        let created = try await context.database.write { db -> Subscription? in
            let id = try AlarmSchema.next("subscription", in: db)
            // Notifications start with the next change.
            let latest = try db.first("SELECT max(id) AS latest FROM fault_alarm_event")?.int("latest") ?? 0
            try db.execute("""
                INSERT INTO fault_subscription (id, callback_host, callback_port, callback_path, ne_type, ne_id, severity, notification_types,
                    delivered_through, created_at, created_by, attempts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
                """, [.int(id), .text(host), .int(port), .text(path), .text(filter?.neType?.uppercased()), .text(filter?.neId),
                      .text(filter?.perceivedSeverity?.lowercased()), .text(chosen.joined(separator: ",")), .int(latest), .text(now), .text(user)])
            return try db.first("SELECT \(SubscriptionSchema.columns) FROM fault_subscription WHERE id = ?", [.int(id)]).map(Subscription.init)
        }
        guard let created else { throw OMCError(.internal, "the new subscription could not be read back") }
        return .success(created)
    }

    /// `http://<IP>:<port>/<path>`: the OMC posts to addresses, as it reaches NEs, never resolving names.
    static func callback(_ text: String) throws(OMCError) -> (host: String, port: Int, path: String) {
        guard let url = URLComponents(string: text), url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty,
              url.user == nil, url.password == nil, url.query == nil, url.fragment == nil else {
            throw OMCError.invalid("consumerReference", "must be http://<IP address>:<port>/<path> without query or credentials")
        }
        let bare = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        guard bare.split(separator: ".").count == 4 && bare.split(separator: ".").allSatisfy({ UInt8($0) != nil }) || bare.contains(":") else {
            throw OMCError.invalid("consumerReference", "must name an IP address, not the host name '\(host)'")
        }
        let path = url.percentEncodedPath.isEmpty ? "/" : url.percentEncodedPath
        return (bare, url.port ?? 80, path)
    }
}
