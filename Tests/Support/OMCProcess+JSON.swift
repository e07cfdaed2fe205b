import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
public import PluginAPI

extension OMCProcess {
    /// Sends `json` (when given) to `path`, with `token` as the session when given, and returns the
    /// answer as JSON (`.null` when it is not JSON).
    public func json(_ method: String, _ path: String, _ json: JSONValue? = nil, token: String? = nil) async throws -> JSONValue {
        let body = try json.map { Data(try JSONBody.encode($0)) }
        var headers = body == nil ? [:] : ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer \(token)" }
        let answer = try await request(method, path, body: body, headers: headers)
        return (try? JSONDecoder().decode(JSONValue.self, from: answer.body)) ?? .null
    }

    /// Registers the NE `key` (`UDM/001`) that `simulator` plays, through the API document's
    /// `neInfo` route (with `token` as the session when given), and returns the answer.
    public func register(_ key: String, playedBy simulator: SimulatorProcess, token: String? = nil) async throws -> JSONValue {
        let parts = key.split(separator: "/").map(String.init)
        let (type, id) = (parts.first ?? key, parts.last ?? "")
        return try await json("POST", "/api/rest/systemManagement/v1/elementType/\(type.lowercased())/objectType/neInfo", [
            "neType": .string(type), "neId": .string(id), "neName": .string("\(type)_\(id)"), "ip": "127.0.0.1",
            "port": .number(Double(simulator.port(key))), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
        ], token: token)
    }

    /// Sends `method path` (with `json` when given) and kills the process with SIGKILL `delay` later,
    /// while the request is under way, as a power cut would; waits for the request to fail and
    /// returns what the process wrote on standard error.
    public func killHard(after delay: Duration, during method: String, _ path: String, _ json: JSONValue? = nil) async throws -> String {
        guard let url = URL(string: baseURL.absoluteString + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(try JSONBody.encode(json))
        }
        request.timeoutInterval = 60
        let sent = request
        // The killed process's connection fails the request on its own. Cancelling it instead would
        // reach FoundationNetworking's URLSessionTask.cancel, which can deadlock on Linux.
        let task = Task { _ = try? await URLSession.shared.data(for: sent) }
        try await Task.sleep(for: delay)
        let log = killHard()
        _ = await task.result
        return log
    }
}
