import Foundation
import HTTPTypes

/// The SMF: its DNNs and UPFs (configuration sections `dnn`, `upf`, `system`) and the PDU sessions
/// of its online UEs.
///
/// Under `/api/rest/ueManagement/v1/elementType/{neType}/objectType/`:
/// - `GET ueInfo` answers every online UE `{imsi, msisdn, pduSessions: [{pduSessionId, dnn, sst,
///   sd, ueIp, upfId, state, createTime}]}`; `?imsi=` narrows it to that UE (an empty list when it
///   has no session).
/// - `GET ueNum` answers `{ueNum, pduSessionNum}`.
public struct SMFModule: NEModule {
    /// One PDU session of a UE.
    struct PDUSession: Sendable {
        let id: Int
        let dnn: String
        let sst: Int
        let sd: String
        let ueIP: String
        let upfID: String
        let active: Bool
    }

    /// A UE with its sessions.
    struct OnlineUE: Sendable {
        let imsi: String
        let msisdn: String
        let sessions: [PDUSession]
    }

    let ues: [OnlineUE]
    let createTime: String

    /// An SMF with 10 online UEs: each has an `internet` session, every third an `ims` one too.
    public init() {
        let now = Date()
        ues = (0..<10).map { index in
            var sessions = [PDUSession(id: 1, dnn: "internet", sst: 1, sd: "000001", ueIP: "10.45.0.\(index + 2)", upfID: "upf-sz-01",
                                       active: index % 5 != 4)]
            if index % 3 == 0 {
                sessions.append(PDUSession(id: 2, dnn: "ims", sst: 1, sd: "000002", ueIP: "10.46.0.\(index + 2)", upfID: "upf-sz-02", active: true))
            }
            return OnlineUE(imsi: "4600010000" + String(format: "%05d", 100 + index), msisdn: "861380000" + String(format: "%04d", 100 + index),
                            sessions: sessions)
        }
        createTime = SimulatedTime.text(now.addingTimeInterval(-600))
    }

    public var configSections: [ConfigSection] {
        [
            ConfigSection(name: "system", initial: .object(["logLevel": "info", "maxSessions": 200_000, "smfId": "smf-sz-01"])),
            ConfigSection(name: "dnn", initial: .list([
                ["dnn": "internet", "ipPool": "10.45.0.0/16", "dns": "8.8.8.8", "mtu": 1400],
                ["dnn": "ims", "ipPool": "10.46.0.0/16", "dns": "10.46.255.1", "mtu": 1400],
            ])),
            ConfigSection(name: "upf", initial: .list([
                ["upfId": "upf-sz-01", "n4Address": "10.30.0.11", "dnns": "internet"],
                ["upfId": "upf-sz-02", "n4Address": "10.30.0.12", "dnns": "ims"],
            ])),
        ]
    }

    public func systemStateFields(_ context: NEContext) async -> [String: JSONValue] {
        ["ueNum": .int(ues.count), "pduSessionNum": .int(sessionCount)]
    }

    /// The SMF's KPIs: gauges from its sessions, establishments of a steady period and their rate.
    public func kpis(_ context: NEContext) async -> [String: JSONValue] {
        [
            "SMF.OnlineUEs": .int(ues.count), "SMF.PDUSessions": .int(sessionCount), "SMF.PDUSessionEstabAttempts": 40,
            "SMF.PDUSessionEstabSuccesses": 39, "SMF.PDUSessionEstabSuccessRate": .double(97.5), "SMF.IPPoolUsage": .double(0.02),
            "SMF.N4AssociatedUPFs": 2,
        ]
    }

    var sessionCount: Int { ues.reduce(0) { $0 + $1.sessions.count } }

    public var routes: [NERoute] {
        let base = "/api/rest/ueManagement/v1/elementType/{neType}/objectType/"
        return [
            NERoute(.get, base + "ueInfo") { request in
                let imsi = request.query("imsi")
                return NEReply.success(.array(ues.filter { imsi == nil || $0.imsi == imsi }.map(answer)))
            },
            NERoute(.get, base + "ueNum") { _ in
                NEReply.success(["ueNum": .int(ues.count), "pduSessionNum": .int(sessionCount)])
            },
        ]
    }

    /// The UE as `ueInfo` answers it.
    func answer(_ ue: OnlineUE) -> JSONValue {
        [
            "imsi": .string(ue.imsi), "msisdn": .string(ue.msisdn),
            "pduSessions": .array(ue.sessions.map { session in
                [
                    "pduSessionId": .int(session.id), "dnn": .string(session.dnn), "sst": .int(session.sst), "sd": .string(session.sd),
                    "ueIp": .string(session.ueIP), "upfId": .string(session.upfID), "state": session.active ? "active" : "inactive",
                    "createTime": .string(createTime),
                ]
            }),
        ]
    }
}
