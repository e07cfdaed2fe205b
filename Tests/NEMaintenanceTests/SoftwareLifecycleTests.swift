import Foundation
import NEMaintenance
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// The software life cycle against the simulator as a separate process: distribute, activate (the
/// NE restarts and reports the new version), roll back, one operation per NE, and each failure mode,
/// where the OMC never claims a version the NE does not run.
@Suite(.serialized) struct SoftwareLifecycleTests {
    static let software = "/api/rest/systemManagement/v1/AMF/software"

    static func state(_ site: SimulatedSite, _ id: String) async -> JSONValue {
        await site.send(.get, "/api/rest/systemManagement/v1/elementType/amf/objectType/software?ne_id=\(id)").data ?? .null
    }

    static func uploaded(_ site: SimulatedSite, _ version: String, payload: Int = 200_000) async throws {
        let bytes = try MaintenanceSite.package(neType: "AMF", version: version, payload: payload)
        let answer = await MaintenanceSite.upload(site, neType: "AMF", version: version, bytes: bytes)
        guard answer.code == 200 else { throw StepFailure(step: "uploading \(version)", status: answer.status, answer: answer.text) }
    }

    @Test func distributesActivatesAndRollsBack() async throws {
        try await MaintenanceSite.run(generate: "AMF:1") { site in
            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: [], restartSeconds: 1)
            try await Self.uploaded(site, "2.0.0")
            #expect(await Self.state(site, "001")["runningVersion"]?.stringValue == "1.0.0")

            // Activation of a version the NE does not hold is refused before anything is asked of it.
            let early = await site.send(.put, "\(Self.software)/2.0.0/001")
            #expect(early.status == 409 && early.msg == "NE AMF/001 does not hold package 2.0.0; distribute it first", "\(early.text)")
            #expect(try await MaintenanceSite.neSoftware(site, "AMF/001")["runningVersion"]?.stringValue == "1.0.0")

            let unknownNE = await site.send(.post, "\(Self.software)/2.0.0/999")
            #expect(unknownNE.status == 404 && unknownNE.msg == "NE AMF/999 is not registered")
            let unknownPackage = await site.send(.post, "\(Self.software)/9.9.9/001")
            #expect(unknownPackage.status == 404 && unknownPackage.msg == "the OMC holds no package AMF 9.9.9; upload it first")
            #expect(try await MaintenanceSite.neSoftware(site, "AMF/001")["packages"]?.arrayValue == [])

            let distributed = await site.send(.post, "\(Self.software)/2.0.0/001")
            #expect(distributed.code == 200, "\(distributed.text)")
            #expect(distributed.data?["packages"]?.arrayValue == ["2.0.0"])
            let operationID = try #require(distributed.headers["X-Operation-Id"])
            let operation = await site.send(.get, "/monitor/operation/\(operationID)").data
            #expect(operation?["state"]?.stringValue == "succeeded" && operation?["kind"]?.stringValue == "nemaint.software.distribute")
            let held = try await MaintenanceSite.neSoftware(site, "AMF/001")["packages"]?[0]
            #expect(held?["sha256"]?.stringValue == (await site.send(.get, Self.software).json?["rows"]?[0]?["sha256"]?.stringValue))

            let activated = await site.send(.put, "\(Self.software)/2.0.0/001")
            #expect(activated.code == 200, "\(activated.text)")
            #expect(activated.data?["runningVersion"]?.stringValue == "2.0.0")
            #expect(activated.data?["previousVersion"]?.stringValue == "1.0.0")
            // The NE itself reports the new version in its system state.
            let systemState = try await site.askNEExpectingSuccess("AMF/001", "GET", "/api/rest/systemManagement/v1/elementType/amf/objectType/systemState")
            #expect(try JSONDecoder().decode(JSONValue.self, from: Data(systemState))["version"]?.stringValue == "2.0.0")

            let wrongRollback = await site.send(.patch, "\(Self.software)/1.0.0/001")
            #expect(wrongRollback.status == 409 && wrongRollback.msg?.contains("runs 2.0.0, not 1.0.0") == true)

            let rolledBack = await site.send(.patch, "\(Self.software)/2.0.0/001")
            #expect(rolledBack.code == 200, "\(rolledBack.text)")
            #expect(rolledBack.data?["runningVersion"]?.stringValue == "1.0.0")
            #expect(rolledBack.data?["previousVersion"]?.stringValue == "2.0.0")
            #expect(try await MaintenanceSite.neSoftware(site, "AMF/001")["runningVersion"]?.stringValue == "1.0.0")
            #expect(await Self.state(site, "001")["operationId"] == nil)

            let console = try await site.host.mml(["DSP NESOFTWARE: NETYPE=amf, NEID=001", "LST SWPACKAGE: NETYPE=AMF",
                                                   "DSP NESOFTWARE: NETYPE=AMF, NEID=999"], neType: "omc")
            let shown = console.data?[0]?["output"]?.stringValue ?? ""
            #expect(shown.contains("runningVersion") && shown.contains("1.0.0") && shown.contains("2.0.0"), "\(shown)")
            #expect(console.data?[1]?["output"]?.stringValue?.contains("2.0.0") == true)
            #expect(console.data?[2]?["msg"]?.stringValue == "NE AMF/999 is not registered", "\(console.text)")
        }
    }

    @Test func reportsEveryFailureWithoutClaimingAVersion() async throws {
        try await MaintenanceSite.run(generate: "AMF:1", restartTimeoutSeconds: 5) { site in
            try await Self.uploaded(site, "2.0.0")

            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: ["distribute"], restartSeconds: 1)
            let refused = await site.send(.post, "\(Self.software)/2.0.0/001")
            #expect(refused.status == 502 && refused.msg == "NE AMF/001 refused package 2.0.0: no space left for package 2.0.0", "\(refused.text)")
            #expect(try await MaintenanceSite.neSoftware(site, "AMF/001")["packages"]?.arrayValue == [])

            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: ["activate"])
            #expect(await site.send(.post, "\(Self.software)/2.0.0/001").code == 200)
            let notActivated = await site.send(.put, "\(Self.software)/2.0.0/001")
            #expect(notActivated.status == 502 && notActivated.msg?.contains("pre-check failed") == true, "\(notActivated.text)")
            #expect(await Self.state(site, "001")["runningVersion"]?.stringValue == "1.0.0")

            // Accepted, restarted, came back on the old version: reported, and the OMC shows what the NE runs.
            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: ["boot"])
            let failedBoot = await site.send(.put, "\(Self.software)/2.0.0/001")
            #expect(failedBoot.status == 502 && failedBoot.msg?.hasPrefix("NE AMF/001 came back running 1.0.0, not 2.0.0") == true, "\(failedBoot.text)")
            let afterBoot = await Self.state(site, "001")
            #expect(afterBoot["runningVersion"]?.stringValue == "1.0.0" && afterBoot["lastResult"]?.stringValue == "activate to 2.0.0 failed")

            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: [])
            #expect(await site.send(.put, "\(Self.software)/2.0.0/001").code == 200)
            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: ["rollback"])
            let noRollback = await site.send(.patch, "\(Self.software)/2.0.0/001")
            #expect(noRollback.status == 502 && noRollback.msg?.contains("rollback to 1.0.0 refused") == true, "\(noRollback.text)")
            #expect(await Self.state(site, "001")["runningVersion"]?.stringValue == "2.0.0")

            // Rolled back, but the NE never comes back: its version is unknown, not the one asked for.
            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: [], restartSeconds: 3)
            let host = site.host
            async let lost = host.send(.patch, "\(Self.software)/2.0.0/001")
            try await MaintenanceSite.waitUntilOffline(site, "AMF/001")
            try await site.simulator.fault("AMF/001", "refuse")
            let answer = await lost
            #expect(answer.status == 504 && answer.msg?.contains("did not come back") == true, "\(answer.text)")
            let unknown = await Self.state(site, "001")
            #expect(unknown["runningVersion"] == nil && unknown["reachable"]?.boolValue == false)
            try await site.simulator.fault("AMF/001", "none")
            #expect(await Self.state(site, "001")["runningVersion"]?.stringValue == "1.0.0")
        }
    }

    @Test func holdsOneOperationPerNEAndCancelsBeforeTheNEChanges() async throws {
        try await MaintenanceSite.run(generate: "AMF:2") { site in
            try await Self.uploaded(site, "2.0.0")
            for id in ["001", "002"] { #expect(await site.send(.post, "\(Self.software)/2.0.0/\(id)").code == 200) }
            try await MaintenanceSite.maintenance(site, "AMF/001", failAt: [], restartSeconds: 3)

            let backup = try #require(await site.send(.get, "/api/rest/systemManagement/v1/elementType/amf/objectType/cm?ne_id=001").downloadFileName)
            let started = await site.send(.put, "\(Self.software)/2.0.0/001", headers: ["Prefer": "respond-async"])
            #expect(started.status == 202, "\(started.text)")
            let id = try #require(started.data?["operationId"]?.stringValue)
            let busy = await site.send(.patch, "\(Self.software)/2.0.0/001")
            #expect(busy.status == 409 && busy.msg == "NE AMF/001 is busy with operation \(id) (activate 2.0.0); one operation per NE at a time", "\(busy.text)")
            // A configuration restore is held off too: it would meet the NE restarting.
            let restore = try await site.send(.post, "/api/rest/systemManagement/v1/elementType/amf/objectType/cm?ne_id=001",
                                              json: ["fileName": .string(backup), "confirm": true] as JSONValue)
            #expect(restore.status == 409 && restore.msg?.contains("is busy with operation \(id)") == true, "\(restore.text)")
            #expect(await Self.state(site, "001")["operationId"]?.stringValue == id)
            // Another NE is not held by it.
            #expect(await site.send(.get, "/api/rest/systemManagement/v1/elementType/amf/objectType/software?ne_id=002").code == 200)
            let ended = try await MaintenanceSite.finished(site, operation: id)
            #expect(ended["state"]?.stringValue == "succeeded", "\(ended)")
            #expect(await Self.state(site, "001")["runningVersion"]?.stringValue == "2.0.0")

            // A distribution cancelled while the NE holds the transfer leaves nothing on the NE.
            // Large enough that the transfer cannot complete into socket buffers while the NE waits (an NE
            // that received a package whole keeps it: it is complete and verified). Placed in the OMC
            // directly: uploads are tested in PackageTests, and 32 MiB through the debug multipart reader is slow.
            try await MaintenanceSite.placePackage(site, neType: "AMF", version: "3.0.0", size: 32 << 20)
            try await site.simulator.fault("AMF/002", "delay", delayMs: 4000)
            let slow = await site.send(.post, "\(Self.software)/3.0.0/002", headers: ["Prefer": "respond-async"])
            let slowID = try #require(slow.data?["operationId"]?.stringValue)
            try await Task.sleep(for: .milliseconds(300))
            #expect(await site.send(.put, "/monitor/operation/cancel/\(slowID)").code == 200)
            let cancelled = try await MaintenanceSite.finished(site, operation: slowID)
            #expect(cancelled["state"]?.stringValue == "cancelled", "\(cancelled)")
            try await site.simulator.fault("AMF/002", "none")
            #expect(try await MaintenanceSite.neSoftware(site, "AMF/002")["packages"]?.arrayValue?.compactMap { $0["version"]?.stringValue } == ["2.0.0"])
            #expect(await Self.state(site, "002")["operationId"] == nil)
        }
    }
}
