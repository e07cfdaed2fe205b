import Testing
@testable import NESimulator

/// Loose parsing of MML command lines.
@Suite("MML parsing")
struct MMLInvocationTests {
    @Test("verb, object and NAME=value pairs, case-insensitive")
    func parse() throws {
        let command = try #require(MMLInvocation("  dsp  authdat : imsi = 460000100000030, Name=\"a b\";"))
        #expect(command.verb == "DSP")
        #expect(command.object == "AUTHDAT")
        #expect(command.key == "DSP AUTHDAT")
        #expect(command.parameters == ["IMSI": "460000100000030", "NAME": "a b"])
        #expect(try #require(MMLInvocation("date")).key == "DATE")
        #expect(try #require(MMLInvocation("LST NE")).parameters.isEmpty)
        #expect(try #require(MMLInvocation("DSP CFG:")).key == "DSP CFG")
    }

    @Test("blank and odd lines do not crash")
    func odd() {
        #expect(MMLInvocation("") == nil)
        #expect(MMLInvocation("   ;") == nil)
        #expect(MMLInvocation(":NAME=1") == nil)
        #expect(MMLInvocation("A B: =, ==, X") != nil)
    }
}
