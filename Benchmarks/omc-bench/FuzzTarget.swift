import Foundation
import OMCHost
import PluginAPI

/// The in-process host the fuzz run sends its requests to, as the administrator: requests go
/// through the whole pipeline (routing, identity, rights, handler, operation log) without the network.
struct FuzzTarget {
    let runtime: HostRuntime
    private var token = ""
    private var password = ""

    init(runtime: HostRuntime) {
        self.runtime = runtime
    }

    /// Logs the first-start administrator in, changes the password and keeps the new session's token.
    mutating func logIn(first: String, password: String) async throws {
        let firstToken = try await token(for: first)
        token = firstToken
        let change = try await send("PUT", "/system/user/profile/updatePwd", body: Self.json(["oldPassword": first, "newPassword": password]),
                                    contentType: "application/json")
        guard change.status == 200 else { throw BenchmarkError("the password change failed: HTTP \(change.status)") }
        self.password = password
        token = try await token(for: password)
    }

    /// Registers a simulated NE through the document's `neInfo` route.
    mutating func register(_ element: NESimulatorProcess.Element) async throws {
        let body = try JSONSerialization.data(withJSONObject: [
            "neType": element.type, "neId": element.id, "neName": "\(element.type)_fuzz", "ip": "127.0.0.1", "port": element.port,
            "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
        ])
        let answer = try await send("POST", "/api/rest/systemManagement/v1/elementType/\(element.type.lowercased())/objectType/neInfo",
                                    body: Array(body), contentType: "application/json")
        guard answer.status == 200 else { throw BenchmarkError("registering \(element.key) failed: HTTP \(answer.status)") }
    }

    /// Every mounted route (method and path pattern), from the host's OpenAPI document.
    mutating func routes() async throws -> [(method: String, path: String)] {
        let answer = try await send("GET", "/openapi.json", body: [], contentType: nil)
        guard let document = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any],
              let paths = document["paths"] as? [String: [String: Any]] else {
            throw BenchmarkError("/openapi.json has no paths")
        }
        return paths.flatMap { path, operations in operations.keys.map { (method: $0.uppercased(), path: path) } }
            .sorted { ($0.path, $0.method) < ($1.path, $1.method) }
    }

    /// Sends one request as the administrator; logs in again when a fuzzed request ended the session.
    mutating func send(_ method: String, _ path: String, query: String? = nil, body: [UInt8],
                       contentType: String?) async throws -> (status: Int, body: [UInt8]) {
        let answer = await exchange(method, path, query: query, body: body, contentType: contentType)
        guard answer.status == 401, !password.isEmpty else { return answer }
        token = try await token(for: password)
        return await exchange(method, path, query: query, body: body, contentType: contentType)
    }

    private func exchange(_ method: String, _ path: String, query: String?, body: [UInt8], contentType: String?) async -> (status: Int, body: [UInt8]) {
        var headers = [("Authorization", "Bearer \(token)")]
        if let contentType { headers.append(("Content-Type", contentType)) }
        let incoming = IncomingRequest(method: method, path: path, query: query?.isEmpty == false ? query : nil, headers: HeaderFields(headers),
                                       body: { limit in RequestBody(bytes: body, limit: limit) }, contentLength: body.count,
                                       clientAddress: "127.0.0.1")
        let response = await runtime.respond(to: incoming)
        return (response.status, await Self.drained(response.body))
    }

    private func token(for password: String) async throws -> String {
        let answer = await exchange("POST", "/login", query: nil, body: Self.json(["username": "admin", "password": password]),
                                    contentType: "application/json")
        guard let object = try? JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any],
              let data = object["data"] as? [String: Any], let token = data["access_token"] as? String else {
            throw BenchmarkError("the administrator's login failed: HTTP \(answer.status)")
        }
        return token
    }

    private static func json(_ object: [String: String]) -> [UInt8] {
        (try? JSONSerialization.data(withJSONObject: object)).map(Array.init) ?? []
    }

    /// The whole body; a streamed one is run to its end, as a client reading it would make it.
    private static func drained(_ body: OMCResponse.Body) async -> [UInt8] {
        switch body {
        case .empty, .json: return []
        case .bytes(let bytes): return bytes
        case .stream(let produce):
            let sink = DiscardingWriter()
            try? await produce(sink)
            return []
        }
    }
}

/// A streamed answer's chunks, counted and dropped.
private final class DiscardingWriter: ResponseBodyWriter {
    func write(_ bytes: [UInt8]) async throws {}
}
