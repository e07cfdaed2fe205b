import Foundation
import PluginAPI

/// One operation per NE at a time, for every operation that changes an NE (distribute, activate,
/// roll back, restore a configuration): the NE is claimed in `nemaint_ne_software` under the long
/// operation's id before anything is sent, and given back when the work ends.
enum NEOperation {
    /// Holds `element` for a new operation, runs `check` (which refuses before anything is sent), then
    /// answers through `context.operations`; the NE is given back when `work` ends, however it ends.
    static func holding(_ element: NetworkElement, kind: String, operation: String, target: String?, title: String, total: Int? = nil,
                        _ request: OMCRequest, _ context: PluginContext, check: () async throws -> Void,
                        work: @escaping @Sendable (LongOperation) async throws -> JSONValue) async throws -> OMCResponse {
        let id = UUID().uuidString.lowercased()
        try await SoftwareTables.claim(element.neType, element.neID, operationID: id, operation: operation, target: target, context)
        do {
            try await check()
            return try await context.operations.respond(to: request, kind: kind, title: title, total: total, id: id) { tracker in
                do {
                    let result = try await work(tracker)
                    await SoftwareTables.release(element.neType, element.neID, operationID: id, context)
                    return result
                } catch {
                    await SoftwareTables.release(element.neType, element.neID, operationID: id, context)
                    throw error
                }
            }
        } catch {
            await SoftwareTables.release(element.neType, element.neID, operationID: id, context)
            throw error
        }
    }
}
