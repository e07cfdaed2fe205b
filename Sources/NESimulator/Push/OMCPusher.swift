import AsyncHTTPClient
public import Foundation
import Logging
public import NIOCore
import NIOHTTP1
public import NIOPosix

/// Sends alarms and KPI reports to the OMC over HTTP, with bounded waits so that a dead OMC never
/// holds up the simulator.
public final class OMCPusher: Sendable {
    /// Base URL of the OMC; `nil` when none is configured.
    public let omc: URL?
    private let client: HTTPClient
    /// Longest a push may take, connection included.
    public static let timeout: TimeAmount = .seconds(10)
    /// Most of the OMC's answer body kept for the caller.
    static let maximumAnswer = 64 * 1024

    /// A pusher to `omc` on the shared event loop group.
    public init(omc: URL?, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.omc = omc
        // A short connect timeout: the OMC is on loopback or the lab network, and AsyncHTTPClient keeps
        // retrying a refused connection until it expires, which is how long an absent OMC takes to report.
        var configuration = HTTPClient.Configuration(timeout: .init(connect: .seconds(1), read: .seconds(10)))
        configuration.connectionPool = .init(idleTimeout: .seconds(30))
        configuration.redirectConfiguration = .disallow
        client = HTTPClient(eventLoopGroupProvider: .shared(eventLoopGroup), configuration: configuration)
    }

    /// `POST {omc}/api/rest/faultManagement/v1/elementType/{type}/objectType/alarms` with `alarm` (one
    /// alarm object or an array of them), proven by the NE's push `credential` when it has one.
    public func pushAlarm(_ alarm: JSONValue, neType: String, credential: String? = nil) async -> PushOutcome {
        await post("/api/rest/faultManagement/v1/elementType/\(neType.lowercased())/objectType/alarms", body: alarm, credential: credential)
    }

    /// `POST {omc}/api/rest/performanceManagement/v1/elementType/{type}/objectType/measureReport` with `report`.
    public func pushKPIReport(_ report: JSONValue, neType: String, credential: String? = nil) async -> PushOutcome {
        await post("/api/rest/performanceManagement/v1/elementType/\(neType.lowercased())/objectType/measureReport", body: report,
                   credential: credential)
    }

    /// `POST {omc}/api/rest/performanceManagement/v1/elementType/{type}/objectType/measurement` with one
    /// measurement task's `report` of one period, proven by the NE's push `credential` when it has one.
    public func pushMeasurement(_ report: JSONValue, neType: String, credential: String? = nil) async -> PushOutcome {
        await post("/api/rest/performanceManagement/v1/elementType/\(neType.lowercased())/objectType/measurement", body: report,
                   credential: credential)
    }

    /// POSTs `body` as JSON to `path` under the OMC's base URL, with `Authorization: NE <credential>` when given.
    public func post(_ path: String, body: JSONValue, credential: String? = nil) async -> PushOutcome {
        guard let omc else { return .notConfigured }
        var base = omc.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var request = HTTPClientRequest(url: base + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "omc-nesim")
        if let credential { request.headers.add(name: "Authorization", value: "NE \(credential)") }
        request.body = .bytes(ByteBuffer(bytes: body.encoded))
        do {
            let response = try await client.execute(request, timeout: Self.timeout)
            let answer = try await response.body.collect(upTo: Self.maximumAnswer)
            return .answered(status: Int(response.status.code), body: String(decoding: answer.readableBytesView, as: UTF8.self))
        } catch {
            return .unreachable(reason: Self.describe(error))
        }
    }

    /// Closes the client's connections; call once, at shutdown.
    public func shutdown() async {
        try? await client.shutdown()
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return String(describing: error) }
        if let error = error as? IOError { return error.description }
        return String(describing: error)
    }
}
