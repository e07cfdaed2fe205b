import Foundation
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// The OMC reaching NEs over HTTPS (`server.neTLS`): certificates verified against the site CA with
/// host names, a per-NE CA override, plain HTTP kept for NEs not named, and a clear reason when
/// verification fails.
@Suite(.serialized) struct SouthboundTLSTests {
    @Test func reachesNEsOverHTTPSAndSaysWhyACertificateFailsVerification() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        func simulator(_ pair: TestCertificates.Pair) throws -> SimulatorProcess {
            try SimulatorProcess(generate: "AMF:1", arguments: ["--tls-cert", pair.certificate, "--tls-key", pair.key])
        }
        let good = try simulator(certificates.good)
        let expired = try simulator(certificates.expired)
        let wrongHost = try simulator(certificates.wrongHost)
        let unknownCA = try simulator(certificates.unknownCA)
        let plain = try SimulatorProcess(generate: "SMF:1")
        defer { [good, expired, wrongHost, unknownCA, plain].forEach { $0.stop() } }
        let configuration = """
            server:
              neTimeoutMilliseconds: 3000
              neTLS:
                caFile: \(certificates.caFile)
                elements: [AMF]
                caOverrides: ["AMF/005=\(certificates.otherCAFile)"]
            plugins:
              - id: ne
                config: { pollIntervalSeconds: 30 }
              - id: amf-fixture
              - id: smf-fixture
            """
        try await MockHost.run([NEManagementPlugin.self, AMFFixture.self, SMFFixture.self], configuration: configuration) { host async throws in
            let nes: [(key: String, port: Int)] = [
                ("AMF/001", good.port("AMF/001")), ("AMF/002", expired.port("AMF/001")), ("AMF/003", wrongHost.port("AMF/001")),
                ("AMF/004", unknownCA.port("AMF/001")), ("AMF/005", unknownCA.port("AMF/001")), ("SMF/001", plain.port("SMF/001")),
            ]
            for (key, port) in nes {
                let parts = key.split(separator: "/").map(String.init)
                let response = try await host.send(.post, "/api/rest/systemManagement/v1/elementType/\(parts[0].lowercased())/objectType/neInfo", json: [
                    "neType": .string(parts[0]), "neId": .string(parts[1]), "neName": .string(key), "ip": "127.0.0.1",
                    "port": .number(Double(port)), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
                ] as JSONValue)
                #expect(response.code == 200, "\(response.text)")
            }
            let response = await host.send(.get, "/api/rest/systemManagement/v1/elementType/ALL/objectType/systemState")
            var states: [String: JSONValue] = [:]
            for item in response.json?["data"]?.arrayValue ?? [] {
                if case .object(let members) = item { states.merge(members) { $1 } }
            }
            for key in ["AMF/001", "AMF/005", "SMF/001"] {
                #expect(states[key]?["systemState"] != nil, "\(key): \(String(describing: states[key]))")
            }
            func failure(_ key: String) -> String { states[key]?["error"]?["errorInfo"]?.stringValue ?? "(no error)" }
            func prefix(_ key: String, _ port: Int) -> String { "certificate of NE \(key) at https://127.0.0.1:\(port) failed verification: " }
            #expect(failure("AMF/002") == prefix("AMF/002", expired.port("AMF/001")) + "expired on 2020-02-01T00:00:00Z")
            #expect(failure("AMF/003") == prefix("AMF/003", wrongHost.port("AMF/001")) + "wrong host: it does not name 127.0.0.1")
            #expect(failure("AMF/004") == prefix("AMF/004", unknownCA.port("AMF/001"))
                + "unknown CA: it is issued by OMC test other-ca, which is not in \(certificates.caFile)")
        }
    }

    @Test func aMissingCABundleStopsTheStart() async throws {
        let error = await #expect(throws: (any Error).self) {
            _ = try await MockHost.start([NEManagementPlugin.self], configuration: """
                server:
                  neTLS:
                    caFile: /nonexistent/site-ca.pem
                plugins:
                  - id: ne
                """)
        }
        #expect("\(error.map { "\($0)" } ?? "")".hasPrefix("plugins.yaml:3: server.neTLS.caFile: /nonexistent/site-ca.pem does not exist"),
                "\(String(describing: error))")
    }
}
