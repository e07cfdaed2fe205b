import Foundation
import PluginAPI

/// The `server.neTLS:` section: which NEs the OMC reaches over HTTPS, and the CA certificates their
/// certificates are verified against (host names verified too).
public struct NETLSSettings: Sendable, Hashable {
    /// PEM bundle of the site's CA certificates.
    public var caFile: String
    /// The NEs reached over HTTPS: `*` (all), a type (`UDM`) or one NE (`UDM/001`).
    public var elements: [String] = ["*"]
    /// CA bundles for some NEs or types instead of `caFile`: `UDM/001=/etc/omc/udm-ca.pem`.
    public var caOverrides: [String: String] = [:]

    /// Settings naming the site CA bundle; every NE is reached over HTTPS.
    public init(caFile: String) {
        self.caFile = caFile
    }

    /// The keys of `server.neTLS:`.
    static let fields: [ConfigField] = [
        .string("caFile", maxLength: 4096, required: true, help: "PEM bundle of the CA certificates NE certificates are verified against"),
        .list("elements", default: ["*"], maxLength: 64, help: "NEs reached over HTTPS: '*', a type (UDM) or one NE (UDM/001)"),
        .list("caOverrides", default: [], maxLength: 4200, help: "another CA bundle for some NEs: 'UDM/001=/path/ca.pem' or 'UDM=/path/ca.pem'"),
    ]

    init(values: PluginConfiguration) {
        caFile = values.string("caFile") ?? ""
        elements = (values.list("elements") ?? elements).map { $0.uppercased() }
        for item in values.list("caOverrides") ?? [] {
            guard let separator = item.firstIndex(of: "=") else { continue }
            caOverrides[item[..<separator].trimmingCharacters(in: .whitespaces).uppercased()] = item[item.index(after: separator)...].trimmingCharacters(in: .whitespaces)
        }
    }

    /// Whether the NE `type`/`id` is reached over HTTPS.
    func usesHTTPS(type: String, id: String) -> Bool {
        elements.contains("*") || elements.contains(type.uppercased()) || elements.contains("\(type.uppercased())/\(id.uppercased())")
    }

    /// The CA bundle for the NE `type`/`id`: its own override, its type's, or the site's.
    func caFile(type: String, id: String) -> String {
        caOverrides["\(type.uppercased())/\(id.uppercased())"] ?? caOverrides[type.uppercased()] ?? caFile
    }
}
