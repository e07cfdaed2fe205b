import Foundation
public import OMCTesting
public import PluginAPI
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A simulated site for tests: `omc-nesim` as a separate process playing some NEs, a mock host with
/// the plugins under test, every simulated NE registered through the host's NE routes, and the
/// headers of a logged-in session. Every step that fails throws ``SiteFailure`` with the answer it
/// got; nothing crashes the test process.
///
///     try await SimulatedSite.run(plugins: [NEManagementPlugin.self, UDMPlugin.self], generate: "UDM:2") { site async throws in
///         let answer = try await site.send(.get, "/api/rest/systemManagement/v1/elementType/udm/objectType/neInfo/list")
///         #expect(answer.code == 200)
///     }
public final class SimulatedSite {
    /// The OMC.
    public let host: MockHost
    /// The NEs' process.
    public let simulator: SimulatorProcess
    /// The headers of the logged-in session (empty when no identity plugin runs).
    public let session: [String: String]
    /// The NEs registered, as `TYPE/id` (`UDM/001`), sorted.
    public var elements: [String] { simulator.ports.keys.sorted() }

    private init(host: MockHost, simulator: SimulatorProcess, session: [String: String]) {
        self.host = host
        self.simulator = simulator
        self.session = session
    }

    /// Starts the simulator with `generate` (`UDM:2,AMF:1`; `simulatorArguments` adds options such as
    /// `--tls-cert`), a mock host with `plugins` and `configuration` (a `plugins.yaml` text; every plugin
    /// with its defaults when `nil`), logs in with `login` and registers every simulated NE as that session.
    public static func start(plugins: [any OMCPlugin.Type], configuration: String? = nil, generate: String,
                             simulatorArguments: [String] = [], clock: ManualClock = ManualClock(),
                             login: (MockHost) async throws -> [String: String] = { _ in [:] }) async throws -> SimulatedSite {
        let simulator = try SimulatorProcess(generate: generate, arguments: simulatorArguments)
        let host: MockHost
        do {
            host = try await MockHost.start(plugins, configuration: configuration, clock: clock)
        } catch {
            simulator.stop()
            throw error
        }
        do {
            let site = SimulatedSite(host: host, simulator: simulator, session: try await login(host))
            for key in site.elements { try await site.register(key) }
            return site
        } catch {
            await host.shutdown()
            simulator.stop()
            throw error
        }
    }

    /// Starts a site as ``start(plugins:configuration:generate:simulatorArguments:clock:login:)`` does, hands it to
    /// `body`, and stops it when `body` returns or throws; `body`'s result or error is passed on.
    @discardableResult
    public static func run<Value>(plugins: [any OMCPlugin.Type], configuration: String? = nil, generate: String,
                                  simulatorArguments: [String] = [], clock: ManualClock = ManualClock(),
                                  login: (MockHost) async throws -> [String: String] = { _ in [:] },
                                  _ body: (SimulatedSite) async throws -> Value) async throws -> Value {
        let site = try await start(plugins: plugins, configuration: configuration, generate: generate,
                                   simulatorArguments: simulatorArguments, clock: clock, login: login)
        do {
            let result = try await body(site)
            await site.stop()
            return result
        } catch {
            await site.stop()
            throw error
        }
    }

    /// Shuts the host down and stops the simulator.
    public func stop() async {
        await host.shutdown()
        simulator.stop()
    }

    /// Registers the simulated NE `key` (`UDM/001`) with the OMC, as the document's client does.
    public func register(_ key: String) async throws {
        let parts = key.split(separator: "/").map(String.init)
        guard parts.count == 2 else { throw SiteFailure(step: "registering \(key)", status: 0, answer: "not a TYPE/id key") }
        let answer = try await send(.post, "/api/rest/systemManagement/v1/elementType/\(parts[0].lowercased())/objectType/neInfo", json: [
            "neType": .string(parts[0]), "neId": .string(parts[1]), "neName": .string("\(parts[0])_\(parts[1])"), "ip": "127.0.0.1",
            "port": .number(Double(simulator.port(key))), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
        ] as JSONValue)
        guard answer.code == 200 else { throw SiteFailure(step: "registering \(key)", status: answer.status, answer: answer.text) }
        // The NE keeps the push credential the registration issued, as an operator would configure it.
        if let credential = answer.data?["pushCredential"]?.stringValue { try await simulator.setPushCredential(key, credential) }
    }

    /// Sends a request as the logged-in session; `headers` add to or override the session's.
    public func send(_ method: HTTPMethod, _ path: String, json value: some Encodable, headers: [String: String] = [:]) async throws -> MockResponse {
        try await host.send(method, path, json: value, headers: session.merging(headers) { $1 })
    }

    /// Sends a request as the logged-in session; `headers` add to or override the session's.
    public func send(_ method: HTTPMethod, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) async -> MockResponse {
        await host.send(method, path, headers: session.merging(headers) { $1 }, body: body)
    }

    /// A request straight to the simulated NE `key` (`UDM/001`), behind the OMC's back: status and body.
    public func askNE(_ key: String, _ method: String = "GET", _ pathAndQuery: String, body: String? = nil) async throws -> (status: Int, body: [UInt8]) {
        guard let url = URL(string: "http://127.0.0.1:\(simulator.port(key))\(pathAndQuery)") else {
            throw SiteFailure(step: "asking \(key)", status: 0, answer: "'\(pathAndQuery)' makes no URL")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, Array(data))
    }

    /// ``askNE(_:_:_:body:)`` for an answer that must be 200; anything else throws with the answer.
    public func askNEExpectingSuccess(_ key: String, _ method: String = "GET", _ pathAndQuery: String, body: String? = nil) async throws -> [UInt8] {
        let (status, answer) = try await askNE(key, method, pathAndQuery, body: body)
        guard status == 200 else {
            throw SiteFailure(step: "\(method) \(pathAndQuery) on \(key)", status: status, answer: String(decoding: answer, as: UTF8.self))
        }
        return answer
    }
}

/// A step of a simulated site that did not succeed, with the answer it got.
public struct SiteFailure: Error, CustomStringConvertible {
    /// What was being done (`registering UDM/001`).
    public let step: String
    /// The HTTP status answered, 0 when none.
    public let status: Int
    /// The answer's body.
    public let answer: String

    public var description: String { "\(step) failed with HTTP \(status): \(answer)" }
}
