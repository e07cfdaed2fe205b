import Foundation
import HTTPTypes

/// The N3IWF: the UEs online through it over untrusted non-3GPP access.
///
/// `GET /api/rest/ueManagement/v1/elementType/{neType}/objectType/ueInfo` answers every online UE as
/// the API document's example shows it, `[{activeTime, imsi, nai, regState}]`; `?imsi=` narrows it
/// to that UE (an empty list when it is not online).
public struct N3IWFModule: NEModule {
    let ues: [JSONValue]

    /// An N3IWF with 5 UEs online, the last one's registration still under way (`regState` 0).
    public init() {
        let now = Date()
        let activeTime = SimulatedTime.text(now.addingTimeInterval(-300))
        ues = (0..<5).map { index in
            let imsi = "4600010000" + String(format: "%05d", 100 + index)
            return [
                "activeTime": .string(activeTime), "imsi": .string(imsi),
                "nai": .string("0\(imsi)@nai.epc.mnc001.mcc460.3gppnetwork.org"), "regState": index == 4 ? 0 : 1,
            ]
        }
    }

    public var configSections: [ConfigSection] {
        [ConfigSection(name: "system", initial: .object(["logLevel": "info", "maxTunnels": 50_000, "ikeAddress": "192.0.2.10"]))]
    }

    public func systemStateFields(_ context: NEContext) async -> [String: JSONValue] {
        ["ueNum": .int(ues.count)]
    }

    /// The N3IWF's KPIs: tunnels, IKE_SA setups of a steady period and their rate, throughput.
    public func kpis(_ context: NEContext) async -> [String: JSONValue] {
        [
            "N3IWF.OnlineUEs": .int(ues.count), "N3IWF.IKEAttempts": 6, "N3IWF.IKESuccesses": 5, "N3IWF.IKESuccessRate": .double(83.33),
            "N3IWF.UplinkThroughput": .double(12.5), "N3IWF.DownlinkThroughput": .double(48.0),
        ]
    }

    public var routes: [NERoute] {
        [NERoute(.get, "/api/rest/ueManagement/v1/elementType/{neType}/objectType/ueInfo") { request in
            let imsi = request.query("imsi")
            return NEReply.success(.array(ues.filter { imsi == nil || $0["imsi"]?.stringValue == imsi }))
        }]
    }
}
