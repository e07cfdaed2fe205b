import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SimulatorProcessSuites {
    /// The per-NE HTTP API, over real sockets of a real `omc-nesim` process.
    @Suite("NE HTTP API")
    struct NEAPITests {
        static let yaml = """
            control: { host: 127.0.0.1, port: 0 }
            nes:
              - type: UDM
                id: "001"
                name: UDM_001
                port: 0
                version: 2.2311.7
                serialNum: "13740272"
                capability: 100000
                province: GD
                expiryDate: 2027-12-31
              - type: amf
                id: "007"
            """

        static let system = "/api/rest/systemManagement/v1/elementType/udm/objectType/config/system"

        @Test("systemState reports the configured identity and real measurements")
        func systemState() async throws {
            let sim = try await SimulatorProcess.started(yaml: Self.yaml)
            let udm = try sim.url("UDM/001")
            let answer = try await sim.send("GET", udm.adding("/api/rest/systemManagement/v1/elementType/UdM/objectType/systemState"))
            #expect(answer.status == 200)
            #expect(answer.headers["content-type"] == "application/json")
            let state = try #require(answer.json)
            #expect(state["neType"] as? String == "UDM")
            #expect(state["neId"] as? String == "001")
            #expect(state["neName"] as? String == "UDM_001")
            #expect(state["version"] as? String == "2.2311.7")
            #expect(state["serialNum"] as? String == "13740272")
            #expect(state["capability"] as? Int == 100000)
            #expect(state["province"] as? String == "GD")
            #expect(state["expiryDate"] as? String == "2027-12-31")
            #expect(state["ipAddress"] as? String == "127.0.0.1")
            #expect(state["port"] as? Int == udm.port)
            #expect((state["osInfo"] as? String)?.isEmpty == false)
            #expect((state["hostName"] as? String)?.isEmpty == false)
            #expect((state["startTime"] as? String)?.count == 19)
            let cpu = try #require(state["cpuUsage"] as? [String: Any])
            #expect((cpu["nfCpuUsage"] as? Int).map { (0...10_000).contains($0) } == true)
            #expect((cpu["sysCpuUsage"] as? Int).map { (0...10_000).contains($0) } == true)
            let memory = try #require(state["memUsage"] as? [String: Any])
            let total = try #require(memory["totalMem"] as? Int)
            let used = try #require(memory["nfUsedMem"] as? Int)
            #expect(total > 100_000)
            #expect(used > 1000 && used < total)
            // Hundredths of a percent of totalMem, the API document's unit.
            #expect((memory["sysMemUsage"] as? Int).map { (1...10_000).contains($0) } == true)
            let disk = try #require(state["diskSpace"] as? [String: Any])
            #expect(disk["partitionNum"] as? Int == 1)
            let partition = try #require((disk["partitionInfo"] as? [[String: Any]])?.first)
            #expect((partition["total"] as? Int).map { $0 > 0 } == true)

            // The other NE has the defaults, and the path's type must be its own.
            let amf = try sim.url("AMF/007")
            let amfState = try await sim.send("GET", amf.adding("/api/rest/systemManagement/v1/elementType/amf/objectType/systemState"))
            #expect(amfState.json?["neName"] as? String == "AMF_007")
            let wrongType = try await sim.send("GET", amf.adding("/api/rest/systemManagement/v1/elementType/udm/objectType/systemState"))
            #expect(wrongType.status == 404)
            #expect(wrongType.json?["code"] as? Int == 404)
            try await sim.stop()
        }

        @Test("config sections: GET, PUT merges with kind checks, unknown section 404")
        func config() async throws {
            let sim = try await SimulatorProcess.started(yaml: Self.yaml)
            let udm = try sim.url("UDM/001")
            let before = try await sim.send("GET", udm.adding(Self.system))
            #expect(before.status == 200)
            #expect(before.json?["code"] as? Int == 200)
            #expect(before.json?["msg"] as? String == "Success")
            let data = try #require(before.json?["data"] as? [String: Any])
            #expect(data["logLevel"] as? String == "info")
            #expect(data["maxConnections"] is Int)

            let put = try await sim.send("PUT", udm.adding(Self.system), json: #"{"logLevel": "debug", "maxConnections": 5}"#)
            #expect(put.status == 200)
            let after = try await sim.send("GET", udm.adding(Self.system))
            let changed = try #require(after.json?["data"] as? [String: Any])
            #expect(changed["logLevel"] as? String == "debug")
            #expect(changed["maxConnections"] as? Int == 5)
            #expect(changed["heartbeatSeconds"] is Int)

            let wrongKind = try await sim.send("PUT", udm.adding(Self.system), json: #"{"maxConnections": "many"}"#)
            #expect(wrongKind.status == 400)
            #expect((wrongKind.json?["msg"] as? String)?.contains("maxConnections") == true)
            let notJSON = try await sim.send("PUT", udm.adding(Self.system), json: "{nope")
            #expect(notJSON.status == 400)
            let missing = try await sim.send("GET", udm.adding("/api/rest/systemManagement/v1/elementType/udm/objectType/config/nosuch"))
            #expect(missing.status == 404)
            #expect(missing.json?["code"] as? Int == 404)
            #expect(missing.json?["msg"] is String)
            let notAList = try await sim.send("DELETE", udm.adding(Self.system + "?loc=0"))
            #expect(notAList.status == 400)
            let other = try await sim.send("GET", udm.adding("/nothing/here"))
            #expect(other.status == 404)
            #expect(other.json?["code"] as? Int == 404)
            try await sim.stop()
        }

        @Test("MML: one result per command, in order")
        func mml() async throws {
            let sim = try await SimulatorProcess.started(yaml: Self.yaml)
            let udm = try sim.url("UDM/001")
            let path = "/api/rest/opeartionManagement/v1/elementType/UDM/objectType/mml"
            let body = #"{"mml": ["date", "LST NE", "dsp cfg: name=system", "DSP CFG", "FOO BAR: X=1"]}"#
            let answer = try await sim.send("POST", udm.adding(path), json: body)
            #expect(answer.status == 200)
            #expect(answer.json?["code"] as? Int == 200)
            let results = try #require(answer.json?["data"] as? [[String: Any]])
            try #require(results.count == 5)
            #expect(results.map { $0["command"] as? String } == ["date", "LST NE", "dsp cfg: name=system", "DSP CFG", "FOO BAR: X=1"])
            #expect(results.map { $0["code"] as? Int } == [200, 200, 200, 400, 500])
            let date = try #require(results[0]["output"] as? String)
            #expect(date.range(of: #"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$"#, options: .regularExpression) != nil)
            let identity = try #require(results[1]["output"] as? String)
            #expect(identity.contains("UDM_001") && identity.contains("13740272"))
            #expect((results[2]["output"] as? String)?.contains("logLevel = info") == true)
            #expect((results[4]["msg"] as? String)?.contains("unknown command") == true)

            let bad = try await sim.send("POST", udm.adding(path), json: #"{"commands": []}"#)
            #expect(bad.status == 400)
            try await sim.stop()
        }

        @Test("files: pushed, read back, and unsafe paths refused")
        func files() async throws {
            let sim = try await SimulatorProcess.started(yaml: Self.yaml, arguments: ["--data-dir", FileManager.default.temporaryDirectory
                .appendingPathComponent("nesim-files-\(UUID().uuidString)").path])
            let udm = try sim.url("UDM/001")
            let base = "/api/rest/systemManagement/v1/elementType/udm/objectType/file"
            let content = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            let stored = try await sim.send("POST", udm.adding(base + "?path=conf/licence.bin"), body: content)
            #expect(stored.status == 200)
            let data = try #require(stored.json?["data"] as? [String: Any])
            #expect(data["path"] as? String == "conf/licence.bin")
            #expect(data["size"] as? Int == content.count)

            let read = try await sim.send("GET", udm.adding(base + "?path=conf/licence.bin"))
            #expect(read.status == 200)
            #expect(read.body == content)

            for bad in ["../x", "a/../../x", "%2Fetc%2Fpasswd", "", "a//b", String(repeating: "a", count: 256)] {
                let refused = try await sim.send("POST", udm.adding(base + "?path=" + bad), body: Data("x".utf8))
                #expect(refused.status == 400, "path \(bad)")
                #expect(refused.json?["code"] as? Int == 400)
            }
            let missing = try await sim.send("GET", udm.adding(base + "?path=nothing.txt"))
            #expect(missing.status == 404)
            let (_, _, stderr) = try await sim.stop()
            #expect(stderr.isEmpty)
        }
    }
}
