import Foundation
import PluginAPI
import Testing

@Suite struct APIVersionTests {
    @Test func acceptsSameMajorAndNoNewerMinor() throws {
        let host = APIVersion(major: 1, minor: 2)
        #expect(host.satisfies(APIVersion(major: 1, minor: 0)))
        #expect(host.satisfies(APIVersion(major: 1, minor: 2)))
        #expect(!host.satisfies(APIVersion(major: 1, minor: 3)))
        #expect(!host.satisfies(APIVersion(major: 2, minor: 0)))
        #expect(!host.satisfies(APIVersion(major: 0, minor: 9)))
    }

    @Test func parsesVersions() {
        #expect(APIVersion("1.4") == APIVersion(major: 1, minor: 4))
        #expect(APIVersion("2") == APIVersion(major: 2, minor: 0))
        #expect(APIVersion("1.x") == nil)
        #expect(APIVersion("1.2.3") == nil)
        #expect(APIVersion("-1.0") == nil)
    }
}

@Suite struct ConfigFieldTests {
    @Test func checksTypesAndRanges() {
        let port = ConfigField.integer("port", default: 80, range: 1...65535, help: "port")
        #expect(port.violation(of: .integer(8080)) == nil)
        #expect(port.violation(of: .integer(0)) == "must be between 1 and 65535")
        #expect(port.violation(of: .string("80")) == "must be an integer")
        let mode = ConfigField.string("mode", allowed: ["a", "b"], help: "mode")
        #expect(mode.violation(of: .string("c")) == "must be one of a, b")
        let ratio = ConfigField.number("ratio", range: 0...1, help: "ratio")
        #expect(ratio.violation(of: .integer(1)) == nil)
        #expect(ratio.violation(of: .number(1.5)) == "must be between 0.0 and 1.0")
        #expect(ConfigField.boolean("on", help: "on").violation(of: .string("yes")) == "must be true or false")
        #expect(ConfigField.list("names", maxLength: 3, help: "names").violation(of: .list(["abcd"])) == "items must be at most 3 characters")
    }
}

@Suite struct MMLParameterTests {
    @Test(arguments: [
        (MMLParameter.digits("IMSI", length: 15, help: "IMSI"), "46000010000003", "must be 15 decimal digits"),
        (MMLParameter.digits("IMSI", length: 15, help: "IMSI"), "46000010000003x", "must be 15 decimal digits"),
        (MMLParameter.digits("MSISDN", lengths: 5...15, help: "MSISDN"), "1234", "must be 5 to 15 decimal digits"),
        (MMLParameter.hex("KI", length: 32, help: "Ki"), String(repeating: "g", count: 32), "must be 32 hexadecimal digits"),
        (MMLParameter.integer("ALGO", range: 0...15, help: "algorithm"), "16", "must be an integer from 0 to 15"),
        (MMLParameter.text("NAME", maxLength: 3, help: "name"), "abcd", "must be at most 3 characters"),
        (MMLParameter.enumeration("MODE", ["ON", "OFF"], help: "mode"), "UP", "must be one of ON, OFF"),
    ])
    func refusesValuesBreakingTheRule(_ parameter: MMLParameter, _ value: String, _ rule: String) {
        #expect(parameter.violation(of: value)?.english == rule)
    }

    @Test func acceptsValidValues() {
        #expect(MMLParameter.digits("IMSI", length: 15, help: "").violation(of: "460000100000030") == nil)
        #expect(MMLParameter.hex("KI", length: 4, help: "").violation(of: "aF09") == nil)
        #expect(MMLParameter.enumeration("MODE", ["ON", "OFF"], help: "").violation(of: "on") == nil)
        #expect(MMLParameter.integer("N", range: -5...5, help: "").violation(of: "-5") == nil)
    }
}

@Suite struct RegistrarTests {
    @Test func collectsDeclarationMistakes() {
        var registrar = PluginRegistrar(manifest: PluginManifest(id: "demo", version: "1.0.0", kind: .feature, summary: "demo"))
        registrar.route(.get, "no-slash", permission: "demo:x:query", summary: "s") { _, _ in .success() }
        registrar.route(.get, "/a//b", permission: "demo:x:query", summary: "s") { _, _ in .success() }
        registrar.route(.get, "/a/{b-c}", permission: "demo:x:query", summary: "s") { _, _ in .success() }
        registrar.route(.get, "/ok/{id}", permission: "demo:x", summary: "s") { _, _ in .success() }
        registrar.mml("DSP THING", privilege: "demo:x:query", risk: .readOnly, help: "h") { _, _ in MMLReply(output: "") }
        registrar.mml("DSP THING X", neType: "OMC", privilege: "demo:x:query", risk: .readOnly, help: "h") { _, _ in MMLReply(output: "") }
        registrar.migration("v1", sql: "CREATE TABLE demo_a (id INTEGER)")
        registrar.migration("v1", sql: "CREATE TABLE demo_b (id INTEGER)")
        registrar.migration("v 2", sql: "SELECT 1")
        registrar.job("tick", schedule: .every(seconds: 0), summary: "t") { _ in }
        registrar.neType(NETypeDescriptor(name: "UDM", summary: "not mine"))
        #expect(registrar.problems == [
            "route GET no-slash: must start with /",
            "route GET /a//b: must not contain empty segments",
            "route GET /a/{b-c}: segment '{b-c}' must be {name} with letters, digits and _",
            "route GET /ok/{id}: permission 'demo:x' is not module:resource:action",
            "MML command 'DSP THING': a feature plugin must name the NE type it applies to",
            "MML command 'DSP THING X': must be a verb and an optional object, letters and digits only",
            "migration 'v1' is declared twice",
            "migration 'v 2': name must be letters, digits and _",
            "job 'tick': interval must be at least 1 s",
            "NE type UDM: only an NE-type plugin can provide an NE type",
        ])
    }

    @Test func stampsNETypePluginsCommandsWithTheirType() {
        var registrar = PluginRegistrar(manifest: PluginManifest(id: "udm", version: "1.0.0", kind: .neType("udm"), summary: "UDM"))
        registrar.mml("dsp authdat", privilege: "udm:auth:query", risk: .readOnly, help: "h") { _, _ in MMLReply(output: "") }
        #expect(registrar.mmlCommands.first?.neType == "UDM")
        #expect(registrar.mmlCommands.first?.name == "DSP AUTHDAT")
        #expect(registrar.problems.isEmpty)
    }
}

@Suite struct RequestHelperTests {
    @Test func readsQueryParameters() throws {
        let query = QueryParameters([("neId", "001"), ("id", "1,2"), ("id", "3"), ("empty", "")])
        #expect(query["neId"] == "001")
        #expect(query["empty"] == nil)
        #expect(query.values("id") == ["1", "2", "3"])
        #expect(throws: OMCError.invalid("imsi", "query parameter is required")) { try query.required("imsi") }
    }

    @Test func picksTheLanguage() {
        #expect(Language(acceptLanguage: "zh_CN;q=0.9 en_US;q=0.9") == .chinese)
        #expect(Language(acceptLanguage: "en_US,zh_CN") == .english)
        #expect(Language(acceptLanguage: nil) == .english)
    }

    @Test func mapsErrorsToStatusAndEnvelopeCode() {
        #expect(OMCError(.invalidInput, "x").httpStatus == 400 && OMCError(.invalidInput, "x").envelopeCode == 500)
        #expect(OMCError(.unauthenticated, "x").envelopeCode == 401)
        #expect(OMCError(.forbidden, "x").envelopeCode == 403)
        #expect(OMCError(.neTimeout, "x").httpStatus == 504)
    }

    @Test func decodesJSONWithPreciseErrors() {
        struct Body: Decodable { let items: [Item] }
        struct Item: Decodable { let port: Int }
        #expect(throws: OMCError.invalid("items[1].port", "must be an integer")) {
            try JSONBody.decode(Body.self, from: Array(#"{"items": [{"port": 1}, {"port": "x"}]}"#.utf8))
        }
        #expect(throws: OMCError.invalid("items[0].port", "is required")) {
            try JSONBody.decode(Body.self, from: Array(#"{"items": [{}]}"#.utf8))
        }
    }

    @Test func limitsBodies() async throws {
        let body = RequestBody(bytes: Array(repeating: 1, count: 10), limit: 5)
        await #expect(throws: OMCError(.tooLarge, "request body is larger than the 5 bytes this route accepts")) { _ = try await body.collect() }
        #expect(try await RequestBody(bytes: [1, 2, 3], limit: 5).collect() == [1, 2, 3])
    }
}

@Suite struct OMCErrorEchoTests {
    @Test func aHugeQuotedValueComesBackAsItsStartAndLength() {
        let huge = String(repeating: "4", count: 9_900_000)
        let error = OMCError.invalid("ip", "must be an IPv4 or IPv6 address, not '\(huge)'")
        #expect(error.message == "ip: must be an IPv4 or IPv6 address, not '\(String(repeating: "4", count: 64))…' (9,900,000 characters)")
    }

    @Test func everyFieldOfALongMessageStaysNamed() {
        let fields = (1...15).map { "field\($0): '\(String(repeating: "x", count: 200))' is not allowed" }
        let message = OMCError(.invalidInput, .verbatim(fields.joined(separator: "; "))).message
        #expect(message.count <= OMCError.maximumMessageLength)
        for index in 1...15 { #expect(message.contains("field\(index): '")) }
        #expect(message.contains("…' (200 characters) is not allowed"))
    }

    @Test func whatIsStillTooLongIsCutAndSaysSo() {
        let message = OMCError(.neFailure, "the NE answered: \(String(repeating: "garbage ", count: 10_000))").message
        #expect(message.count < OMCError.maximumMessageLength + 60)
        #expect(message.hasSuffix("… (message cut, 80,017 characters)"))
    }

    @Test func ordinaryMessagesAreUntouched() {
        let text = "the template's header, with a '\(String(repeating: "y", count: 100))' column"
        #expect(OMCError(.invalidInput, .verbatim(text)).message == text)
    }
}
