import Foundation
import OMCTesting
import PluginAPI
import Testing

/// The fixture plugins driven through the mock host: the real pipeline without a socket.
@Suite struct MockHostTests {
    static let plugins: [any OMCPlugin.Type] = [InventoryPlugin.self, GadgetPlugin.self]

    func host(_ extra: [any OMCPlugin.Type] = [], configuration: String? = nil) async throws -> MockHost {
        try await MockHost.start(Self.plugins + extra, configuration: configuration)
    }

    @Test func servesRoutesWithTheDocumentsEnvelopes() async throws {
        try await host().use { host async throws in
        let added = try await host.send(.post, "/inventory/items", json: ["name": "sfp-10g"])
        #expect(added.status == 200)
        #expect(added.code == 200 && added.msg == "Success")
        #expect(added.data?["name"]?.stringValue == "sfp-10g")
        let id = try #require(added.data?["id"]?.intValue)

        let one = await host.send(.get, "/inventory/items/\(id)")
        #expect(one.data?["name"]?.stringValue == "sfp-10g")
        #expect(one.headers["Content-Type"] == "application/json;charset=UTF-8")
        #expect(one.headers["X-Request-Id"]?.isEmpty == false)

        let list = await host.send(.get, "/inventory/items?pageNum=1&pageSize=10")
        #expect(list.json?["rows"]?.arrayValue?.count == 1)
        #expect(list.json?["total"]?.intValue == 1)
        }
    }

    @Test func pagesSortsAndFiltersLists() async throws {
        try await host().use { host async throws in
        for name in ["delta", "alpha", "charlie", "bravo", "echo"] {
            _ = try await host.send(.post, "/inventory/items", json: ["name": name])
        }
        let page = await host.send(.get, "/inventory/items?pageNum=2&pageSize=2&sortField=name&sortOrder=desc")
        #expect(page.json?["rows"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["charlie", "bravo"])
        #expect(page.json?["total"]?.intValue == 5)
        let filtered = await host.send(.get, "/inventory/items?name=ha")
        #expect(filtered.json?["rows"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["alpha", "charlie"])

        let injected = await host.send(.get, "/inventory/items?sortField=name%3BDROP%20TABLE%20inventory_item")
        #expect(injected.status == 400)
        #expect(injected.msg == "sortField: must be one of name, id")
        #expect(await host.send(.get, "/inventory/items?pageSize=5000").msg == "pageSize: must be an integer from 1 to 1000")
        #expect(await host.send(.get, "/inventory/items?pageNum=0").msg == "pageNum: must be an integer from 1 to 1000000")
        #expect(await host.send(.get, "/inventory/items?sortOrder=sideways").msg == "sortOrder: must be asc or desc")
        #expect(await host.send(.get, "/inventory/items").json?["total"]?.intValue == 5)
        }
    }

    @Test func badBodiesGetPreciseErrorsAndChangeNothing() async throws {
        try await host().use { host async throws in
        let cases: [(String, String)] = [
            ("{\"name\": ", "malformed JSON: "),
            ("", "request body is empty: a JSON object is required"),
            ("{}", "name: is required"),
            ("{\"name\": 42}", "name: must be a string"),
            ("{\"name\": null}", "name: must be a string, not null"),
            ("{\"name\": \"x\", \"quantity\": \"many\"}", "quantity: must be an integer"),
            ("[1, 2]", "body: must be an object"),
            ("{\"name\": \"\"}", "name: must be 1 to 32 characters"),
        ]
        for (body, message) in cases {
            let response = await host.send(.post, "/inventory/items", headers: ["Content-Type": "application/json"], body: Array(body.utf8))
            #expect(response.status == 400, "\(body)")
            #expect(response.code == 500, "\(body)")
            #expect(response.msg?.hasPrefix(message) == true, "\(body) → \(response.msg ?? "nil")")
        }
        #expect(await host.send(.get, "/inventory/items").json?["total"]?.intValue == 0)
        }
    }

    @Test func refusesDuplicatesAndLimitsFromConfiguration() async throws {
        try await host(configuration: "plugins:\n  - id: inventory\n    config:\n      maxItems: 2\n  - id: gadget\n").use { host async throws in
        #expect(try await host.send(.post, "/inventory/items", json: ["name": "a"]).code == 200)
        let duplicate = try await host.send(.post, "/inventory/items", json: ["name": "a"])
        #expect(duplicate.status == 409 && duplicate.code == 500 && duplicate.msg == "item 'a' already exists")
        #expect(try await host.send(.post, "/inventory/items", json: ["name": "b"]).code == 200)
        #expect(try await host.send(.post, "/inventory/items", json: ["name": "c"]).msg == "the inventory holds at most 2 items")
        }
    }

    @Test func unknownRoutesMethodsAndNETypesAreNotFound() async throws {
        try await host().use { host async throws in
        let missing = await host.send(.get, "/nowhere")
        #expect(missing.status == 404 && missing.code == 404 && missing.msg == "no route for GET /nowhere")
        let wrongMethod = await host.send(.put, "/inventory/items")
            #expect(wrongMethod.status == 405 && wrongMethod.headers["Allow"] == "GET, HEAD, POST, OPTIONS")
        #expect(await host.send(method: "BREW", "/inventory/items").status == 405)
        let unknownType = await host.send(.get, "/api/rest/systemManagement/v1/elementType/smf/objectType/config/system")
        #expect(unknownType.status == 404)
        #expect(unknownType.msg == "NE type 'smf' is not provided by any enabled plugin; enabled NE types: GADGET")
        let unknownObject = await host.send(.get, "/api/rest/systemManagement/v1/elementType/gadget/objectType/systemState")
        #expect(unknownObject.msg == "NE type GADGET has no systemState for GET")
        }
    }

    @Test func dispatchesTheDocumentsGenericPathsByNETypeInAnyCase() async throws {
        try await host().use { host async throws in
        for type in ["gadget", "GADGET", "Gadget"] {
            let response = await host.send(.get, "/api/rest/systemManagement/v1/elementType/\(type)/objectType/config/system?ne_id=001")
            #expect(response.data == .object(["section": .string("system"), "ne": .string("001")]))
        }
        }
    }

    @Test func literalSegmentsWinOverParameters() async throws {
        try await host().use { host async throws in
        #expect(await host.send(.get, "/inventory/items/abc").msg == "id: must be an integer")
        #expect(await host.send(.get, "/inventory/items/%31%32").msg == "item 12 does not exist")
        }
    }

    @Test func enforcesBodyLimitsPerRoute() async throws {
        try await host().use { host async throws in
        let small = await host.send(.post, "/inventory/upload", body: Array(repeating: 65, count: 100))
        #expect(small.data?["bytes"]?.intValue == 100)
        let large = await host.send(.post, "/inventory/upload", body: Array(repeating: 65, count: 101))
        #expect(large.status == 413)
        #expect(large.msg == "request body is 101 bytes; POST /inventory/upload accepts at most 100 bytes")
        }
    }

    @Test func streamsExportsAsTheyAreWritten() async throws {
        try await host().use { host async throws in
        _ = try await host.send(.post, "/inventory/items", json: ["name": "one"])
        _ = try await host.send(.post, "/inventory/items", json: ["name": "two"])
        let export = await host.send(.get, "/inventory/export")
        #expect(export.text == "id,name\n1,one\n2,two\n")
        #expect(export.headers["Content-Disposition"] == "attachment; filename=\"items.csv\"")
        #expect(export.headers["Content-Type"] == "text/csv")
        }
    }

    @Test func unexpectedFailuresAreInternalErrorsWithTheRequestID() async throws {
        try await host().use { host async throws in
        let response = await host.send(.get, "/inventory/fault", headers: ["X-Request-Id": "trace-42"])
        #expect(response.status == 500)
        #expect(response.msg == "internal error; the OMC log has the details under request id trace-42")
        #expect(host.logs.contains { $0.level == .error && $0.metadata["request-id"] == "trace-42" })
        }
    }

    @Test func runsMMLCommandsInOrderWithOneResultEach() async throws {
        try await host().use { host async throws in
        let response = try await host.mml([
            "SET GADGET: ID=7, MODE=on",
            "dsp gadget:id=7",
            "DSP GADGET: ID=8",
            "DSP GADGET: ID=abc",
            "DSP GADGET",
            "DSP GADGET: ID=7, COLOUR=red",
            "SET GADGET: ID=7, MODE=maybe",
            "SET GADGET: ID=7, MODE=OFF, KI=123",
            "RMV GADGET: ID=7",
            "FLY GADGET",
            "DSP GADGET: ID=\"7",
        ], neType: "gadget", neID: "G-01")
        let results = try #require(response.data?.arrayValue)
        #expect(results.count == 11)
        #expect(results[0]["output"]?.stringValue == "gadget 7 is ON")
        #expect(results[1]["data"] == .array([.object(["ID": .string("7"), "MODE": .string("ON"), "NE": .string("G-01")])]))
        #expect(results[2]["msg"]?.stringValue == "gadget 8 does not exist")
        #expect(results[3]["msg"]?.stringValue == "ID: must be 1 to 5 decimal digits")
        #expect(results[4]["msg"]?.stringValue == "ID: is required by DSP GADGET (1 to 5 decimal digits)")
        #expect(results[5]["msg"]?.stringValue == "COLOUR: is not a parameter of DSP GADGET; it takes ID")
        #expect(results[6]["msg"]?.stringValue == "MODE: must be one of ON, OFF")
        #expect(results[7]["msg"]?.stringValue == "KI: must be 32 hexadecimal digits")
        #expect(results[8]["msg"]?.stringValue == "RMV GADGET is a high-risk command: resend it with \"confirm\": true to run it")
        #expect(results[9]["msg"]?.stringValue == "no NE registry is enabled: enable the plugin that keeps it (the bundled 'ne' plugin) in plugins.yaml")
        #expect(results[10]["msg"]?.stringValue == "syntax error at column 16: unterminated quoted value")
        #expect(results.map { $0["code"]?.intValue } == [200, 200, 404, 500, 500, 500, 500, 500, 500, 404, 500])

        let confirmed = try await host.mml(["RMV GADGET: ID=7", "DSP GADGET: ID=7"], neType: "GADGET", confirm: true)
        #expect(confirmed.data?[0]?["output"]?.stringValue == "gadget 7 removed")
        #expect(confirmed.data?[1]?["msg"]?.stringValue == "gadget 7 does not exist")
        }
    }

    @Test func theOMCElementTypeAnswersDateAndListsEveryCommand() async throws {
        try await host().use { host async throws in
        let response = try await host.mml(["date", "LST CMD: NETYPE=gadget", "LST CMD"], neType: "omc")
        let date = try #require(response.data?[0]?["output"]?.stringValue)
        #expect(date.hasPrefix("2027-01-15"))
        let gadgetCommands = response.data?[1]?["data"]?.arrayValue?.compactMap { $0["Command"]?.stringValue }
        #expect(gadgetCommands == ["DSP GADGET", "RMV GADGET", "SET GADGET"])
        let all = try #require(response.data?[2]?["data"]?.arrayValue)
        #expect(all.count == 6, "DATE, HELP, LST CMD and the three gadget commands")
        let set = try #require(all.first { $0["Command"]?.stringValue == "SET GADGET" })
        #expect(set["Parameters"]?.stringValue == "ID=<1 to 5 decimal digits>, MODE=<ON|OFF>, KI?=<32 hexadecimal digits>")
        #expect(set["Privilege"]?.stringValue == "gadget:item:modify")
        #expect(set["Help"]?.stringValue == "Set a gadget's mode.")
        }
    }

    @Test func helpAndListCommandsAreAnsweredByTheOMCOnEveryElementTypeAndFitATerminal() async throws {
        try await host().use { host async throws in
        let response = try await host.mml(["HELP", "HELP SET GADGET", #"help: cmd="set gadget""#, "LST CMD", "LST CMD: NETYPE=OMC", "HELP NO SUCH"],
                                          neType: "gadget")
        let results = try #require(response.data?.arrayValue)
        #expect(results.map { $0["code"]?.intValue } == [200, 200, 200, 200, 200, 404], "\(response.text)")
        let list = results[0]["output"]?.stringValue ?? ""
        #expect(list.contains("SET GADGET") && list.contains("LST CMD") && list.contains("HELP <command>"), "\(list)")
        let help = results[1]["output"]?.stringValue ?? ""
        for part in ["SET GADGET  (NE type GADGET, modifying, needs gadget:item:modify)", "Set a gadget's mode.", "required", "optional",
                     "Example: SET GADGET: ID=<1 to 5 decimal digits>, MODE=<ON|OFF>"] {
            #expect(help.contains(part), "\(part) in \(help)")
        }
        #expect(results[1]["data"]?["Parameters"]?.arrayValue?.map { $0["name"]?.stringValue } == ["ID", "MODE", "KI"])
        #expect(results[2]["output"]?.stringValue == help)
        #expect(results[3]["data"]?.arrayValue?.compactMap { $0["Command"]?.stringValue } == ["DSP GADGET", "RMV GADGET", "SET GADGET"])
        #expect(results[4]["data"]?.arrayValue?.compactMap { $0["Command"]?.stringValue } == ["DATE", "HELP", "LST CMD"])
        #expect(results[5]["msg"]?.stringValue?.hasPrefix("no MML command NO SUCH for NE type GADGET") == true, "\(results[5])")
        for result in results {
            for line in (result["output"]?.stringValue ?? "").split(separator: "\n") {
                #expect(line.count <= 100, "too wide for a terminal: \(line)")
            }
        }
        }
    }

    @Test func refusesBadMMLRequests() async throws {
        try await host().use { host async throws in
        #expect(try await host.mml(["date"], neType: "amf").msg == "NE type 'AMF' is not provided by any enabled plugin; MML goes to: OMC, GADGET")
        #expect(try await host.mml([], neType: "omc").msg == "mml: must list at least one command")
        #expect(try await host.mml(Array(repeating: "date", count: 201), neType: "omc").msg == "mml: at most 200 commands per request, got 201")
        let path = "/api/rest/opeartionManagement/v1/elementType/omc/objectType/MML"
        #expect(await host.send(.post, path, body: Array(#"{"mml": "date"}"#.utf8)).msg == "mml: must be an array")
        #expect(await host.send(.post, path, body: Array(#"{"mml": ["date"]}"#.utf8)).code == 200)
        }
    }

    @Test func recordsOperationsWithSecretsMasked() async throws {
        try await host().use { host async throws in
        _ = try await host.send(.post, "/inventory/items?token=abc&x=1", json: ["name": "radio", "secret": "hunter2", "password": "p@ss"])
        _ = try await host.send(.post, "/inventory/items", json: ["name": "other", "quantity": 5] as [String: JSONValue])
        _ = await host.send(.get, "/inventory/items")
        _ = try await host.mml(["SET GADGET: ID=1, MODE=ON, KI=000102030405060708090A0B0C0D0E0F"], neType: "gadget")
        let operations = host.operations
        #expect(operations.count == 3)
        let add = operations[0]
        #expect(add.title == "Add an item" && add.businessType == .insert && add.method == "POST" && add.succeeded)
        #expect(add.parameters == #"token=******&x=1 {"name":"radio","password":"******","secret":"******"}"#)
        #expect(add.url == "/inventory/items?token=******&x=1")
        #expect(add.result == "Success" && add.pluginID == "inventory")
        #expect(operations[1].parameters == #"{"name":"other","quantity":"******"}"#)
        let mml = operations[2]
        #expect(mml.method == "MML" && mml.title == "MML SET GADGET" && mml.businessType == .update)
        #expect(mml.parameters == "SET GADGET: ID=1, MODE=ON, KI=******")
        #expect(!operations.contains { $0.parameters.contains("hunter2") || $0.parameters.contains("000102030405") })
        }
    }

    @Test func deliversEventsAndRunsJobsOnTheManualClock() async throws {
        let journal = "events-\(UUID().uuidString)"
        try await host(configuration: "plugins:\n  - id: inventory\n    config:\n      journal: \(journal)\n  - id: gadget\n").use { host async throws in
        _ = try await host.send(.post, "/inventory/items", json: ["name": "fan"])
        #expect(host.events(of: ItemAdded.self).map(\.name) == ["fan"])
        #expect(Journal.read(journal).contains("added fan"))

        #expect(host.events(of: JobRunFinished.self).isEmpty)
        await host.clock.advance(by: 59)
        #expect(host.events(of: JobRunFinished.self).isEmpty)
        await host.clock.advance(by: 1)
        await host.clock.advance(by: 60)
        let runs = host.events(of: JobRunFinished.self)
        #expect(runs.count == 2)
        #expect(runs.first?.jobName == "record-run" && runs.first?.failure == nil)
        let count = try await host.database.read { db in try db.first("SELECT COUNT(*) AS n FROM inventory_job_run")?.int("n") }
        #expect(count == 2)
        }
    }

    @Test func startsPluginsInDependencyOrderAndStopsThemInReverse() async throws {
        let journal = "lifecycle-\(UUID().uuidString)"
        let host = try await MockHost.start([GadgetPlugin.self, InventoryPlugin.self], configuration: """
            plugins:
              - id: gadget
                config: { journal: \(journal) }
              - id: inventory
                config: { journal: \(journal) }
            """)
        await host.shutdown()
        #expect(Journal.read(journal) == ["start inventory", "start gadget", "stop gadget", "stop inventory"])
    }

    @Test func aFailingMigrationNamesPluginAndMigration() async throws {
        await #expect {
            _ = try await MockHost.start([BrokenMigrationPlugin.self])
        } throws: { error in
            String(describing: error).hasPrefix("migration v2_bad of plugin broken failed:")
        }
    }

    @Test func fixturePluginsPassTheConformanceCheck() async throws {
        try await MockHost.checkConformance(of: InventoryPlugin.self)
        try await MockHost.checkConformance(of: GadgetPlugin.self, dependencies: [InventoryPlugin.self])
        try await MockHost.checkConformance(of: KeyringPlugin.self)
    }

    @Test func theConformanceCheckFindsEveryDefect() async {
        let problems = await MockHost.conformanceProblems(of: SloppyPlugin.self)
        #expect(problems.contains("manifest: version '1.0' must be MAJOR.MINOR.PATCH"))
        #expect(problems.contains { $0.hasPrefix("does not load with its default configuration: plugins.yaml:2: plugin 'sloppy' has an invalid manifest") })
        let broken = await MockHost.conformanceProblems(of: BrokenMigrationPlugin.self)
        #expect(broken.contains { $0.hasPrefix("migrations fail on an empty database: migration v2_bad of plugin broken failed") })
    }

    @Test func theConformanceCheckFindsDeclarationDefects() async {
        let problems = await MockHost.conformanceProblems(of: SloppyDeclarationsPlugin.self)
        #expect(problems.sorted() == [
            "MML command DSP SLOP has no help",
            "MML command DSP SLOP is open to callers without a session",
            "NE-type plugin for SLOP declares no NE type descriptor",
            "migrations fail on an empty database: migration v1 of plugin sloppy-decl failed: plugin 'sloppy-decl' may not create items: a plugin's database handle reaches only its own objects, named 'sloppy_decl_…'",
            "route GET /sloppy has no summary",
            "route GET /sloppy: permission 'other:thing:query' should start with the plugin id 'sloppy-decl:'",
        ])
    }
}
