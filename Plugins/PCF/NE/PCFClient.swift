import Foundation
import PluginAPI

/// The PCF NE's `ueInfo` provisioning interface, through the host's NE gateway. The NE applies a
/// whole body or nothing; its refusal comes back as an ``OMCError`` carrying the NE's own words.
struct PCFClient: Sendable {
    let element: NetworkElement
    let network: any NEGateway
    let bulkTimeout: Duration

    static let path = "/api/rest/ueManagement/v1/elementType/pcf/objectType/ueInfo"

    /// The client for the registered PCF `neID`; a precise 404 when it is not registered.
    static func resolve(_ neID: String, _ context: PluginContext, settings: PCFSettings) async throws -> PCFClient {
        guard !neID.isEmpty else { throw OMCError.invalid("neId", "is required") }
        guard let element = try await context.network.element(type: PCFPlugin.neType, id: neID) else {
            throw OMCError.notFound("NE \(PCFPlugin.neType)/\(neID) is not registered")
        }
        return PCFClient(element: element, network: context.network, bulkTimeout: settings.bulkTimeout)
    }

    /// Adds `policies` (with `replace`, adds or replaces); all or nothing.
    func create(_ policies: [UEPolicy], replace: Bool = false) async throws {
        _ = try await answer(Self.request(.post, policies, query: replace ? [("replace", "true")] : [], timeout: timeout(policies.count)))
    }

    /// Replaces `policies`, which must all exist on the NE; all or nothing.
    func modify(_ policies: [UEPolicy]) async throws {
        _ = try await answer(Self.request(.put, policies, timeout: timeout(policies.count)))
    }

    /// The deadline of a change of `count` policies: the bulk one for several, the host's short
    /// default (`server.neTimeoutMilliseconds`) for one, so that an NE slow to answer one policy
    /// does not hold the request and one of its connections for minutes.
    private func timeout(_ count: Int) -> Duration? {
        count > 1 ? bulkTimeout : nil
    }

    /// A JSON array of `policies`, written directly rather than through `JSONEncoder`: a 100,000-UE
    /// batch is a million values, and the fields' rules leave nothing to escape but the generic case.
    static func request(_ method: HTTPMethod, _ policies: [UEPolicy], query: [(name: String, value: String)] = [],
                        timeout: Duration?) -> NERequest {
        var text = "["
        text.reserveCapacity(policies.count * 256)
        for (index, policy) in policies.enumerated() {
            if index > 0 { text += "," }
            text += "{"
            for (position, (name, value)) in zip(UEPolicy.fieldNames, policy.values).enumerated() {
                if position > 0 { text += "," }
                text += "\"" + name + "\":"
                text += name == "rfsp" ? value : "\"" + escaped(value) + "\""
            }
            text += "}"
        }
        text += "]"
        return NERequest(method: method, path: path, query: query, body: .bytes(Array(text.utf8)), contentType: "application/json",
                         timeout: timeout)
    }

    /// `value` as the inside of a JSON string.
    static func escaped(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return value }
        return value.unicodeScalars.map { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case _ where scalar.value < 0x20: String(format: "\\u%04x", scalar.value)
            default: String(scalar)
            }
        }.joined()
    }

    /// The NE's own policies with an IMSI from `first` through `last` (both 15 digits), read in
    /// pages: what the change journal settles a change against.
    func policies(from first: String, through last: String) async throws -> [UEPolicy] {
        if first == last {
            let data = try await answer(.get(Self.path, query: [("imsi", first)]))
            return try (data?.arrayValue ?? []).map(policy)
        }
        var found: [UEPolicy] = []
        // The page after the IMSI just below `first`, so that `first` itself is included.
        let below = UInt64(first).flatMap { $0 > 0 ? String($0 - 1) : nil }
        var after = below.map { String(repeating: "0", count: max(0, first.utf8.count - $0.utf8.count)) + $0 }
        while true {
            var query: [(name: String, value: String)] = [("limit", String(Self.settlePage))]
            if let after { query.append(("after", after)) }
            let page = try (try await answer(.get(Self.path, query: query, timeout: bulkTimeout))?.arrayValue ?? []).map(policy)
            found += page.filter { $0.imsi >= first && $0.imsi <= last }
            guard page.count == Self.settlePage, let end = page.last?.imsi, end < last else { return found }
            after = end
        }
    }

    /// Policies per page when settling a range.
    static let settlePage = 10_000

    /// A policy as the NE sent it; one the OMC's rules refuse is an NE failure, named.
    private func policy(_ value: JSONValue) throws -> UEPolicy {
        guard case .object(let fields) = value else { throw OMCError(.neFailure, "NE \(element.key) sent a UE policy that is not a JSON object") }
        var given: [String: String] = [:]
        for (name, field) in fields where UEPolicy.fieldNames.contains(name) {
            if let text = field.stringValue { given[name] = text } else if let number = field.intValue { given[name] = String(number) }
        }
        do {
            return try UEPolicy(given)
        } catch {
            throw OMCError(.neFailure, "NE \(element.key) holds a UE policy the OMC refuses (IMSI \(given["imsi"] ?? "?")): \(error)")
        }
    }

    /// Removes one policy; `false` when the NE does not have it.
    func delete(imsi: String) async throws -> Bool {
        let response = try await network.send(NERequest(method: .delete, path: Self.path, query: [("imsi", imsi)]), to: element)
        if response.status == 404, (try? response.json(from: element))?["cause"]?.stringValue == "DATA_NOT_FOUND" { return false }
        guard response.status == 200 else { throw response.refusal(from: element) }
        return true
    }

    /// Removes the policies of `imsis` the NE has.
    func delete(imsis: [String]) async throws {
        _ = try await answer(.json(.delete, Self.path, .array(imsis.map(JSONValue.string)), timeout: timeout(imsis.count)))
    }

    private func answer(_ request: NERequest) async throws -> JSONValue? {
        let response = try await network.send(request, to: element)
        guard response.status == 200 else { throw response.refusal(from: element) }
        return try response.json(from: element)["data"]
    }
}
