import Foundation
import PluginAPI

extension OMCProcess {
    /// Sends `json` (when given) to `path` and returns the answer as JSON (`.null` when it is not JSON).
    public func json(_ method: String, _ path: String, _ json: JSONValue? = nil) async throws -> JSONValue {
        let body = try json.map { Data(try JSONBody.encode($0)) }
        let answer = try await request(method, path, body: body, headers: body == nil ? [:] : ["Content-Type": "application/json"])
        return (try? JSONDecoder().decode(JSONValue.self, from: answer.body)) ?? .null
    }

    /// Registers the NE `key` (`UDM/001`) that `simulator` plays, through the API document's
    /// `neInfo` route, and returns the answer.
    public func register(_ key: String, playedBy simulator: SimulatorProcess) async throws -> JSONValue {
        let parts = key.split(separator: "/").map(String.init)
        let (type, id) = (parts.first ?? key, parts.last ?? "")
        return try await json("POST", "/api/rest/systemManagement/v1/elementType/\(type.lowercased())/objectType/neInfo", [
            "neType": .string(type), "neId": .string(id), "neName": .string("\(type)_\(id)"), "ip": "127.0.0.1",
            "port": .number(Double(simulator.port(key))), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
        ])
    }
}
