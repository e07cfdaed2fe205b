import Fault
import AMF
import Foundation
import IMS
import N3IWF
@testable import OMCHost
import NEMaintenance
import NEManagement
import PCF
import Performance
import PluginAPI
import Security
import System
import SMF
import Testing
import Trace
import UDM
import UPF

/// Every message a caller can be sent has a Chinese translation: the host's and PluginAPI's in the
/// host's catalog, each plugin's in its own (or the host's). The message ids come from the sources
/// (``MessageSiteScanner``), the catalogs from what the plugins really register.
@Suite struct MessageCatalogTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Plugin source folders and the types they build.
    static let plugins: [(folder: String, type: any OMCPlugin.Type)] = [
        ("NEManagement", NEManagementPlugin.self), ("Security", SecurityPlugin.self), ("UDM", UDMPlugin.self),
        ("PCF", PCFPlugin.self), ("Trace", TracePlugin.self), ("UPF", UPFPlugin.self),
        ("NEMaintenance", NEMaintenancePlugin.self), ("Fault", FaultPlugin.self), ("System", SystemPlugin.self),
        ("Performance", PerformancePlugin.self),
        ("AMF", AMFPlugin.self), ("SMF", SMFPlugin.self), ("IMS", IMSPlugin.self), ("N3IWF", N3IWFPlugin.self),
    ]

    static func swiftFiles(under folder: String) throws -> [(path: String, text: String)] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var files: [(path: String, text: String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            files.append((folder + "/" + url.path.dropFirst(base.path.count + 1), try String(contentsOf: url, encoding: .utf8)))
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func everyMessageOfTheHostAndEveryPluginHasAChineseTranslation() throws {
        let hostFolders = ["Sources/PluginAPI", "Sources/OMCHost"]
        let pluginFolders = Self.plugins.map { "Plugins/" + $0.folder }
        let files = try (hostFolders + pluginFolders).flatMap(Self.swiftFiles)
        let sites = MessageSiteScanner.scan(files)
        #expect(sites.count > 400, "the scanner finds the messages (\(sites.count) found)")

        let text = "plugins:\n" + Self.plugins.map { "  - id: \($0.type.manifest.id)\n" }.joined()
        let assembly = try HostAssembly.assemble(try PluginsFile.parse(text, path: "plugins.yaml"),
                                                 catalog: PluginCatalog(Self.plugins.map(\.type)))
        let host = HostMessages.chinese
        let hostSites = sites.filter { site in hostFolders.contains { site.file.hasPrefix($0 + "/") } }
        var gaps = MessageCatalogCheck.gaps(hostSites, own: nil, shared: host)
        for (folder, type) in Self.plugins {
            let registered = assembly.plugins.first { $0.id == type.manifest.id }?.registrar.translations ?? []
            let own = registered.filter { $0.language == .chinese }.reduce(MessageTranslations(.chinese, [:])) { $0.merging($1) }
            gaps += MessageCatalogCheck.gaps(sites.filter { $0.file.hasPrefix("Plugins/\(folder)/") }, own: own, shared: host)
        }
        let report = gaps.map(\.description).joined(separator: "\n")
        #expect(gaps.isEmpty, "\(gaps.count) messages lack a Chinese translation:\n\(report)")
    }

    @Test func aMessageWithoutItsTranslationIsReported() {
        let source = """
        func refuse(_ why: LocalizedMessage) -> OMCError { OMCError(.forbidden, why) }
        throw OMCError.invalid("imsi", "must be \\(15) digits")
        """
        let sites = MessageSiteScanner.scan([("Plugins/X/A.swift", source)], extraParameters: [
            .init(callee: "invalid", label: nil, position: 1),
        ])
        let complete = MessageTranslations(.chinese, ["must be {0} digits": "必须是 {0} 位数字"])
        #expect(MessageCatalogCheck.gaps(sites, own: complete, shared: nil).isEmpty)
        let removed = MessageCatalogCheck.gaps(sites, own: MessageTranslations(.chinese, [:]), shared: nil)
        #expect(removed.map(\.id) == ["must be {0} digits"])
        #expect(removed.first?.site == "Plugins/X/A.swift:2")
        let lostPlaceholder = MessageCatalogCheck.gaps(sites, own: MessageTranslations(.chinese, ["must be {0} digits": "位数错误"]), shared: nil)
        #expect(lostPlaceholder.count == 1, "a translation that drops a value is as bad as none")
    }

    @Test func theScannerReadsCallsAsTheCompilerDoes() {
        let source = ##"""
        struct Rules {
            func rule(_ field: String, _ why: LocalizedMessage) -> OMCError { .invalid(field, why) }
            var kindName: LocalizedMessage {
                switch kind {
                case .a: "a string"
                case .b: return flag ? "an integer" : "a number"
                }
            }
            func check() throws {
                log("not a message \(1)")
                throw rule("name",
                           "must be at most \(limit(of: "name", default: 64)) characters, "
                           + "not \(value.count)")
                throw OMCError(.conflict, """
                    item '\(name)' \
                    already exists
                    """)
                throw OMCError(.invalidInput, #"use "quotes" and \#(count) \d"#)
                throw OMCError(.notFound, failed ? "gone: \(x ? "a" : "b")" : "missing")
                // throw OMCError(.notFound, "commented out")
                let menu = MenuEntry.page("x", name: "X", path: "x", component: "c", title: "NE list", permission: "a:b:c")
                let field = ConfigField.integer("pollSeconds", range: 1...60, help: "not a caller's text")
                let parameter = MMLParameter.integer("PAGE", range: 1...9, help: "page number")
                let rows = problems.map { "row \($0.row): \($0.text)" as LocalizedMessage }
            }
        }
        """##
        // OMCError's initializer is declared in PluginAPI, which this fabricated file does not include.
        let omcError = MessageSiteScanner.Parameter(callee: "OMCError", label: nil, position: 1)
        let ids = Set(MessageSiteScanner.scan([("A.swift", source)], extraParameters: MessageSiteScanner.declaredTexts + [omcError]).map(\.id))
        #expect(ids == ["a string", "an integer", "a number", "must be at most {0} characters, not {1}", "item '{0}' already exists",
                        #"use "quotes" and {0} \d"#, "gone: {0}", "missing", "NE list", "page number",
                        "row {0}: {1}"])
    }
}
