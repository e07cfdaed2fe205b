import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SimulatorProcessSuites {
    /// Alarms and KPI reports pushed to an OMC stand-in running in the test process.
    @Suite("Pushes to the OMC")
    struct PushTests {
        @Test("an alarm pushed on demand reaches the OMC with the document's fields")
        func alarmOnDemand() async throws {
            let receiver = PushReceiver(status: 200)
            let omc = try await receiver.start()
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "SMF:1", "--omc", omc.absoluteString])
            let answer = try await sim.send("POST", sim.controlURL.adding("/control/ne/smf/001/alarm"),
                                                 json: #"{"alarmCode": 42, "alarmTitle": "link down", "origSeverity": "critical"}"#)
            #expect(answer.status == 200)
            let received = try await receiver.wait { !$0.isEmpty }
            let alarm = try #require(received.first)
            #expect(alarm.path == "/api/rest/faultManagement/v1/elementType/smf/objectType/alarms")
            let body = try #require(alarm.json)
            #expect(body["alarmSeq"] as? Int == 1)
            #expect(body["neId"] as? String == "001")
            #expect(body["neName"] as? String == "SMF_001")
            #expect(body["neType"] as? String == "SMF")
            #expect(body["alarmCode"] as? Int == 42)
            #expect(body["alarmTitle"] as? String == "link down")
            #expect(body["origSeverity"] as? String == "Critical")
            #expect(body["perceivedSeverity"] as? Int == 1)
            #expect(body["alarmStatus"] as? Int == 1)
            #expect(body["alarmType"] is String && body["alarmId"] is String && body["specificProblem"] is String)
            #expect((body["eventTime"] as? String)?.count == 19)

            let second = try await sim.send("POST", sim.controlURL.adding("/control/ne/SMF/001/alarm"), body: nil)
            #expect(second.status == 200)
            let both = try await receiver.wait { $0.count >= 2 }
            #expect(both.last?.json?["alarmSeq"] as? Int == 2)

            let refused = try await sim.send("POST", sim.controlURL.adding("/control/ne/SMF/001/alarm"), json: #"{"colour": "red"}"#)
            #expect(refused.status == 400)
            try await sim.stop()
            await receiver.stop()
        }

        @Test("a core NE's KPI report carries its type's KPIs, and the control API's values win")
        func typeKPIs() async throws {
            let receiver = PushReceiver(status: 200)
            let omc = try await receiver.start()
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "AMF:1", "--omc", omc.absoluteString])
            let answer = try await sim.send("POST", sim.controlURL.adding("/control/ne/AMF/001/kpi"), json: #"{"kpis": {"AMF.RegAttempts": 7}}"#)
            #expect(answer.status == 200)
            let report = try #require(try await receiver.wait { !$0.isEmpty }.first?.json)
            let objects = try #require(report["Datas"] as? [[String: Any]])
            let function = try #require(objects.first { $0["ObjectType"] as? String == "AMFFunction" })
            var values: [String: Any] = [:]
            for kpi in function["KPIs"] as? [[String: Any]] ?? [] {
                if let id = kpi["KPIID"] as? String { values[id] = (kpi["KPIValues"] as? [[String: Any]])?.first?["Value"] }
            }
            #expect(values["AMF.RegisteredUEs"] as? Int == 24)
            #expect(values["AMF.ConnectedGNBs"] as? Int == 2)
            #expect(values["AMF.RegSuccesses"] as? Int == 118)
            #expect(values["AMF.RegAttempts"] as? Int == 7)
            #expect((values["AMF.RegSuccessRate"] as? Double).map { abs($0 - 98.33) < 0.001 } == true)
            try await sim.stop()
            await receiver.stop()
        }

        @Test("the OMC's status is relayed, and an unreachable OMC gives 502")
        func statusRelay() async throws {
            let receiver = PushReceiver(status: 503)
            let omc = try await receiver.start()
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "AMF:1", "--omc", omc.absoluteString])
            let answer = try await sim.send("POST", sim.controlURL.adding("/control/ne/AMF/001/kpi"), body: nil)
            #expect(answer.status == 503)
            let report = try #require(try await receiver.wait { !$0.isEmpty }.first)
            #expect(report.path == "/api/rest/performanceManagement/v1/elementType/amf/objectType/measureReport")
            let body = try #require(report.json)
            #expect(body["id"] as? Int == 1)
            #expect(body["NeType"] as? String == "AMF")
            #expect(body["NeName"] as? String == "AMF_001")
            #expect((body["Datas"] as? [[String: Any]])?.isEmpty == false)
            try await sim.stop()
            await receiver.stop()

            // Nothing listens on the receiver's port any more.
            let orphan = try await SimulatorProcess.started(arguments: ["--generate", "AMF:1", "--omc", omc.absoluteString])
            let unreachable = try await orphan.send("POST", orphan.controlURL.adding("/control/ne/AMF/001/alarm"), body: nil)
            #expect(unreachable.status == 502)
            #expect((unreachable.json?["msg"] as? String)?.contains("cannot be reached") == true)
            try await orphan.stop()
        }

        @Test("scheduled pushes raise then clear alarms and send KPI reports")
        func scheduled() async throws {
            let receiver = PushReceiver()
            let omc = try await receiver.start()
            let yaml = """
                omc: \(omc.absoluteString)
                nes:
                  - type: UPF
                    id: "001"
                    alarmIntervalSeconds: 0.3
                    kpiIntervalSeconds: 0.3
                """
            let sim = try await SimulatorProcess.started(yaml: yaml)
            let received = try await receiver.wait { list in
                list.filter { $0.path.hasSuffix("/alarms") }.count >= 2 && list.contains { $0.path.hasSuffix("/measureReport") }
            }
            let alarms = received.filter { $0.path.hasSuffix("/alarms") }.compactMap(\.json)
            try #require(alarms.count >= 2)
            #expect(alarms[0]["alarmStatus"] as? Int == 1)
            #expect(alarms[1]["alarmStatus"] as? Int == 0)
            #expect(alarms[0]["alarmId"] as? String == alarms[1]["alarmId"] as? String)
            #expect(received.contains { $0.path == "/api/rest/performanceManagement/v1/elementType/upf/objectType/measureReport" })
            try await sim.stop()
            await receiver.stop()
        }

        @Test("an NE sends the push credential set through the control API, and none before or after it is withdrawn")
        func pushCredential() async throws {
            let receiver = PushReceiver(status: 200)
            let omc = try await receiver.start()
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "UDM:1", "--omc", omc.absoluteString])
            let alarmURL = sim.controlURL.adding("/control/ne/UDM/001/alarm"), credentialURL = sim.controlURL.adding("/control/ne/UDM/001/credential")
            #expect(try await sim.send("POST", alarmURL, body: nil).status == 200)
            let set = try await sim.send("PUT", credentialURL, json: #"{"credential": "omcne_secret-of-udm-001"}"#)
            #expect(set.status == 200)
            #expect(!String(decoding: set.body, as: UTF8.self).contains("omcne_secret"), "the control API never echoes the credential")
            #expect(try await sim.send("POST", alarmURL, body: nil).status == 200)
            #expect(try await sim.send("POST", sim.controlURL.adding("/control/ne/UDM/001/kpi"), body: nil).status == 200)
            #expect(try await sim.send("PUT", credentialURL, json: #"{"credential": null}"#).status == 200)
            #expect(try await sim.send("POST", alarmURL, body: nil).status == 200)
            let received = try await receiver.wait { $0.count >= 4 }
            #expect(received.map(\.authorization) == [nil, "NE omcne_secret-of-udm-001", "NE omcne_secret-of-udm-001", nil])
            #expect(try await sim.send("PUT", credentialURL, json: #"{"credential": 7}"#).status == 400)
            #expect(try await sim.send("PUT", credentialURL, json: #"{"secret": "x"}"#).status == 400)
            try await sim.stop()
            await receiver.stop()
        }

        @Test("a push with no OMC configured is refused with 409")
        func noOMC() async throws {
            let sim = try await SimulatorProcess.started(arguments: ["--generate", "IMS:1"])
            let answer = try await sim.send("POST", sim.controlURL.adding("/control/ne/IMS/001/alarm"), body: nil)
            #expect(answer.status == 409)
            try await sim.stop()
        }
    }
}
