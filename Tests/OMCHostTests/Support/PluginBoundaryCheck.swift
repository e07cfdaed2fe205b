import Foundation

/// The build rule for plugins: a plugin uses this package only through `PluginAPI` and the shared
/// libraries it is allowed (`Spreadsheet`); third-party and system modules are its own business.
/// SwiftPM lets a target import any module already built, so this is checked from the text of the
/// sources and of `Package.swift`.
struct PluginBoundaryCheck {
    /// The modules of this package a plugin may use.
    static let allowed: Set<String> = ["PluginAPI", "Spreadsheet"]

    /// Targets of this package that are not system libraries (those wrap C libraries, like third-party code).
    let packageModules: Set<String>
    /// Each plugin target (`path: "Plugins/…"`) with the dependencies it names as strings.
    let pluginTargets: [String: [String]]

    init(manifest: String) {
        packageModules = Set(Self.matches(#"\.(?:target|executableTarget|testTarget)\(\s*name:\s*"([A-Za-z0-9_-]+)""#, in: manifest))
        var targets: [String: [String]] = [:]
        for declaration in Self.targetDeclarations(in: manifest) where declaration.contains("path: \"Plugins/") {
            guard let name = Self.matches(#"name:\s*"([A-Za-z0-9_-]+)""#, in: declaration).first else { continue }
            let dependencies = Self.bracketed(after: "dependencies:", in: declaration) ?? ""
            // `.product(name: "X", package: "y")` is a third-party module; bare strings are this package's targets.
            let withoutProducts = dependencies.replacingOccurrences(of: #"\.product\([^)]*\)"#, with: "", options: .regularExpression)
            targets[name] = Self.matches(#""([A-Za-z0-9_-]+)""#, in: withoutProducts)
        }
        pluginTargets = targets
    }

    /// Problems of the plugin targets' declared dependencies.
    func manifestProblems() -> [String] {
        pluginTargets.sorted { $0.key < $1.key }.flatMap { target, dependencies in
            dependencies.filter { packageModules.contains($0) && !Self.allowed.contains($0) }
                .map { "Package.swift: plugin target \(target) depends on \($0); plugins use PluginAPI and \(Self.allowed.subtracting(["PluginAPI"]).sorted().joined(separator: ", ")) only" }
        }
    }

    /// Problems of one plugin source file: imports of this package's modules other than the allowed ones.
    func sourceProblems(_ text: String, file: String) -> [String] {
        var problems: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard let module = Self.matches(#"^\s*(?:@[A-Za-z_]+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:class|struct|enum|protocol|func|var|let|typealias)\s+)?([A-Za-z_][A-Za-z0-9_]*)"#,
                                           in: String(line)).first else { continue }
            if packageModules.contains(module) && !Self.allowed.contains(module) {
                problems.append("\(file):\(number + 1): imports \(module); a plugin imports PluginAPI (and Spreadsheet) only from this package")
            }
        }
        return problems
    }

    /// Each `.target(…)` call of the manifest, with its balanced parentheses.
    static func targetDeclarations(in manifest: String) -> [String] {
        var declarations: [String] = []
        var searchStart = manifest.startIndex
        while let start = manifest.range(of: ".target(", range: searchStart..<manifest.endIndex) {
            var depth = 1
            var index = start.upperBound
            while index < manifest.endIndex, depth > 0 {
                if manifest[index] == "(" { depth += 1 } else if manifest[index] == ")" { depth -= 1 }
                index = manifest.index(after: index)
            }
            declarations.append(String(manifest[start.lowerBound..<index]))
            searchStart = index
        }
        return declarations
    }

    /// The text inside the `[…]` that follows `label`, brackets balanced.
    static func bracketed(after label: String, in text: String) -> String? {
        guard let labelRange = text.range(of: label), let open = text[labelRange.upperBound...].firstIndex(of: "[") else { return nil }
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "[" { depth += 1 } else if text[index] == "]" { depth -= 1; if depth == 0 { break } }
            index = text.index(after: index)
        }
        return String(text[text.index(after: open)..<index])
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
        return expression.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
