public import Foundation

/// Everything the simulator needs to start: where the NEs and the control API listen, where to push,
/// and where pushed files go.
public struct SimulatorConfiguration: Sendable {
    /// Base URL of the OMC that receives alarms and KPI reports; `nil` disables pushes.
    public var omc: URL?
    /// Address the NE listeners bind to.
    public var host: String
    /// Address the control API binds to; `nil` means the NEs' ``host``.
    public var controlHost: String?
    /// Port of the control API; 0 picks a free one.
    public var controlPort: Int
    /// Folder under which each NE keeps the files pushed to it; `nil` means a new temporary folder.
    public var dataDirectory: String?
    /// The NEs to play.
    public var nes: [NEDefinition]
    /// The certificate the NEs serve HTTPS with; `nil` serves plain HTTP.
    public var tls: SimulatorTLS?
    /// How much faster than real time measurement periods pass (1: real time); above 1 the
    /// measurement clock starts a day back and catches up, see ``MeasurementPushes``.
    public var measurementSpeed: Double = 1

    /// A configuration.
    public init(omc: URL? = nil, host: String = "127.0.0.1", controlHost: String? = nil, controlPort: Int = 0,
                dataDirectory: String? = nil, nes: [NEDefinition]) {
        self.omc = omc
        self.host = host
        self.controlHost = controlHost
        self.controlPort = controlPort
        self.dataDirectory = dataDirectory
        self.nes = nes
    }

    /// Where the control API listens.
    public var effectiveControlHost: String { controlHost ?? host }

    /// NEs with scheduled pushes while no OMC is configured: a mistake, as their pushes would go nowhere.
    public var pushesWithoutOMC: [NEDefinition] {
        guard omc == nil else { return [] }
        return nes.filter { $0.alarmIntervalSeconds > 0 || $0.kpiIntervalSeconds > 0 }
    }

    /// The OMC address if it is an absolute `http`/`https` URL with a host; `nil` otherwise.
    public static func omcURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    /// Problems that span entries: the same type+id twice, the same port twice. Fixed ports only:
    /// port 0 always gets a fresh one.
    public func crossCheck(file: String) -> [ConfigurationDiagnostic] {
        var problems: [ConfigurationDiagnostic] = []
        var seen: [String: NEDefinition] = [:]
        var ports: [Int: String] = [:]
        if controlPort != 0 { ports[controlPort] = "the control API" }
        for ne in nes {
            let identity = "\(ne.type)/\(ne.id)".lowercased()
            if let first = seen[identity] {
                let whereFirst = first.line.map { " (first at line \($0))" } ?? ""
                problems.append(ConfigurationDiagnostic(file: file, line: ne.line,
                                                        problem: "duplicate NE \(ne.type)/\(ne.id)\(whereFirst); type and id together must be unique"))
            } else {
                seen[identity] = ne
            }
            if ne.port != 0 {
                if let owner = ports[ne.port] {
                    problems.append(ConfigurationDiagnostic(file: file, line: ne.line,
                                                            problem: "port \(ne.port) of \(ne.type)/\(ne.id) is already used by \(owner); give each NE its own port or 0"))
                } else {
                    ports[ne.port] = "\(ne.type)/\(ne.id)"
                }
            }
        }
        return problems
    }
}
