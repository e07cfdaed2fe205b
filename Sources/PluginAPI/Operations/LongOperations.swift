import Foundation

/// The host's record of long operations (``PluginContext/operations``): batches, imports, exports
/// and any other work that can take seconds. One mechanism for every plugin, so that the console
/// and scripts draw one kind of progress bar and cancel work the same way everywhere.
///
/// A handler usually calls ``respond(to:kind:title:total:id:work:)``: it answers `202 Accepted`
/// with the operation at once when the caller sent `Prefer: respond-async`, and otherwise keeps
/// the document's synchronous answer while recording the operation, so another request can follow
/// it. Downloads, whose answer is the file itself, use ``run(_:title:for:total:id:requestID:work:)``.
public protocol LongOperations: Sendable {
    /// Records a new running operation. `kind` is `<plugin>.<noun>.<verb>` (`udm.sub.batchAdd`);
    /// `caller` owns it (sees and cancels it); `id`, when given (a batch's id), must be new.
    func begin(_ kind: String, title: String, for caller: Caller?, total: Int?, id: String?, requestID: String?) async throws -> LongOperation
    /// Records how `operation` ended (call it once the operation reached its end) and stops
    /// offering it for cancellation.
    func end(_ operation: LongOperation) async
    /// Adds what settling operation `id`, left by a stop, found (`the NE had applied it; …`).
    func settled(_ id: String, _ outcome: String) async
}

extension LongOperations {
    /// Runs `work` as a recorded operation in the calling task and returns what it returns. The
    /// operation ends succeeded (unless `work` ended it itself), or cancelled or failed when
    /// `work` throws, which rethrows.
    public func run<T: Sendable>(_ kind: String, title: String, for caller: Caller?, total: Int? = nil, id: String? = nil,
                                 requestID: String? = nil, work: (LongOperation) async throws -> T) async throws -> T {
        let operation = try await begin(kind, title: title, for: caller, total: total, id: id, requestID: requestID)
        do {
            let value = try await work(operation)
            operation.succeed()
            await end(operation)
            return value
        } catch {
            operation.fail(after: error)
            await end(operation)
            throw error
        }
    }

    /// Runs `work`, which returns the `data` of the document's answer, as a recorded operation.
    /// With `Prefer: respond-async` (RFC 7240) it answers `202 Accepted` at once (``OMCResponse/accepted(_:)``)
    /// and `work` goes on after the request; otherwise it waits and answers `answer(data)`
    /// (`{code, msg, data}` unless the document shapes it otherwise), with the operation's id in
    /// `X-Operation-Id`. Check the request fully before calling this: a bad request must fail
    /// before an operation exists, and `work` must not read the request.
    public func respond(to request: OMCRequest, kind: String, title: String, total: Int? = nil, id: String? = nil,
                        answer: @Sendable (JSONValue) -> OMCResponse = { .success($0) },
                        work: @escaping @Sendable (LongOperation) async throws -> JSONValue) async throws -> OMCResponse {
        let operation = try await begin(kind, title: title, for: request.caller, total: total, id: id, requestID: request.requestID)
        let finish: @Sendable () async throws -> JSONValue = {
            do {
                let result = try await work(operation)
                operation.succeed(result)
                await end(operation)
                return result
            } catch {
                operation.fail(after: error)
                await end(operation)
                throw error
            }
        }
        if request.prefersRespondAsync {
            Task { _ = try? await finish() }
            return .accepted(operation)
        }
        var response = answer(try await finish())
        response.headers.set("X-Operation-Id", operation.id)
        return response
    }
}

/// Operations recorded nowhere, for contexts made without a host.
public struct UnrecordedOperations: LongOperations {
    /// Nothing is recorded.
    public init() {}

    /// An operation nobody else can see.
    public func begin(_ kind: String, title: String, for caller: Caller?, total: Int?, id: String?, requestID: String?) async throws -> LongOperation {
        let now = Date.now
        return LongOperation(snapshot: OperationSnapshot(
            operationId: id ?? UUID().uuidString.lowercased(), kind: kind, title: title, pluginId: "", ownerId: caller?.userID,
            owner: caller?.userName, state: .running, phase: "starting", done: 0, total: total, rate: 0, errors: [], errorCount: 0,
            result: nil, message: nil, cancelRequested: false, settlement: nil, startedAt: DocumentTime.formatInstant(now), endedAt: nil),
            now: { Date.now })
    }

    /// Nothing to record.
    public func end(_ operation: LongOperation) async {}

    /// Nothing to record.
    public func settled(_ id: String, _ outcome: String) async {}
}
