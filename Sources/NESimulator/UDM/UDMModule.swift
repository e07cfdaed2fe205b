import Foundation

/// The UDM: subscription and authentication stores behind a provisioning interface, UDM
/// configuration sections, UDM MML and the UDM's extra systemState fields.
///
/// Provisioning interface, for each kind `sub` and `auth`, under
/// `/api/rest/ueManagement/v1/elementType/udm/objectType/<kind>`:
/// - `POST` creates, `PUT` replaces: the body is NDJSON, one record (a JSON object with a 15-digit
///   `imsi`) per line; the whole body is checked before anything changes, all or nothing.
/// - `DELETE` removes: the body is one IMSI per line; `?strict=true` refuses when one is missing.
/// - `?batch=<id>` on any of them makes the change idempotent: a batch id already applied answers
///   `{"applied": 0, "replayed": true}` and changes nothing. `GET …/objectType/provisioningBatch/<id>`
///   tells whether a batch was applied, `POST …/provisioningBatch/<id>/abort` makes sure it never
///   will be (answering whether it was).
/// - `?batch=<id>&stage=true` on a `POST` or `DELETE` stages one part of a batch sent in parts:
///   nothing changes until `POST …/provisioningBatch/<id>/commit` applies every part in one step,
///   all or nothing; an abort drops the parts. A sender can stop between parts and leave no trace.
/// - `GET …/<kind>?after=<imsi>&limit=<n>` is one page of the full dump, NDJSON in IMSI order;
///   `GET …/<kind>/<imsi>` is one record.
public struct UDMModule: NEModule {
    /// The subscriber database of this NE.
    public let store: UDMStore

    /// A UDM with an empty database.
    public init(store: UDMStore = UDMStore()) {
        self.store = store
    }

    /// `system` with the UDM's capacity and priority, `subsUEAmbr` and `smfSelection` lists.
    public var configSections: [ConfigSection] {
        [
            ConfigSection(name: "system", initial: .object([
                "logLevel": "info", "maxConnections": 1000, "heartbeatSeconds": 30,
                "capacity": 1000, "priority": 2, "udmId": "udm-001", "plmn": "46000",
            ])),
            ConfigSection(name: "subsUEAmbr", initial: .list([
                ["name": "default", "uplink": "1 Gbps", "downlink": "2 Gbps"],
            ])),
            ConfigSection(name: "smfSelection", initial: .list([
                ["dnn": "internet", "sst": 1, "sd": "000001"],
            ])),
            ConfigSection(name: "authentication", initial: .object([
                "defaultAlgoIndex": 0, "sqnCheck": true, "resyncLimit": 32,
            ])),
        ]
    }

    /// `dbInfo`, `hardwareInfo` and `ipAddr`, as the API document's UDM systemState shows them.
    public func systemStateFields(_ context: NEContext) async -> [String: JSONValue] {
        let subscriptions = await store.count(.sub)
        let authentication = await store.count(.auth)
        return [
            "dbInfo": .string("udmdb v1.0.0 (\(subscriptions) subscriptions, \(authentication) authentication records)"),
            "hardwareInfo": [
                "cpus": .int(ProcessInfo.processInfo.activeProcessorCount),
                "memory": .int(Int(ProcessInfo.processInfo.physicalMemory / 1024)),
            ],
            "ipAddr": [.string(context.host)],
        ]
    }
}
