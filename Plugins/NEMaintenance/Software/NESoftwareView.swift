import Foundation
import PluginAPI

/// An NE's software as the OMC shows it: what the NE last reported (never a version it was only
/// asked to run), whether that was confirmed just now, and the operation holding the NE, if any
/// (its progress is at `GET /monitor/operation/{operationId}`).
struct NESoftwareView: Encodable, Sendable {
    let neType: String
    let neId: String
    /// `nil` when the NE's version is unknown (it did not come back, or cannot be reached now).
    let runningVersion: String?
    let previousVersion: String?
    let packages: [String]
    /// Whether the NE answered just now; `false` shows the last state it reported, `lastKnownVersion`.
    let reachable: Bool
    let lastKnownVersion: String?
    let checkedAt: String?
    let lastResult: String?
    let operationId: String?
    let operation: String?
    let operationVersion: String?

    static let schema = ValueSchema.object([
        "neType": .string(), "neId": .string(),
        "runningVersion": .string(description: "The version the NE reports it runs; absent when unknown"),
        "previousVersion": .string(), "packages": .array(of: .string(), description: "Versions of the packages the NE holds"),
        "reachable": .boolean(description: "Whether the NE answered for this view"),
        "lastKnownVersion": .string(description: "The version the NE reported last, when it cannot be reached now"),
        "checkedAt": .string(description: "When the NE last reported its software"), "lastResult": .string(),
        "operationId": .string(description: "The operation holding the NE; its progress is at /monitor/operation/{operationId}"),
        "operation": .string(oneOf: ["distribute", "activate", "rollback", "restore"]),
        "operationVersion": .string(description: "The version the operation installs, or the backup a restore sends"),
    ], required: ["neType", "neId", "packages", "reachable"], name: "NESoftware")

    var json: JSONValue {
        get throws { try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(self)) }
    }

    /// The NE's state as it reports it now, recorded; when it cannot be reached, the stored one marked
    /// unreachable, with no running version claimed.
    static func current(_ element: NetworkElement, _ context: PluginContext) async throws -> NESoftwareView {
        let client = NESoftwareClient(element: element, context: context)
        do {
            let state = try await client.state()
            try await SoftwareTables.record(element.neType, element.neID, state: state, result: nil, context)
            return try await stored(element, context)
        } catch let error as OMCError where error.kind == .neFailure || error.kind == .neTimeout {
            let view = try await stored(element, context)
            return NESoftwareView(neType: view.neType, neId: view.neId, runningVersion: nil, previousVersion: view.previousVersion,
                                  packages: view.packages, reachable: false, lastKnownVersion: view.runningVersion ?? view.lastKnownVersion,
                                  checkedAt: view.checkedAt, lastResult: error.message, operationId: view.operationId,
                                  operation: view.operation, operationVersion: view.operationVersion)
        }
    }

    /// The OMC's record of the NE, as the NE last reported it.
    static func stored(_ element: NetworkElement, _ context: PluginContext) async throws -> NESoftwareView {
        let row = try await SoftwareTables.row(element.neType, element.neID, context)
        let packages = (row?.string("packages") ?? "").split(separator: ",").map(String.init)
        return NESoftwareView(neType: element.neType, neId: element.neID, runningVersion: row?.string("running_version"),
                              previousVersion: row?.string("previous_version"), packages: packages,
                              reachable: row?.string("running_version") != nil, lastKnownVersion: nil,
                              checkedAt: row?.int("checked_at").map { DocumentTime.format(Date(milliseconds: $0)) },
                              lastResult: row?.string("last_result"), operationId: row?.string("operation_id"),
                              operation: row?.string("operation"), operationVersion: row?.string("target_version"))
    }
}
