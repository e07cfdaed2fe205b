import PluginAPI

extension HostRuntime {
    /// `GET /monitor/operation/list`, `GET /monitor/operation/{operationId}` and
    /// `PUT /monitor/operation/cancel/{operationId}`. Another user's operation is invisible (404)
    /// without ``OperationRights/list``, and cannot be cancelled (403) without ``OperationRights/cancel``.
    func serveOperations(_ endpoint: BuiltinEndpoint, _ request: OMCRequest) async throws -> OMCResponse {
        let seesAll = try await request.permissions.holds(OperationRights.list)
        switch endpoint {
        case .operationList:
            let page = try PageRequest(query: request.query)
            let filter = try OperationFilter(query: request.query, visibleOwnerID: seesAll ? nil : request.caller?.userID ?? "")
            let (rows, total) = try await operationRegistry.list(filter, page: page)
            return .list(rows: rows, total: total)
        case .operation:
            return .success(try await visibleOperation(request, seesAll: seesAll))
        default:
            let operation = try await visibleOperation(request, seesAll: seesAll)
            var mayCancel = operation.ownerId != nil && operation.ownerId == request.caller?.userID
            if !mayCancel { mayCancel = try await request.permissions.holds(OperationRights.cancel) }
            guard mayCancel else {
                throw OMCError(.forbidden, "operation \(operation.operationId) belongs to \(operation.owner ?? "nobody"); "
                    + "permission '\(OperationRights.cancel)' is required to cancel another user's operation")
            }
            guard operation.state == .running, await operationRegistry.cancel(operation.operationId) else {
                throw OMCError(.conflict, "operation \(operation.operationId) is \(operation.state.rawValue), not running; nothing to cancel")
            }
            let now = try await operationRegistry.snapshot(operation.operationId) ?? operation
            return OMCResponse(body: .json(OperationAnswer(code: 200, msg: "cancellation requested: the operation stops where "
                + "stopping leaves nothing half-applied; follow GET /monitor/operation/\(now.operationId)", data: now)))
        }
    }

    private func visibleOperation(_ request: OMCRequest, seesAll: Bool) async throws -> OperationSnapshot {
        let id = try request.pathParameter("operationId")
        guard id.utf8.count <= 64, let operation = try await operationRegistry.snapshot(id),
              seesAll || (operation.ownerId != nil && operation.ownerId == request.caller?.userID) else {
            throw OMCError.notFound("no operation \(StoredText.bounded(id, limit: 64)) that you may see")
        }
        return operation
    }
}

/// `{code, msg, data}` with a message of the host's own.
private struct OperationAnswer: Encodable, Sendable {
    let code: Int
    let msg: String
    let data: OperationSnapshot
}
