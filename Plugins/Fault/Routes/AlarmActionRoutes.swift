import Foundation
import PluginAPI

/// Operator actions, each with its own permission and in the operation log: acknowledge and
/// unacknowledge many alarms at once, clear one by hand, comment on one.
enum AlarmActionRoutes {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.post, "/fault/alarms/ack", permission: "fault:alarm:ack", audit: .update, summary: "Acknowledge alarms",
                     body: .json(FaultContract.ids), answer: .data(FaultContract.changed)) { request, context in
            try await acknowledge(request, context, acknowledged: true)
        }
        plugin.route(.post, "/fault/alarms/unack", permission: "fault:alarm:unack", audit: .update, summary: "Take back the acknowledgement of alarms",
                     body: .json(FaultContract.ids), answer: .data(FaultContract.changed)) { request, context in
            try await acknowledge(request, context, acknowledged: false)
        }
        let id = RouteParameter.integer("id", range: 1...FaultContract.maximumID, description: "Alarm number")
        plugin.route(.post, "/fault/alarm/{id}/clear", permission: "fault:alarm:clear", audit: .update, summary: "Clear an active alarm by hand",
                     parameters: [id], body: .json(FaultContract.clearBody, required: false), answer: .data(FaultContract.alarm), handler: clear)
        plugin.route(.post, "/fault/alarm/{id}/comment", permission: "fault:alarm:comment", audit: .insert, summary: "Comment on an alarm",
                     parameters: [id], body: .json(FaultContract.commentBody), answer: .data(FaultContract.detail), handler: comment)
    }

    struct IDs: Decodable {
        let ids: [Int]
    }

    static func acknowledge(_ request: OMCRequest, _ context: PluginContext, acknowledged: Bool) async throws -> OMCResponse {
        let body = try await request.decode(IDs.self)
        var ids: [Int] = []
        for id in body.ids where !ids.contains(id) { ids.append(id) }
        guard !ids.isEmpty else { throw OMCError.invalid("ids", "must name at least one alarm") }
        let changed = try await FaultService.acknowledge(ids, acknowledged: acknowledged, by: request.caller?.userName ?? "-", context: context)
        return .success(["changed": changed, "unchanged": ids.count - changed])
    }

    struct ClearBody: Decodable {
        let reason: String?
    }

    static func clear(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let id = try AlarmQueryRoutes.alarmID(request)
        let bytes = try await request.body.collect()
        let reasonText = bytes.isEmpty ? nil : try JSONBody.decode(ClearBody.self, from: bytes).reason
        let alarm = try await FaultService.clear(id, reason: reasonText, by: request.caller?.userName ?? "-", context: context)
        return .success(alarm)
    }

    struct CommentBody: Decodable {
        let text: String
    }

    static func comment(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let id = try AlarmQueryRoutes.alarmID(request)
        let body = try await request.decode(CommentBody.self)
        let text = body.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw OMCError.invalid("text", "must not be empty") }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) else {
            throw OMCError.invalid("text", "must not contain control characters")
        }
        let user = request.caller?.userName ?? "-"
        let now = DocumentTime.formatInstant(context.clock.now())
        try await context.database.write { db in
            guard try db.first("SELECT id FROM fault_alarm WHERE id = ?", [.int(id)]) != nil else {
                throw OMCError.notFound("alarm \(id) does not exist")
            }
            try AlarmSchema.event(id, "comment", at: now, user: user, text: text, in: db)
        }
        return try await AlarmQueryRoutes.detail(request, context)
    }
}
