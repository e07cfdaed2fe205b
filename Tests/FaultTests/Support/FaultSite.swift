import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OMCTestSupport
import PluginAPI

/// Three processes: `omc serve` with the `ne`, `udm` and `fault` plugins (no identity plugin, so the
/// operator routes need no session), and `omc-nesim` playing NEs that push to it. Every NE is
/// registered through the OMC and given the push credential its registration answered, as an
/// operator configures a real NE.
final class FaultSite {
    let omc: OMCProcess
    let simulator: SimulatorProcess
    /// `UDM/001` → the push credential the registration issued.
    private(set) var credentials: [String: String] = [:]

    private init(omc: OMCProcess, simulator: SimulatorProcess) {
        self.omc = omc
        self.simulator = simulator
    }

    static let configuration = """
        plugins:
          - id: ne
            config:
              pollIntervalSeconds: 3600
          - id: udm
          - id: fault
        """

    /// Starts both, registers every NE of `generate` (`UDM:2,SMF:1`) and hands the site to `body`.
    static func run<Value>(generate: String, _ body: (FaultSite) async throws -> Value) async throws -> Value {
        let omc = try OMCProcess(configuration: configuration)
        let simulator: SimulatorProcess
        do {
            simulator = try SimulatorProcess(generate: generate, arguments: ["--omc", omc.baseURL.absoluteString])
        } catch {
            _ = omc.stop()
            throw error
        }
        let site = FaultSite(omc: omc, simulator: simulator)
        defer {
            simulator.stop()
            _ = omc.stop()
        }
        for key in simulator.ports.keys.sorted() {
            let answer = try await omc.register(key, playedBy: simulator)
            guard let credential = answer["data"]?["pushCredential"]?.stringValue else {
                throw FaultSiteFailure(step: "registering \(key)", answer: "\(answer)")
            }
            site.credentials[key] = credential
            try await simulator.setPushCredential(key, credential)
        }
        return try await body(site)
    }

    /// Asks the simulated NE `key` to raise (or, with `"alarmStatus": 0`, clear) an alarm with
    /// `fields`, pushed in `shape` (`full`, `single`, `array`), or kept on the NE only when `push` is
    /// false. Answers the control API's status and JSON (the OMC's answer is in `data.omcBody`).
    func alarm(_ key: String, _ fields: [String: JSONValue] = [:], shape: String = "full", push: Bool = true) async throws -> (status: Int, json: JSONValue) {
        try await control("POST", "/control/ne/\(key)/alarm?shape=\(shape)\(push ? "" : "&push=false")", .object(fields))
    }

    /// A control API call to the simulator.
    func control(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> (status: Int, json: JSONValue) {
        guard let url = URL(string: simulator.controlURL + path) else { throw URLError(.badURL) }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 60
        if let body {
            request.httpBody = Data(try JSONBody.encode(body))
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null)
    }

    /// `GET`, `POST`, … on the OMC, answered as JSON.
    func omcJSON(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        try await omc.json(method, path, body)
    }

    /// A push straight to the OMC, as an NE (or an impostor) would send it: status and JSON.
    func push(_ type: String, _ body: JSONValue, authorization: String?) async throws -> (status: Int, json: JSONValue) {
        var headers = ["Content-Type": "application/json"]
        if let authorization { headers["Authorization"] = authorization }
        let answer = try await omc.request("POST", "/api/rest/faultManagement/v1/elementType/\(type)/objectType/alarms",
                                           body: Data(try JSONBody.encode(body)), headers: headers)
        return (answer.status, (try? JSONDecoder().decode(JSONValue.self, from: answer.body)) ?? .null)
    }

    /// The OMC's active alarms (first page of 100), newest first.
    func active(_ query: String = "") async throws -> [JSONValue] {
        try await omcJSON("GET", "/fault/alarms/active?pageSize=100\(query)")["rows"]?.arrayValue ?? []
    }

    /// The OMC's cleared alarms (first page of 100).
    func history(_ query: String = "") async throws -> [JSONValue] {
        try await omcJSON("GET", "/fault/alarms/history?pageSize=100\(query)")["rows"]?.arrayValue ?? []
    }

    /// Everything the OMC keeps of alarms, to prove a refusal changed nothing.
    func snapshot() async throws -> String {
        let active = try await omcJSON("GET", "/fault/alarms/active?pageSize=1000&sortField=id")
        let history = try await omcJSON("GET", "/fault/alarms/history?pageSize=1000&sortField=id")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode([active["total"], active["rows"], history["total"], history["rows"]]), as: UTF8.self)
    }
}

/// A step of a fault site that did not succeed, with the answer it got.
struct FaultSiteFailure: Error, CustomStringConvertible {
    let step: String
    let answer: String
    var description: String { "\(step) failed: \(answer)" }
}
