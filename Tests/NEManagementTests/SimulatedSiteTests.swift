import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// The shared simulated-site fixture: NEs registered and a session on success, a thrown failure
/// with the OMC's answer (not a crash of the test process) when a step fails.
@Suite(.serialized) struct SimulatedSiteTests {
    @Test func registersEverySimulatedNEAsTheSession() async throws {
        try await SimulatedSite.run(plugins: [NEManagementPlugin.self, AMFFixture.self, SMFFixture.self], generate: "AMF:2,SMF:1") { site async throws in
            #expect(site.elements == ["AMF/001", "AMF/002", "SMF/001"])
            #expect(await site.send(.get, "/ne/list?pageSize=10").json?["total"]?.intValue == 3)
            // The name filter ignores case and takes `_` literally: AMF_001 and AMF_002, not SMF_001.
            let named = await site.send(.get, "/ne/list?neName=amf_0")
            #expect(named.json?["rows"]?.arrayValue?.compactMap { $0["neName"]?.stringValue } == ["AMF_001", "AMF_002"], "\(named.text)")
            let answer = try await site.askNEExpectingSuccess("SMF/001", "GET", "/api/rest/systemManagement/v1/elementType/smf/objectType/systemState")
            #expect(!answer.isEmpty)
        }
    }

    @Test func aFailedRegistrationThrowsWithTheAnswer() async throws {
        // No plugin provides UDM, so the OMC refuses to register the simulated UDM.
        do {
            try await SimulatedSite.run(plugins: [NEManagementPlugin.self], generate: "UDM:1") { _ async throws -> Void in
                Issue.record("the site started although its NE could not be registered")
            }
            Issue.record("no failure was thrown")
        } catch let failure as SiteFailure {
            #expect(failure.step == "registering UDM/001")
            #expect(failure.status >= 400 && failure.answer.contains("UDM"), "\(failure)")
        }
    }
}
