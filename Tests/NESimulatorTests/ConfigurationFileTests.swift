import Foundation
import Testing
@testable import NESimulator

/// Reading `sim.yaml` and `--generate`.
@Suite("Configuration")
struct ConfigurationFileTests {
    @Test("a full file is read with every field")
    func fullFile() throws {
        let configuration = try ConfigurationFile.parse("""
            omc: http://127.0.0.1:8080
            control: { host: 127.0.0.2, port: 9000 }
            dataDir: /tmp/x
            nes:
              - type: udm
                id: "001"
                name: UDM_001
                port: 0
                version: 2.2311.7
                serialNum: "13740272"
                capability: 100000
                province: GD
                expiryDate: 2027-12-31
                alarmIntervalSeconds: 0
                kpiIntervalSeconds: 2.5
              - { type: AMF, id: 002 }
            """, file: "sim.yaml")
        #expect(configuration.omc?.absoluteString == "http://127.0.0.1:8080")
        #expect(configuration.controlHost == "127.0.0.2")
        #expect(configuration.controlPort == 9000)
        #expect(configuration.dataDirectory == "/tmp/x")
        let udm = try #require(configuration.nes.first)
        #expect(udm.type == "UDM")
        #expect(udm.id == "001")
        #expect(udm.version == "2.2311.7")
        #expect(udm.serialNum == "13740272")
        #expect(udm.expiryDate == "2027-12-31")
        #expect(udm.kpiIntervalSeconds == 2.5)
        #expect(udm.line == 5)
        let amf = configuration.nes[1]
        #expect(amf.id == "002")
        #expect(amf.name == "AMF_002")
        #expect(amf.serialNum == "00000002")
    }

    @Test("every mistake is reported with its line")
    func mistakes() {
        let text = """
            omc: not a url
            colour: blue
            nes:
              - type: UDM
                id: "001"
                port: -1
                expiryDate: 2027-02-30
              - type: UDM
                id: "001"
                port: 8000
              - type: "U D M"
                port: 8000
                capability: lots
                alarmIntervalSeconds: 0.001
            """
        do {
            _ = try ConfigurationFile.parse(text, file: "sim.yaml")
            Issue.record("expected an error")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.contains { $0.hasPrefix("sim.yaml:1: omc must be an http://") })
            #expect(lines.contains { $0.hasPrefix("sim.yaml:2: unknown key 'colour'") })
            #expect(lines.contains { $0.hasPrefix("sim.yaml:6: port must be a whole number from 0 to 65535") })
            #expect(lines.contains { $0.hasPrefix("sim.yaml:7: expiryDate '2027-02-30'") })
            #expect(lines.contains { $0.hasPrefix("sim.yaml:11: type 'U D M'") })
            #expect(lines.contains { $0.hasPrefix("sim.yaml:13: capability must be") })
            #expect(lines.contains { $0.hasPrefix("sim.yaml:14: alarmIntervalSeconds must be") })
            #expect(lines.contains { $0.hasPrefix("sim.yaml:11: an NE needs `id:`") })
            #expect(error.diagnostics.map { $0.line ?? 0 } == error.diagnostics.map { $0.line ?? 0 }.sorted())
        }
    }

    @Test("duplicates and shared ports are found across entries")
    func crossChecks() {
        do {
            _ = try ConfigurationFile.parse("""
                control: { port: 7000 }
                nes:
                  - { type: UDM, id: "001", port: 7000 }
                  - { type: udm, id: "001" }
                """, file: "f.yaml")
            Issue.record("expected an error")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.contains("f.yaml:3: port 7000 of UDM/001 is already used by the control API; give each NE its own port or 0"))
            #expect(lines.contains { $0.hasPrefix("f.yaml:4: duplicate NE UDM/001 (first at line 3)") })
        }
    }

    @Test("syntax errors and empty files")
    func syntax() {
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse("", file: "e.yaml") }
        do {
            _ = try ConfigurationFile.parse("nes:\n  - type: [UDM\n", file: "s.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.line != nil)
            #expect(error.description.contains("YAML syntax error"))
        }
        do {
            _ = try ConfigurationFile.parse("nes:\n  - type: UDM\n    id: x\n    id: y\n", file: "d.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "d.yaml:3: key 'id' appears more than once in the same mapping; keep one")
        }
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse("nes: 3", file: "n.yaml") }
        #expect(throws: ConfigurationError.self) { try ConfigurationFile.parse("- a\n- b", file: "l.yaml") }
    }

    @Test("--generate makes numbered NEs")
    func generate() throws {
        let nes = try GenerateSpecification.parse("AMF:3, udm:1")
        #expect(nes.map(\.key) == ["AMF/001", "AMF/002", "AMF/003", "UDM/001"])
        #expect(nes.map(\.name) == ["AMF_001", "AMF_002", "AMF_003", "UDM_001"])
        #expect(nes.allSatisfy { $0.port == 0 })
        #expect(try GenerateSpecification.parse("SMF:1000").last?.id == "1000")
        for bad in ["", "AMF", "AMF:0", "AMF:-1", "AMF:x", "A M F:1", "AMF:1,AMF:2", "AMF:1:2", "AMF:99999"] {
            #expect(throws: ConfigurationError.self, "\(bad)") { try GenerateSpecification.parse(bad) }
        }
    }
}
