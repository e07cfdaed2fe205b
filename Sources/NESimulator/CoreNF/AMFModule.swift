import Foundation
import HTTPTypes

/// The AMF: its GUAMIs and tracking areas (configuration sections `guami`, `tai`, `system`), the
/// gNBs registered with it, and the UE contexts it holds through them.
///
/// `GET /api/rest/ueManagement/v1/elementType/{neType}/objectType/nbInfo?nbId=` answers the gNB
/// `{nbId, nbName, plmn, tacs, ip, state, ueNum, connectedTime}`; a missing `nbId` is a 400, an
/// unknown one a 404 `{"cause": "DATA_NOT_FOUND"}`. The systemState answer adds `ueNum` and `nbNum`.
public struct AMFModule: NEModule {
    /// A gNB registered with the AMF.
    struct BaseStation: Sendable {
        let id: String
        let name: String
        let tacs: [String]
        let ip: String
        let connected: Bool
    }

    /// A UE context: the UE, the gNB it was last seen through, its CM state.
    struct UEContext: Sendable {
        let imsi: String
        let nbID: String
        let connected: Bool
    }

    let baseStations: [BaseStation]
    let ueContexts: [UEContext]
    let startTime: String

    /// An AMF with three gNBs (the third one's NG association down) and 24 UE contexts.
    public init() {
        let now = Date()
        baseStations = [
            BaseStation(id: "1001", name: "gNB-SZ-Futian-01", tacs: ["000101", "000102"], ip: "10.20.1.11", connected: true),
            BaseStation(id: "1002", name: "gNB-SZ-Nanshan-01", tacs: ["000103"], ip: "10.20.1.12", connected: true),
            BaseStation(id: "1003", name: "gNB-SZ-Luohu-01", tacs: ["000104"], ip: "10.20.1.13", connected: false),
        ]
        ueContexts = (0..<24).map { index in
            UEContext(imsi: "4600010000" + String(format: "%05d", 100 + index), nbID: index % 3 == 2 ? "1002" : "1001",
                      connected: index % 4 != 0)
        }
        startTime = SimulatedTime.text(now.addingTimeInterval(-3600))
    }

    public var configSections: [ConfigSection] {
        [
            ConfigSection(name: "system", initial: .object([
                "logLevel": "info", "maxUE": 100_000, "t3512Minutes": 54, "amfName": "amf-sz-01",
            ])),
            ConfigSection(name: "guami", initial: .list([
                ["plmn": "46001", "amfRegionId": "01", "amfSetId": "001", "amfPointer": "01"],
                ["plmn": "46011", "amfRegionId": "01", "amfSetId": "001", "amfPointer": "02"],
            ])),
            ConfigSection(name: "tai", initial: .list([
                ["plmn": "46001", "tac": "000101"], ["plmn": "46001", "tac": "000102"],
                ["plmn": "46001", "tac": "000103"], ["plmn": "46001", "tac": "000104"],
            ])),
        ]
    }

    public func systemStateFields(_ context: NEContext) async -> [String: JSONValue] {
        ["ueNum": .int(ueContexts.count), "nbNum": .int(baseStations.filter(\.connected).count)]
    }

    /// The AMF's KPIs of ``AMFDescriptor`` (OMC side): gauges from its state, registrations and
    /// paging of a steady period, and the rates derived from them.
    public func kpis(_ context: NEContext) async -> [String: JSONValue] {
        [
            "AMF.RegisteredUEs": .int(ueContexts.count), "AMF.ConnectedGNBs": .int(baseStations.filter(\.connected).count),
            "AMF.RegAttempts": 120, "AMF.RegSuccesses": 118, "AMF.RegSuccessRate": .double(98.33),
            "AMF.PagingAttempts": 40, "AMF.PagingSuccessRate": .double(97.5), "AMF.HandoverSuccessRate": .double(100),
        ]
    }

    public var routes: [NERoute] {
        [NERoute(.get, "/api/rest/ueManagement/v1/elementType/{neType}/objectType/nbInfo") { request in
            guard let nbID = request.query("nbId"), !nbID.isEmpty else { throw NEReplyError(status: 400, "nbId is required") }
            guard let station = baseStations.first(where: { $0.id == nbID }) else {
                return NEReply.json(["cause": "DATA_NOT_FOUND", "status": 404, "msg": .string("no gNB \(nbID) is registered")], status: 404)
            }
            return NEReply.success(answer(station))
        }]
    }

    /// The gNB as `nbInfo` answers it.
    func answer(_ station: BaseStation) -> JSONValue {
        var fields: [String: JSONValue] = [
            "nbId": .string(station.id), "nbName": .string(station.name), "plmn": "46001",
            "tacs": .array(station.tacs.map(JSONValue.string)), "ip": .string(station.ip),
            "state": station.connected ? "connected" : "disconnected",
            "ueNum": .int(station.connected ? ueContexts.filter { $0.nbID == station.id }.count : 0),
        ]
        if station.connected { fields["connectedTime"] = .string(startTime) }
        return .object(fields)
    }
}
