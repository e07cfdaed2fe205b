import Foundation
import HTTPTypes

/// The IMS core: the IMS registrations of its users.
///
/// `GET /api/rest/ueManagement/v1/elementType/{neType}/objectType/ueInfo?imsi=` answers the UE's
/// registrations `[{imsi, impi, impu, regState, contact, expires, activeTime}]`, one per public
/// identity (a SIP URI and a tel URI); a UE that is not registered answers an empty list; `imsi`
/// is required (400 without it), as the document has it.
public struct IMSModule: NEModule {
    /// A registered UE.
    struct Registration: Sendable {
        let imsi: String
        let msisdn: String
        let contactIP: String
    }

    let registrations: [Registration]
    let activeTime: String

    /// An IMS core with 8 registered users.
    public init() {
        let now = Date()
        registrations = (0..<8).map { index in
            Registration(imsi: "4600010000" + String(format: "%05d", 100 + index), msisdn: "861380000" + String(format: "%04d", 100 + index),
                         contactIP: "10.46.0.\(index + 2)")
        }
        activeTime = SimulatedTime.text(now.addingTimeInterval(-1200))
    }

    public var configSections: [ConfigSection] {
        [ConfigSection(name: "system", initial: .object([
            "logLevel": "info", "domain": "ims.mnc001.mcc460.3gppnetwork.org", "registrationExpiresSeconds": 3600,
        ]))]
    }

    public func systemStateFields(_ context: NEContext) async -> [String: JSONValue] {
        ["registeredUsers": .int(registrations.count)]
    }

    /// The IMS core's KPIs: registered users, registrations and calls of a steady period, their rates.
    public func kpis(_ context: NEContext) async -> [String: JSONValue] {
        [
            "IMS.RegisteredUsers": .int(registrations.count), "IMS.RegAttempts": 30, "IMS.RegSuccesses": 30,
            "IMS.RegSuccessRate": .double(100), "IMS.CallAttempts": 12, "IMS.CallSetupSuccessRate": .double(91.67), "IMS.CallSetupDelay": 850,
        ]
    }

    public var routes: [NERoute] {
        [NERoute(.get, "/api/rest/ueManagement/v1/elementType/{neType}/objectType/ueInfo") { request in
            guard let imsi = request.query("imsi"), !imsi.isEmpty else { throw NEReplyError(status: 400, "imsi is required") }
            guard let registration = registrations.first(where: { $0.imsi == imsi }) else { return NEReply.success([]) }
            let domain = "ims.mnc001.mcc460.3gppnetwork.org"
            let common: [String: JSONValue] = [
                "imsi": .string(imsi), "impi": .string("\(imsi)@\(domain)"), "regState": 1,
                "contact": .string("sip:\(registration.contactIP):5060"), "expires": 3600, "activeTime": .string(activeTime),
            ]
            return NEReply.success([
                .object(common.merging(["impu": .string("sip:+\(registration.msisdn)@\(domain)")]) { $1 }),
                .object(common.merging(["impu": .string("tel:+\(registration.msisdn)")]) { $1 }),
            ])
        }]
    }
}
