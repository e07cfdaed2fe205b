import Foundation
import PluginAPI

/// A plugin running long operations for tests, with its own identity: `alice-token` and
/// `bob-token` hold every right but those over other users' operations (`monitor:operation:*`),
/// `boss-token` holds every right.
///
/// `POST /stopwatch/{ticks}` counts to `ticks`, one tick every 20 ms, stopping at the next tick
/// after a cancellation; it answers `{data: ticks}` (or 202 with the operation under
/// `Prefer: respond-async`).
struct StopwatchPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "stopwatch", version: "1.0.0", kind: .feature, summary: "Long operations for tests")

    init(configuration: PluginConfiguration) throws {}

    struct Tokens: Authenticator {
        func authenticate(_ credentials: Credentials, _ context: PluginContext) async throws -> Caller? {
            switch credentials.token {
            case "alice-token": Caller(userID: "11", userName: "alice", roles: ["operator"])
            case "bob-token": Caller(userID: "12", userName: "bob", roles: ["operator"])
            case "boss-token": Caller(userID: "13", userName: "boss", roles: ["admin"])
            default: nil
            }
        }
    }

    struct Rights: Authorizer {
        func isPermitted(_ caller: Caller, _ permission: String, _ context: PluginContext) async throws -> Bool {
            caller.roles.contains("admin") || !permission.hasPrefix("monitor:operation:")
        }
    }

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.identity(authenticator: Tokens(), authorizer: Rights())
        plugin.route(.post, "/stopwatch/{ticks}", permission: "stopwatch:tick:run", summary: "Count ticks as a long operation") { request, context in
            guard let ticks = Int(try request.pathParameter("ticks")), (1...100_000).contains(ticks) else {
                throw OMCError.invalid("ticks", "must be an integer from 1 to 100000")
            }
            return try await context.operations.respond(to: request, kind: "stopwatch.tick.run", title: "Count \(ticks) ticks",
                                                        total: ticks) { tracker in
                tracker.progress(phase: "ticking", done: 0)
                for tick in 1...ticks {
                    try tracker.checkCancellation()
                    try await Task.sleep(for: .milliseconds(20))
                    tracker.progress(done: tick)
                    if tick % 10 == 0 { tracker.error("tick \(tick) was a round number") }
                }
                return .number(Double(ticks))
            }
        }
    }
}
