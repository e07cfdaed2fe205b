import Foundation
import PluginAPI

/// The only place that talks software with an NE, through `context.network`. Every refusal carries
/// the NE's own words.
struct NESoftwareClient: Sendable {
    let element: NetworkElement
    let context: PluginContext

    private var base: String { NEKeys.path(element, "software") }

    /// The NE's software state; a 502 when it answers something else.
    func state(timeout: Duration? = nil) async throws -> NESoftwareState {
        let answer = try await context.network.send(.get(base, timeout: timeout), to: element)
        let json = try answer.json(from: element)
        guard answer.status == 200, let state = NESoftwareState(json["data"] ?? .null) else {
            throw OMCError(.neFailure, "NE \(element.key) did not report its software state: \(Self.words(json, answer.status))")
        }
        return state
    }

    /// Sends the package file, streamed; `sent` hears the bytes sent so far.
    func distribute(version: String, file: String, size: Int, sha256: String, sent: @escaping @Sendable (Int) -> Void) async throws {
        var request = NERequest(method: .post, path: "\(base)/\(version)", query: [("sha256", sha256)], body: .file(path: file, size: size),
                                contentType: "application/octet-stream", timeout: .seconds(60 + size / 1_000_000))
        request.bodySent = sent
        let answer = try await context.network.send(request, to: element)
        guard answer.status == 200 else {
            let json = (try? answer.json(from: element)) ?? .null
            throw OMCError(.neFailure, "NE \(element.key) refused package \(version): \(Self.words(json, answer.status))")
        }
    }

    /// Asks the NE to restart into `version` (`.put`, an activation) or to roll back from it (`.patch`);
    /// returns the version it restarts into.
    func restart(_ method: HTTPMethod, version: String) async throws -> String {
        let answer = try await context.network.send(NERequest(method: method, path: "\(base)/\(version)"), to: element)
        let json = (try? answer.json(from: element)) ?? .null
        guard answer.status == 200, let target = json["data"]?["version"]?.stringValue else {
            let words = Self.words(json, answer.status)
            if method == .put { throw OMCError(.neFailure, "NE \(element.key) refused the activation of \(version): \(words)") }
            throw OMCError(.neFailure, "NE \(element.key) refused the rollback from \(version): \(words)")
        }
        return target
    }

    /// The NE's `msg`, or its HTTP status when it gave none.
    static func words(_ json: JSONValue, _ status: Int) -> String {
        json["msg"]?.stringValue ?? "HTTP \(status)"
    }
}
