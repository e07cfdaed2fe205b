import Foundation
import Testing
import NESimulator

/// The start-up lines other processes parse.
@Suite("Start-up lines")
struct StartupLineTests {
    @Test("printed and parsed the same way")
    func roundTrip() throws {
        let url = try #require(URL(string: "http://127.0.0.1:40411"))
        let lines: [StartupLine] = [.ne(type: "UDM", id: "001", url: url), .control(url: url), .ready]
        #expect(lines.map(\.description) == ["NE UDM/001 http://127.0.0.1:40411", "control http://127.0.0.1:40411", "ready"])
        #expect(lines.map(\.description).compactMap(StartupLine.init(parsing:)) == lines)
        #expect(StartupLine(parsing: "NE UDM http://x") == nil)
        #expect(StartupLine(parsing: "hello") == nil)
    }
}
