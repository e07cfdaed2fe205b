import Foundation
import PluginAPI
import Yams

/// `plugins.yaml`, read but not yet checked against the plugins: the server settings and one entry
/// per plugin, each with the lines they were written on.
public struct PluginsFile: Sendable {
    /// One `- id: …` entry of the `plugins:` list.
    public struct Entry: Sendable {
        /// The plugin id.
        public let id: String
        /// Whether it runs.
        public let enabled: Bool
        /// Line of the entry.
        public let line: Int
        /// Line of its `config:` key, if any.
        let configLine: Int?
        /// Its `config:` settings.
        let settings: [String: YAMLSetting]
    }

    /// The file's name, for messages.
    public let path: String
    /// The `server:` section, with defaults for absent keys.
    public var server: ServerSettings
    /// The `plugins:` entries, in file order.
    public let entries: [Entry]
    /// Line of each key written in `server:` (`host`, `tls`, `tls.certificateFile`, …), for messages
    /// about the server's settings found after parsing.
    var serverLines: [String: Int] = [:]

    /// Reads `text`. Every mistake in the file's shape is reported at once, with its line.
    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> PluginsFile {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigurationError([syntaxDiagnostic(error, path: path)])
        } catch {
            throw ConfigurationError([ConfigurationDiagnostic(file: path, line: nil, problem: "cannot read YAML: \(error)",
                                                              fix: "check the file is valid YAML")])
        }
        var reader = Reader(path: path)
        let file = reader.read(root)
        if !reader.diagnostics.isEmpty { throw ConfigurationError(reader.diagnostics) }
        return file
    }

    /// The plugins that are switched on, in file order.
    public var enabledEntries: [Entry] { entries.filter(\.enabled) }

    private static func syntaxDiagnostic(_ error: YamlError, path: String) -> ConfigurationDiagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigurationDiagnostic(file: path, line: mark.line, problem: "YAML syntax error at column \(mark.column): \(problem)",
                                           fix: "fix the indentation, quoting or punctuation there")
        case .duplicatedKeysInMapping(let duplicates, _):
            return ConfigurationDiagnostic(file: path, line: nil, problem: "duplicated keys: " + duplicates.joined(separator: ", "),
                                           fix: "keep each key once per section")
        default:
            return ConfigurationDiagnostic(file: path, line: nil, problem: "YAML error: \(error)", fix: "check the file is valid YAML")
        }
    }
}

/// Walks the YAML tree and collects diagnostics instead of stopping at the first.
private struct Reader {
    let path: String
    var diagnostics: [ConfigurationDiagnostic] = []
    var serverLines: [String: Int] = [:]

    mutating func fail(_ node: Node?, _ problem: String, _ fix: String) {
        diagnostics.append(ConfigurationDiagnostic(file: path, line: node?.mark?.line, problem: problem, fix: fix))
    }

    mutating func read(_ root: Node?) -> PluginsFile {
        var file = PluginsFile(path: path, server: ServerSettings(), entries: [])
        guard let root else { return file }
        guard let mapping = root.mapping else {
            fail(root, "the file must be a mapping with the keys server and plugins", "start the file with 'server:' and 'plugins:'")
            return file
        }
        var entries: [PluginsFile.Entry] = []
        for (key, value) in mapping {
            switch key.string {
            case "server":
                file.server = readServer(value)
            case "plugins":
                entries = readPlugins(value)
            default:
                fail(key, "unknown top-level key '\(key.string ?? "?")'", "use 'server' or 'plugins'")
            }
        }
        return PluginsFile(path: path, server: file.server, entries: entries, serverLines: serverLines)
    }

    mutating func readServer(_ node: Node) -> ServerSettings {
        if case .scalar(let scalar) = node, scalar.tagName == .null { return ServerSettings() }
        var sections: [String: PluginConfiguration] = [:]
        for (key, value) in node.mapping ?? [:] {
            guard let name = key.string, let holds = ServerSettings.sections[name] else { continue }
            serverLines[name] = key.mark?.line
            guard value.mapping != nil else {
                fail(value, "server.\(name) must be a section of key: value", "write \(holds) on their own lines under \(name):")
                continue
            }
            let settings = readSettings(value, section: "server.\(name)")
            for (key, setting) in settings { serverLines["\(name).\(key)"] = setting.line }
            let fields = switch name {
            case "tls": ServerTLSSettings.fields
            case "cors": CORSSettings.fields
            default: NETLSSettings.fields
            }
            let (values, problems) = ConfigField.validate(settings, against: fields, section: "server.\(name)",
                                                          sectionLine: key.mark?.line, file: path)
            diagnostics += problems
            if name == "neTLS" { checkNETLS(values, settings) }
            if name == "cors" { checkCORS(values, settings) }
            sections[name] = values
        }
        let settings = readSettings(node, section: "server", skipping: Set(ServerSettings.sections.keys))
        for (key, setting) in settings { serverLines[key] = setting.line }
        let (values, problems) = ConfigField.validate(settings, against: ServerSettings.fields, section: "server",
                                                      sectionLine: node.mark?.line, file: path, subsections: ServerSettings.sections.keys.sorted())
        diagnostics += problems
        return ServerSettings(values: values, tls: sections["tls"], neTLS: sections["neTLS"], cors: sections["cors"])
    }

    /// Each of `allowedOrigins` is what a browser sends as `Origin`, or `*`.
    mutating func checkCORS(_ values: PluginConfiguration, _ settings: [String: YAMLSetting]) {
        for item in values.list("allowedOrigins") ?? [] where !CORSSettings.isOrigin(item) {
            diagnostics.append(ConfigurationDiagnostic(file: path, line: settings["allowedOrigins"]?.line,
                                                       problem: "server.cors.allowedOrigins has '\(item)', which is not an origin",
                                                       fix: "write scheme, host and optional port without a path, like https://console.example.net:8443, or '*'"))
        }
    }

    /// `elements` and `caOverrides` name NEs as `*`, `TYPE` or `TYPE/ID`; an override also names its file.
    mutating func checkNETLS(_ values: PluginConfiguration, _ settings: [String: YAMLSetting]) {
        func isSelector(_ text: String) -> Bool {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            return text == "*" || ((1...2).contains(parts.count) && parts.allSatisfy { part in
                !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            })
        }
        for item in values.list("elements") ?? [] where !isSelector(item) {
            diagnostics.append(ConfigurationDiagnostic(file: path, line: settings["elements"]?.line,
                                                       problem: "server.neTLS.elements has '\(item)', which names no NE",
                                                       fix: "write '*' for every NE, a type like UDM, or one NE like UDM/001"))
        }
        for item in values.list("caOverrides") ?? [] {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            if parts.count != 2 || parts[0] == "*" || !isSelector(parts[0]) || parts[1].isEmpty {
                diagnostics.append(ConfigurationDiagnostic(file: path, line: settings["caOverrides"]?.line,
                                                           problem: "server.neTLS.caOverrides has '\(item)', which is not NE=FILE",
                                                           fix: "write a type or one NE, '=', and a PEM file: UDM/001=/etc/omc/udm-ca.pem"))
            }
        }
    }

    mutating func readPlugins(_ node: Node) -> [PluginsFile.Entry] {
        if case .scalar(let scalar) = node, scalar.tagName == .null { return [] }
        guard let sequence = node.sequence else {
            fail(node, "plugins must be a list", "write each plugin as '- id: <plugin id>' under plugins:")
            return []
        }
        var entries: [PluginsFile.Entry] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                fail(item, "a plugin entry must be a mapping", "write '- id: <plugin id>' with optional enabled: and config:")
                continue
            }
            var id: String?
            var enabled = true
            var settings: [String: YAMLSetting] = [:]
            var configLine: Int?
            for (key, value) in mapping {
                switch key.string {
                case "id":
                    if let text = value.scalar?.string, !text.isEmpty { id = text } else { fail(value, "id must be a plugin id", "write id: <plugin id>") }
                case "enabled":
                    if let flag = value.bool, value.scalar?.tagName == .bool { enabled = flag } else { fail(value, "enabled must be true or false", "write enabled: true or enabled: false") }
                case "config":
                    configLine = value.mark?.line
                    if case .scalar(let scalar) = value, scalar.tagName == .null { continue }
                    settings = readSettings(value, section: "config of plugin \(id ?? "?")")
                default:
                    fail(key, "unknown key '\(key.string ?? "?")' in a plugin entry", "use id, enabled or config")
                }
            }
            guard let id else {
                fail(item, "a plugin entry has no id", "add id: <plugin id>")
                continue
            }
            entries.append(PluginsFile.Entry(id: id, enabled: enabled, line: item.mark?.line ?? 0,
                                             configLine: configLine, settings: settings))
        }
        return entries
    }

    mutating func readSettings(_ node: Node, section: String, skipping: Set<String> = []) -> [String: YAMLSetting] {
        guard let mapping = node.mapping else {
            fail(node, "\(section) must be a mapping of key: value", "write one 'key: value' per line under it")
            return [:]
        }
        var settings: [String: YAMLSetting] = [:]
        for (key, value) in mapping {
            guard let name = key.string, !skipping.contains(name) else { continue }
            let line = value.mark?.line ?? key.mark?.line ?? 0
            switch value {
            case .scalar(let scalar):
                switch scalar.tagName {
                case .null:
                    fail(value, "\(section).\(name) has no value", "give it a value or remove the key")
                case .bool:
                    settings[name] = YAMLSetting(value: .boolean(value.bool ?? false), text: scalar.string, line: line)
                case .int:
                    if let number = value.int {
                        settings[name] = YAMLSetting(value: .integer(number), text: scalar.string, line: line)
                    } else {
                        fail(value, "\(section).\(name) is not a valid integer", "write a whole number")
                    }
                case .float:
                    settings[name] = YAMLSetting(value: .number(value.float ?? 0), text: scalar.string, line: line)
                default:
                    settings[name] = YAMLSetting(value: .string(scalar.string), text: scalar.string, line: line)
                }
            case .sequence(let items):
                let texts = items.compactMap { $0.scalar?.string }
                if texts.count != items.count {
                    fail(value, "\(section).\(name) must be a list of plain values", "write each item as '- value'")
                } else {
                    settings[name] = YAMLSetting(value: .list(texts), text: nil, line: line)
                }
            default:
                fail(value, "\(section).\(name) must be a plain value or a list", "nested sections are not supported here")
            }
        }
        return settings
    }
}

private extension Node.Scalar {
    /// The resolved YAML tag (`int`, `bool`, `null`, `str`, …); quoted scalars are strings.
    var tagName: Tag.Name { Resolver.default.resolveTag(of: Node.scalar(self)) }
}
