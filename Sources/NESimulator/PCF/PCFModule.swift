import Foundation
import Hummingbird
import NIOCore

/// The PCF: UE policies (the API document's `ueInfo`: imsi, msisdn, rfsp, sar, pccRules, sessRules,
/// uePolicy, qosAudio, qosVideo, hdrEnrich) behind a provisioning interface, and the PCF's
/// configuration sections.
///
/// Under `/api/rest/ueManagement/v1/elementType/{neType}/objectType/ueInfo`:
/// - `GET ?imsi=` or `?msisdn=`: the matching policy as a one-element list (empty when none);
///   without either, `?after=<imsi>&limit=<n>` pages through every policy in IMSI order.
/// - `POST`: the body is a JSON array of policies, added all or nothing (an existing IMSI refuses
///   all with 409, unless `?replace=true`, which adds or replaces).
/// - `PUT`: a JSON array of policies that must all exist, replaced all or nothing.
/// - `DELETE ?imsi=`: one policy; an absent one answers 404 `{"cause": "DATA_NOT_FOUND", "status": 404}`
///   as the API document shows. `DELETE` with a JSON array of IMSIs removes those that exist.
public struct PCFModule: NEModule {
    /// The UE policies of this NE.
    public let store: PCFStore

    /// A PCF without UE policies.
    public init(store: PCFStore = PCFStore()) {
        self.store = store
    }

    /// Largest provisioning body: 100,000 policies of a few hundred bytes, with room to spare.
    static let bodyLimit = 256 << 20
    /// Most policies one page returns.
    static let maximumPage = 100_000

    /// `system` with the PCF's identity, and the `pccRules` the PCF knows.
    public var configSections: [ConfigSection] {
        [
            ConfigSection(name: "system", initial: .object([
                "logLevel": "info", "maxConnections": 1000, "heartbeatSeconds": 30, "pcfId": "pcf-001", "plmn": "46000",
            ])),
            ConfigSection(name: "pccRules", initial: .list([
                ["name": "internet", "qci": 9, "precedence": 200],
                ["name": "ims_sig", "qci": 5, "precedence": 100],
            ])),
        ]
    }

    /// `dbInfo` with the number of UE policies.
    public func systemStateFields(_ context: NEContext) async -> [String: JSONValue] {
        ["dbInfo": .string("pcfdb v1.0.0 (\(await store.count) UE policies)")]
    }

    /// The `ueInfo` routes.
    public var routes: [NERoute] {
        let path = "/api/rest/ueManagement/v1/elementType/{neType}/objectType/ueInfo"
        return [
            NERoute(.get, path) { request in try await query(request) },
            NERoute(.post, path) { request in
                let records = try await Self.records(request)
                return NEReply.success(["applied": .int(try await store.create(records, replace: request.query("replace") == "true"))])
            },
            NERoute(.put, path) { request in
                NEReply.success(["applied": .int(try await store.modify(try await Self.records(request)))])
            },
            NERoute(.delete, path) { request in try await delete(request) },
        ]
    }

    private func query(_ request: NERequest) async throws -> Response {
        if let imsi = request.query("imsi") {
            return NEReply.success(.array(await store.policy(imsi: imsi).map { [.object($0)] } ?? []))
        }
        if let msisdn = request.query("msisdn") {
            return NEReply.success(.array(await store.policy(msisdn: msisdn).map { [.object($0)] } ?? []))
        }
        guard let limit = Int(request.query("limit") ?? "10000"), (1...Self.maximumPage).contains(limit) else {
            throw NEReplyError(status: 400, "limit must be an integer from 1 to \(Self.maximumPage)")
        }
        return NEReply.success(.array(await store.page(after: request.query("after"), limit: limit).map(JSONValue.object)))
    }

    private func delete(_ request: NERequest) async throws -> Response {
        if let imsi = request.query("imsi") {
            guard await store.delete([imsi]) == 1 else { return NEReply.json(["cause": "DATA_NOT_FOUND", "status": 404], status: 404) }
            return NEReply.success(["applied": 1])
        }
        guard let imsis = try await request.json(limit: Self.bodyLimit).arrayValue?.compactMap(\.stringValue) else {
            throw NEReplyError(status: 400, "the body must be a JSON array of IMSIs, or ?imsi= must name one")
        }
        return NEReply.success(["applied": .int(await store.delete(imsis))])
    }

    /// The body's JSON array of policy objects. Parsed with Foundation's `JSONSerialization`: a
    /// 100,000-policy body holds a million values, and decoding each into ``JSONValue`` through
    /// `Decodable` costs several times as much.
    static func records(_ request: NERequest) async throws -> [[String: JSONValue]] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.request.body.collect(upTo: bodyLimit)
        } catch {
            throw NEReplyError(status: 413, "the body is larger than \(bodyLimit) bytes")
        }
        guard let items = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [Any] else {
            throw NEReplyError(status: 400, "the body must be a JSON array of UE policies")
        }
        return try items.enumerated().map { index, item throws(NEReplyError) in
            guard let object = item as? [String: Any] else { throw NEReplyError(status: 400, "record \(index + 1) is not a JSON object") }
            var record: [String: JSONValue] = [:]
            for (key, value) in object {
                switch value {
                case let text as String: record[key] = .string(text)
                case let number as Int: record[key] = .int(number)
                case let number as Double: record[key] = .double(number)
                default: throw NEReplyError(status: 400, "record \(index + 1): \(key) must be a string or a number")
                }
            }
            return record
        }
    }
}
