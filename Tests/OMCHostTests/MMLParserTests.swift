import OMCHost
import PluginAPI
import Testing

@Suite struct MMLParserTests {
    @Test func parsesTheDocumentsExample() throws {
        let command = try MMLParser.parse("dsp authdat:imsi=460000100000030")
        #expect(command.verb == "DSP")
        #expect(command.object == "AUTHDAT")
        #expect(command.arguments == [MMLCommand.Argument(name: "IMSI", value: "460000100000030")])
        #expect(command.name == "DSP AUTHDAT")
    }

    @Test func parsesHuaweiStyleWithQuotesSpacesAndSemicolon() throws {
        let command = try MMLParser.parse(#"  ADD SUB : IMSI = 460000100000031 ,MSISDN=8613800000001, NAME="Li, \"Lei\"; x" ;  "#)
        #expect(command.name == "ADD SUB")
        #expect(command.value("imsi") == "460000100000031")
        #expect(command.value("MSISDN") == "8613800000001")
        #expect(command.value("NAME") == #"Li, "Lei"; x"#)
    }

    @Test(arguments: ["date", "DATE;", " Date ", "LST CMD", "lst cmd;", "LST CMD:", "LST CMD:;"])
    func parsesBareCommands(_ line: String) throws {
        let command = try MMLParser.parse(line)
        #expect(command.arguments.isEmpty)
        #expect(["DATE", "LST CMD"].contains(command.name))
    }

    @Test func keepsUnicodeInValues() throws {
        let command = try MMLParser.parse(#"MOD SUB: IMSI=460000100000030, NAME="李雷 ✓""#)
        #expect(command.value("NAME") == "李雷 ✓")
    }

    @Test(arguments: [
        ("", 1, "empty command"),
        ("   ", 4, "empty command"),
        ("DSP AUTHDAT IMSI=1", 13, "expected ':' or ';' after DSP AUTHDAT"),
        ("DSP AUTHDAT: IMSI", 18, "expected '=' after IMSI"),
        ("DSP AUTHDAT: IMSI=", 19, "expected a value after IMSI="),
        ("DSP AUTHDAT: IMSI=1 X=2", 21, "expected ',' or ';' after the value of IMSI"),
        ("DSP AUTHDAT: IMSI=1,", 21, "expected a parameter name after ','"),
        (#"DSP AUTHDAT: NAME="abc"#, 19, "unterminated quoted value"),
        ("DSP AUTHDAT: IMSI=1, IMSI=2", 22, "parameter IMSI is given twice"),
        ("DSP AUTHDAT: 1MSI=1", 14, "expected a parameter name"),
        ("DSP AUTHDAT; extra", 14, "unexpected text after ';'"),
        ("9SP", 1, "expected a command verb"),
        ("DSP AUTHDAT: IMSI=a\"b", 20, "unexpected '\"' in the value of IMSI; quote the value"),
        ("DSP\u{1}AUTHDAT", 4, "control character U+01 is not allowed"),
        ("DSP AUTHDAT: NAME=\"a\u{7F}\"", 21, "control character U+7F is not allowed"),
        ("李 AUTHDAT", 1, "expected a command verb"),
        ("DSP AUTHDAT: 名=1", 14, "expected a parameter name"),
    ])
    func reportsTheColumnOfSyntaxErrors(_ line: String, _ column: Int, _ problem: String) {
        #expect(throws: MMLSyntaxError(column: column, problem: .verbatim(problem))) { try MMLParser.parse(line) }
    }

    @Test func refusesCommandsOverTheLimitWithoutCrashing() {
        let huge = "DSP AUTHDAT: NAME=\"" + String(repeating: "x", count: 1_048_576) + "\""
        #expect(throws: MMLSyntaxError.self) { try MMLParser.parse(huge) }
        let unterminated = "DSP AUTHDAT: NAME=\"" + String(repeating: "y", count: MMLParser.maximumLength - 30)
        #expect(throws: MMLSyntaxError(column: 19, problem: "unterminated quoted value")) { try MMLParser.parse(unterminated) }
    }

    @Test func acceptsACommandAtTheLimit() throws {
        let prefix = "DSP AUTHDAT: NAME=\""
        let line = prefix + String(repeating: "z", count: MMLParser.maximumLength - prefix.utf8.count - 1) + "\""
        #expect(line.utf8.count == MMLParser.maximumLength)
        #expect(try MMLParser.parse(line).value("NAME")?.count == MMLParser.maximumLength - prefix.utf8.count - 1)
    }

    @Test func survivesRandomInput() {
        var generator = SeededGenerator(seed: 20261123)
        let alphabet = Array("DSPADDSUB:=,;\" \\\t\n\r\u{0}\u{1}aZ09_李✓".unicodeScalars)
        var parsed = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...40, using: &generator)
            var line = String.UnicodeScalarView()
            for _ in 0..<length { line.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)]) }
            if (try? MMLParser.parse(String(line))) != nil { parsed += 1 }
        }
        #expect(parsed > 0)
    }
}

/// A reproducible random generator (SplitMix64) for fuzz-style tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
