import Foundation
import Testing

/// The build check: plugins reach this package only through PluginAPI and the allowed shared libraries.
@Suite struct PluginBoundaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func check() throws -> PluginBoundaryCheck {
        PluginBoundaryCheck(manifest: try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8))
    }

    @Test func bundledPluginsImportOnlyPluginAPIAndSharedLibraries() throws {
        let check = try Self.check()
        #expect(check.pluginTargets.keys.sorted() == ["AMF", "Fault", "IMS", "N3IWF", "NEMaintenance", "NEManagement", "PCF", "Performance", "SMF", "Security", "System", "Trace", "UDM", "UPF"])
        var problems = check.manifestProblems()
        let plugins = Self.root.appendingPathComponent("Plugins")
        let files = try #require(FileManager.default.enumerator(at: plugins, includingPropertiesForKeys: nil))
        var count = 0
        for case let file as URL in files where file.pathExtension == "swift" {
            count += 1
            problems += check.sourceProblems(try String(contentsOf: file, encoding: .utf8), file: file.path)
        }
        #expect(count > 50)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func importOfAnotherPluginOrTheHostIsFound() throws {
        let check = try Self.check()
        let source = """
            import Foundation
            import PluginAPI
            import Spreadsheet
            import Crypto
            @preconcurrency import NEManagement
            internal import OMCHost
            import struct Trace.TraceTask
            // import UDM is only a comment
            """
        let problems = check.sourceProblems(source, file: "Plugins/Fake/Fake.swift")
        #expect(problems.count == 3)
        #expect(problems[0].contains("Fake.swift:5: imports NEManagement"))
        #expect(problems[1].contains("imports OMCHost"))
        #expect(problems[2].contains("imports Trace"))
    }

    @Test func aPluginTargetDependingOnAnotherPluginIsFound() throws {
        let manifest = """
            let package = Package(name: "omc", targets: [
                .target(name: "PluginAPI", dependencies: []),
                .target(name: "OMCHost", dependencies: ["PluginAPI"]),
                .target(name: "Spreadsheet", dependencies: []),
                .systemLibrary(name: "CGD", path: "Sources/CGD"),
                .target(name: "Good", dependencies: ["PluginAPI", "Spreadsheet", "CGD", .product(name: "Crypto", package: "swift-crypto")],
                        path: "Plugins/Good"),
                .target(
                    name: "Bad",
                    dependencies: ["PluginAPI", "Good", "OMCHost"],
                    path: "Plugins/Bad"
                ),
            ])
            """
        let check = PluginBoundaryCheck(manifest: manifest)
        #expect(check.pluginTargets["Good"] == ["PluginAPI", "Spreadsheet", "CGD"])
        let problems = check.manifestProblems()
        #expect(problems.count == 2)
        #expect(problems.allSatisfy { $0.contains("plugin target Bad") })
        #expect(problems.contains { $0.contains("depends on OMCHost") } && problems.contains { $0.contains("depends on Good") })
    }
}
