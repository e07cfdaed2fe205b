import Foundation
import Yams

/// Reads the simulator's YAML configuration, reporting every mistake with its line (Yams' `compose`
/// keeps each node's position, which decoding through `Codable` would lose).
public enum ConfigurationFile {
    static let topKeys = ["omc", "control", "dataDir", "nes"]
    static let controlKeys = ["host", "port"]
    static let neKeys = ["type", "id", "name", "port", "version", "serialNum", "capability", "province", "expiryDate",
                         "alarmIntervalSeconds", "kpiIntervalSeconds"]
    /// More NEs than this in one process would exhaust file descriptors long before it is useful.
    public static let maximumNECount = 5000

    /// Reads and parses the file at `path`.
    public static func load(path: String) throws(ConfigurationError) -> SimulatorConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError([ConfigurationDiagnostic(file: path, line: nil, problem: "cannot read the file; check the path given to --config")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError([ConfigurationDiagnostic(file: path, line: nil, problem: "the file is not UTF-8 text")])
        }
        return try parse(text, file: path)
    }

    /// Parses YAML text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> SimulatorConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError([syntaxDiagnostic(error, file: file)])
        } catch {
            throw ConfigurationError([ConfigurationDiagnostic(file: file, line: nil, problem: "cannot parse the YAML: \(error)")])
        }
        var reader = Reader(file: file)
        let configuration = reader.read(root)
        let problems = reader.problems + (configuration?.crossCheck(file: file) ?? [])
        guard let configuration, problems.isEmpty else { throw ConfigurationError(problems) }
        return configuration
    }

    private static func syntaxDiagnostic(_ error: YamlError, file: String) -> ConfigurationDiagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigurationDiagnostic(file: file, line: mark.line, problem: "YAML syntax error at column \(mark.column): \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigurationDiagnostic(file: file, line: context.mark.line,
                                           problem: "key \(names) appears more than once in the same mapping; keep one")
        default:
            return ConfigurationDiagnostic(file: file, line: nil, problem: "YAML error: \(error)")
        }
    }

    /// Walks the node tree, collecting problems instead of stopping at the first.
    private struct Reader {
        let file: String
        var problems: [ConfigurationDiagnostic] = []

        init(file: String) {
            self.file = file
        }

        mutating func problem(_ node: Node?, _ text: String) {
            problems.append(ConfigurationDiagnostic(file: file, line: node?.mark?.line, problem: text))
        }

        mutating func read(_ root: Node?) -> SimulatorConfiguration? {
            guard let root else {
                problem(nil, "the file is empty; it needs at least `nes:` with one NE")
                return nil
            }
            guard let top = mapping(root, what: "the top level", allowed: ConfigurationFile.topKeys) else { return nil }
            var configuration = SimulatorConfiguration(nes: [])
            if let node = top["omc"], let text = scalar(node, what: "omc") {
                if let url = SimulatorConfiguration.omcURL(text) {
                    configuration.omc = url
                } else {
                    problem(node, "omc must be an http:// or https:// URL with a host, like http://127.0.0.1:8080; got '\(text)'")
                }
            }
            if let node = top["dataDir"], let text = scalar(node, what: "dataDir") {
                if text.isEmpty { problem(node, "dataDir must not be empty") } else { configuration.dataDirectory = text }
            }
            if let node = top["control"], let control = mapping(node, what: "control", allowed: ConfigurationFile.controlKeys) {
                if let host = control["host"], let text = scalar(host, what: "control.host") {
                    if text.isEmpty { problem(host, "control.host must not be empty") } else { configuration.controlHost = text }
                }
                if let port = control["port"], let value = self.port(port, what: "control.port") { configuration.controlPort = value }
            }
            guard let nesNode = top["nes"] else {
                problem(root, "missing `nes:`; list the NEs to play, each with at least type and id")
                return configuration
            }
            guard case .sequence(let list) = nesNode else {
                problem(nesNode, "nes must be a list of NEs (lines starting with `- type: …`)")
                return configuration
            }
            if list.isEmpty { problem(nesNode, "nes is empty; list at least one NE") }
            if list.count > ConfigurationFile.maximumNECount {
                problem(nesNode, "nes lists \(list.count) NEs; at most \(ConfigurationFile.maximumNECount) are supported")
            }
            for item in list {
                if let ne = readNE(item) { configuration.nes.append(ne) }
            }
            return configuration
        }

        mutating func readNE(_ node: Node) -> NEDefinition? {
            guard let fields = mapping(node, what: "an NE", allowed: ConfigurationFile.neKeys) else { return nil }
            let line = node.mark?.line
            let problemsBefore = problems.count
            var type: String?
            var id: String?
            if let value = fields["type"], let text = scalar(value, what: "type") {
                if NEDefinition.isValidName(text) { type = text } else {
                    problem(value, "type '\(text)' must be 1-32 letters, digits, '-' or '_' (like UDM)")
                }
            } else if fields["type"] == nil {
                problem(node, "an NE needs `type:` (UDM, AMF, …)")
            }
            if let value = fields["id"], let text = scalar(value, what: "id") {
                if NEDefinition.isValidName(text) { id = text } else {
                    problem(value, "id '\(text)' must be 1-32 letters, digits, '-' or '_' (like \"001\")")
                }
            } else if fields["id"] == nil {
                problem(node, "an NE needs `id:` (like \"001\")")
            }
            var definition = NEDefinition(type: type ?? "X", id: id ?? "0", line: line)
            if let value = fields["name"], let text = scalar(value, what: "name") {
                if text.isEmpty || text.count > 64 { problem(value, "name must be 1-64 characters") } else { definition.name = text }
            }
            if let value = fields["port"], let port = port(value, what: "port") { definition.port = port }
            if let value = fields["version"], let text = nonEmpty(value, what: "version") { definition.version = text }
            if let value = fields["serialNum"], let text = nonEmpty(value, what: "serialNum") { definition.serialNum = text }
            if let value = fields["province"], let text = scalar(value, what: "province") { definition.province = text }
            if let value = fields["capability"], let number = integer(value, what: "capability", range: 0...Int(Int32.max)) {
                definition.capability = number
            }
            if let value = fields["expiryDate"], let text = scalar(value, what: "expiryDate") {
                if NEDefinition.isValidDate(text) { definition.expiryDate = text } else {
                    problem(value, "expiryDate '\(text)' must be a date written yyyy-MM-dd, like 2027-12-31")
                }
            }
            if let value = fields["alarmIntervalSeconds"], let seconds = interval(value, what: "alarmIntervalSeconds") {
                definition.alarmIntervalSeconds = seconds
            }
            if let value = fields["kpiIntervalSeconds"], let seconds = interval(value, what: "kpiIntervalSeconds") {
                definition.kpiIntervalSeconds = seconds
            }
            guard let type, let id, problems.count == problemsBefore else { return nil }
            if fields["name"] == nil { definition.name = "\(type.uppercased())_\(id)" }
            if fields["serialNum"] == nil { definition.serialNum = NEDefinition.defaultSerialNumber(id: id) }
            return definition
        }

        /// The keys of a mapping node, refusing unknown and repeated keys.
        mutating func mapping(_ node: Node, what: String, allowed: [String]) -> [String: Node]? {
            guard case .mapping(let mapping) = node else {
                problem(node, "\(what) must be a mapping of `key: value` lines")
                return nil
            }
            var fields: [String: Node] = [:]
            for (key, value) in mapping {
                guard case .scalar(let name) = key else {
                    problem(key, "keys in \(what) must be plain words")
                    continue
                }
                if !allowed.contains(name.string) {
                    let close = allowed.first { $0.lowercased() == name.string.lowercased() }
                    let hint = close.map { "did you mean '\($0)'? " } ?? ""
                    problem(key, "unknown key '\(name.string)' in \(what); \(hint)expected one of: \(allowed.joined(separator: ", "))")
                } else if fields[name.string] != nil {
                    problem(key, "key '\(name.string)' appears twice in \(what)")
                } else {
                    fields[name.string] = value
                }
            }
            return fields
        }

        mutating func scalar(_ node: Node, what: String) -> String? {
            guard case .scalar(let scalar) = node else {
                problem(node, "\(what) must be a single value, not a list or mapping")
                return nil
            }
            return scalar.string
        }

        mutating func nonEmpty(_ node: Node, what: String) -> String? {
            guard let text = scalar(node, what: what) else { return nil }
            if text.isEmpty {
                problem(node, "\(what) must not be empty")
                return nil
            }
            return text
        }

        mutating func integer(_ node: Node, what: String, range: ClosedRange<Int>) -> Int? {
            guard let text = scalar(node, what: what) else { return nil }
            guard let value = Int(text), range.contains(value) else {
                problem(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound); got '\(text)'")
                return nil
            }
            return value
        }

        mutating func port(_ node: Node, what: String) -> Int? {
            integer(node, what: what, range: 0...65535)
        }

        mutating func interval(_ node: Node, what: String) -> Double? {
            guard let text = scalar(node, what: what) else { return nil }
            guard let value = Double(text), value.isFinite, value == 0 || (0.05...86_400).contains(value) else {
                problem(node, "\(what) must be 0 (no scheduled pushes) or a number of seconds from 0.05 to 86400; got '\(text)'")
                return nil
            }
            return value
        }
    }
}
