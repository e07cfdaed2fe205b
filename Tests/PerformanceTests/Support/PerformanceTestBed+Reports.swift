import Foundation
import OMCTesting
import PluginAPI
import Testing

extension PerformanceTestBed {
    /// A new push credential for `key` (`SMF/001`), as an operator rotates it through the NE routes.
    func credential(_ key: String) async throws -> String {
        let parts = key.split(separator: "/").map(String.init)
        let answer = await host.send(.post, "/api/rest/systemManagement/v1/elementType/\(parts[0].lowercased())/objectType/neInfo/pushCredential?ne_id=\(parts[1])")
        return try #require(answer.data?["pushCredential"]?.stringValue, "\(answer.text)")
    }

    /// The document's measurement body for one 15-minute (or `period`) report of SMF values.
    static func report(start: String, period: String = "15", values: [String: [String: JSONValue]]) -> JSONValue {
        let kpis: [JSONValue] = values.keys.sorted().map { kpi in
            let entries = values[kpi] ?? [:]
            return ["KPIID": .string(kpi), "KPIValues": .array(entries.keys.sorted().map { ["Name": .string($0), "Value": entries[$0] ?? .null] })]
        }
        return ["Index": 1, "NeName": "SMF_001", "RmUID": "SMF0000000100", "NeType": "SMF", "PmVersion": "5GC16.1.1",
                "Dn": "SubNetwork=GD,ManagedElement=SMF_001", "Period": .string(period),
                "TimeZone": .string("UTC" + Self.offset), "StartTime": .string(start),
                "Datas": [["ObjectType": "SmfFunction", "KPIs": .array(kpis)]]]
    }

    /// The machine's offset from UTC, `+08:00`, as reports carry it with their local `StartTime`.
    static var offset: String {
        let seconds = TimeZone.current.secondsFromGMT()
        return (seconds < 0 ? "-" : "+") + String(format: "%02d:%02d", abs(seconds) / 3600, abs(seconds) % 3600 / 60)
    }

    /// Pushes `body` as `key` with its credential.
    func push(_ body: JSONValue, credential: String?, type: String = "smf") async throws -> MockResponse {
        var headers: [String: String] = [:]
        if let credential { headers["Authorization"] = "NE \(credential)" }
        return try await host.send(.post, Self.base + "/\(type)/objectType/measurement", json: body, headers: headers)
    }

    /// `GET …/smf/objectType/kpi` with `query`.
    func query(_ query: String) async -> MockResponse {
        await host.send(.get, Self.base + "/smf/objectType/kpi?" + query)
    }

    /// Percent-encodes a document time for a query string.
    static func encoded(_ time: String) -> String {
        time.replacingOccurrences(of: " ", with: "%20").replacingOccurrences(of: ":", with: "%3A")
    }

    /// The points of the series of `kpi` (and `dimension`) in a query answer: time → value.
    static func points(_ answer: MockResponse, _ kpi: String, dimension: String? = nil) -> [String: Double] {
        var points: [String: Double] = [:]
        for series in answer.data?["series"]?.arrayValue ?? [] where series["kpiId"]?.stringValue == kpi {
            if let dimension, series["dimension"]?.stringValue != dimension { continue }
            for point in series["points"]?.arrayValue ?? [] {
                if let time = point["time"]?.stringValue, let value = point["value"]?.numberValue { points[time, default: 0] += value }
            }
        }
        return points
    }
}
