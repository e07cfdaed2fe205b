import OMCHost
import PluginAPI
import Testing

/// One test per rejection rule of plugins.yaml: each is reported with file, line, problem and fix.
@Suite struct PluginsFileTests {
    let catalog = PluginCatalog([InventoryPlugin.self, GadgetPlugin.self, KeyringPlugin.self, ShadowPlugin.self, TwinGadgetPlugin.self,
                                 LoopAPlugin.self, LoopBPlugin.self, FuturePlugin.self])

    func diagnostics(_ yaml: String) -> [String] {
        do {
            let file = try PluginsFile.parse(yaml, path: "plugins.yaml")
            _ = try HostAssembly.assemble(file, catalog: catalog)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func acceptsAValidFileAndAppliesDefaults() throws {
        let file = try PluginsFile.parse("""
            server:
              port: 9090
              logLevel: debug
            plugins:
              - id: inventory
                config:
                  maxItems: 5
              - id: gadget
              - id: keyring
                enabled: false
            """, path: "plugins.yaml")
        #expect(file.server.port == 9090)
        #expect(file.server.logLevel == .debug)
        #expect(file.server.host == "127.0.0.1")
        #expect(file.server.requestBodyLimit == 10 * 1024 * 1024)
        #expect(file.enabledEntries.map(\.id) == ["inventory", "gadget"])
        let assembly = try HostAssembly.assemble(file, catalog: catalog)
        #expect(assembly.pluginCount == 2)
    }

    @Test func anEmptyFileRunsTheHostAlone() throws {
        let assembly = try HostAssembly.assemble(try PluginsFile.parse("", path: "plugins.yaml"), catalog: catalog)
        #expect(assembly.pluginCount == 0)
        #expect(assembly.routeListing.contains { $0.path == "/metrics" })
    }

    @Test func reportsYAMLSyntaxErrorsWithTheirLine() {
        let found = diagnostics("server:\n  port: 8080\nplugins:\n  - id: inventory\n   enabled: [true\n")
        #expect(found.count == 1)
        #expect(found[0].hasPrefix("plugins.yaml:5: YAML syntax error") || found[0].hasPrefix("plugins.yaml:6: YAML syntax error"), "\(found)")
    }

    @Test func rejectsUnknownPluginIds() {
        #expect(diagnostics("plugins:\n  - id: inventory\n  - id: udn\n") == [
            "plugins.yaml:3: unknown plugin 'udn'; use one of: future, gadget, inventory, keyring, loop-a, loop-b, shadow, twin-gadget",
        ])
    }

    @Test func rejectsDuplicates() {
        #expect(diagnostics("plugins:\n  - id: inventory\n  - id: inventory\n    enabled: false\n") == [
            "plugins.yaml:3: plugin 'inventory' is listed twice (first at line 2); keep one entry for it",
        ])
    }

    @Test func rejectsAMissingDependency() {
        #expect(diagnostics("plugins:\n  - id: gadget\n") == [
            "plugins.yaml:2: plugin 'gadget' needs plugin 'inventory', which is not listed; add '- id: inventory' to plugins, or disable 'gadget'",
        ])
    }

    @Test func rejectsADisabledDependency() {
        #expect(diagnostics("plugins:\n  - id: inventory\n    enabled: false\n  - id: gadget\n") == [
            "plugins.yaml:4: plugin 'gadget' needs plugin 'inventory', which is disabled at line 2; enable 'inventory' or disable 'gadget'",
        ])
    }

    @Test func rejectsCyclicDependencies() {
        #expect(diagnostics("plugins:\n  - id: loop-a\n  - id: loop-b\n") == [
            "plugins.yaml:2: plugins depend on each other in a cycle: loop-a → loop-b → loop-a; a plugin cannot depend on itself, directly or through others: disable one of them",
        ])
    }

    @Test func rejectsAnIncompatibleAPIVersionAndAnUnknownDependency() {
        #expect(diagnostics("plugins:\n  - id: future\n") == [
            "plugins.yaml:2: plugin 'future' 3.0.0 needs PluginAPI 3.0, but this OMC offers \(APIVersion.current); install a version of the plugin built for PluginAPI 2.x, or disable it",
            "plugins.yaml:2: plugin 'future' needs plugin 'warp-drive', which this build does not have; install a build that includes 'warp-drive', or disable 'future'",
        ])
    }

    @Test func rejectsUnknownConfigKeys() {
        #expect(diagnostics("plugins:\n  - id: inventory\n    config:\n      maxItem: 5\n") == [
            "plugins.yaml:4: unknown key 'maxItem' in config of plugin inventory; use one of: maxItems, journal, mode",
        ])
    }

    @Test func rejectsConfigOfTheWrongType() {
        #expect(diagnostics("plugins:\n  - id: inventory\n    config:\n      maxItems: many\n") == [
            "plugins.yaml:4: config of plugin inventory.maxItems is many, but it must be an integer; set maxItems to an integer (default 100) — most items kept",
        ])
    }

    @Test func rejectsConfigOutOfRange() {
        #expect(diagnostics("plugins:\n  - id: inventory\n    config:\n      maxItems: 0\n      mode: lax\n") == [
            "plugins.yaml:4: config of plugin inventory.maxItems is 0, but it must be between 1 and 10000; set maxItems to an integer (default 100) — most items kept",
            "plugins.yaml:5: config of plugin inventory.mode is lax, but it must be one of normal, strict; set mode to a string (default normal) — validation mode",
        ])
    }

    @Test func rejectsBadServerSettings() {
        #expect(diagnostics("server:\n  port: 70000\n  logLevel: chatty\n  colour: blue\n") == [
            "plugins.yaml:2: server.port is 70000, but it must be between 0 and 65535; set port to an integer (default 8080) — TCP port; 0 picks a free one",
            "plugins.yaml:3: server.logLevel is chatty, but it must be one of debug, info, warning, error; set logLevel to a string (default info) — log level",
            "plugins.yaml:4: unknown key 'colour' in server; use one of: host, port, dataDir, requestBodyLimit, logLevel, shutdownGraceSeconds, neTimeoutMilliseconds, neConnectionsPerNE, allowPlainHTTP, headerTimeoutSeconds, idleTimeoutSeconds, maxConnections, cors, neTLS, tls",
        ])
    }

    @Test func rejectsAQuotedNumberWhereAnIntegerIsExpected() {
        #expect(diagnostics("server:\n  port: \"8080\"\n").first?.hasPrefix("plugins.yaml:2: server.port is 8080, but it must be an integer") == true)
    }

    @Test func rejectsMalformedEntries() {
        #expect(diagnostics("plugins:\n  - enabled: true\n  - id: inventory\n    enabled: yes please\n    colour: red\nextra: 1\n") == [
            "plugins.yaml:2: a plugin entry has no id; add id: <plugin id>",
            "plugins.yaml:4: enabled must be true or false; write enabled: true or enabled: false",
            "plugins.yaml:5: unknown key 'colour' in a plugin entry; use id, enabled or config",
            "plugins.yaml:6: unknown top-level key 'extra'; use 'server' or 'plugins'",
        ])
    }

    @Test func refusesTwoPluginsClaimingTheSameRouteMMLCommandOrIdentityNamingBoth() {
        let found = diagnostics("plugins:\n  - id: inventory\n  - id: gadget\n  - id: keyring\n  - id: shadow\n")
        #expect(found.contains("plugins.yaml:5: plugin 'shadow' and plugin 'inventory' (line 2) both claim GET /inventory/items; enable only one of them"))
        #expect(found.contains("plugins.yaml:5: plugin 'shadow' and the OMC host itself both claim GET /metrics; enable only one of them"))
        #expect(found.contains("plugins.yaml:5: plugin 'shadow' and plugin 'gadget' (line 3) both claim MML command DSP GADGET for NE type GADGET; enable only one of them"))
        #expect(found.contains("plugins.yaml:5: plugin 'shadow' and plugin 'keyring' (line 4) both provide identity (login and rights); enable only one of them"))
        #expect(found.count == 4)
    }

    @Test func refusesTwoPluginsProvidingTheSameNEType() {
        #expect(diagnostics("plugins:\n  - id: inventory\n  - id: gadget\n  - id: twin-gadget\n") == [
            "plugins.yaml:4: plugin 'twin-gadget' and plugin 'gadget' (line 3) both provide NE type GADGET; enable only one of them",
        ])
    }

    @Test func ordersPluginsAfterTheirDependencies() throws {
        let assembly = try HostAssembly.assemble(try PluginsFile.parse("plugins:\n  - id: gadget\n  - id: inventory\n", path: "plugins.yaml"),
                                                 catalog: catalog)
        #expect(assembly.pluginIDs == ["inventory", "gadget"])
    }

    @Test func listsEveryPluginWithItsDeclarations() throws {
        let inventory = PluginInventory(file: try PluginsFile.parse("plugins:\n  - id: inventory\n", path: "p.yaml"), catalog: catalog)
        let row = try #require(inventory.rows.first { $0.id == "inventory" })
        #expect(row.enabled && row.routes == 8 && row.migrations == 2 && row.mmlCommands == 0)
        #expect(inventory.rows.first { $0.id == "gadget" }?.enabled == false)
        #expect(inventory.rows.first { $0.id == "gadget" }?.mmlCommands == 3)
    }
}
