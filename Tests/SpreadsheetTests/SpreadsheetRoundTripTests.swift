import Foundation
import Spreadsheet
import Testing

/// What XLSXWriter writes, SpreadsheetReader reads back identically.
@Suite struct SpreadsheetRoundTripTests {
    @Test func tenThousandRowsComeBackIdentical() throws {
        let path = Scratch.path("round-trip.xlsx")
        defer { Scratch.remove(path) }
        let writer = try XLSXWriter(path: path, sheetName: "UE policies")
        try writer.appendRow([.text("imsi"), .text("name"), .text("weight"), .text("ratio"), .text("note")])
        var expected: [[String]] = [["imsi", "name", "weight", "ratio", "note"]]
        for index in 0..<10_000 {
            let imsi = 460_001_000_000_000 + index
            let name = index % 7 == 0 ? "Zürich 北京 ☎ \(index)" : "policy-\(index)"
            let note: SpreadsheetCell = index % 3 == 0 ? .empty : .text("n\(index) <&> \"q\"")
            let cells: [SpreadsheetCell] = [.integer(imsi), .text(name), index % 5 == 0 ? .empty : .integer(index), .number(Double(index) / 4), note]
            try writer.appendRow(cells)
            var row = ["\(imsi)", name, index % 5 == 0 ? "" : "\(index)", Self.text(Double(index) / 4), index % 3 == 0 ? "" : "n\(index) <&> \"q\""]
            while row.last == "" { row.removeLast() }
            expected.append(row)
        }
        try writer.close()

        var read: [[String]] = []
        var numbers: [Int] = []
        let reader = try SpreadsheetReader(path: path)
        #expect(reader.format == .xlsx)
        try reader.forEachRow { number, cells in
            numbers.append(number)
            read.append(cells)
        }
        #expect(read.count == expected.count)
        #expect(read == expected)
        #expect(numbers == Array(1...10_001))
    }

    @Test func aHeaderOnlyFileHasOneRow() throws {
        let path = Scratch.path("header.xlsx")
        defer { Scratch.remove(path) }
        let writer = try XLSXWriter(path: path)
        try writer.appendRow([.text("imsi"), .empty, .text("policy")])
        try writer.close()
        var rows: [(Int, [String])] = []
        try SpreadsheetReader(path: path).forEachRow { rows.append(($0, $1)) }
        #expect(rows.count == 1)
        #expect(rows.first?.0 == 1)
        #expect(rows.first?.1 == ["imsi", "", "policy"])
    }

    @Test func anErrorThrownByTheCallerStopsReading() throws {
        struct Stop: Error {}
        let path = Scratch.path("stop.xlsx")
        defer { Scratch.remove(path) }
        let writer = try XLSXWriter(path: path)
        for index in 0..<100 { try writer.appendRow([.integer(index)]) }
        try writer.close()
        var seen = 0
        #expect(throws: Stop.self) {
            try SpreadsheetReader(path: path).forEachRow { number, _ in
                seen += 1
                if number == 10 { throw Stop() }
            }
        }
        #expect(seen == 10)
    }

    @Test func badSheetNamesAreRefused() throws {
        let path = Scratch.path("bad.xlsx")
        defer { Scratch.remove(path) }
        #expect(throws: SpreadsheetError.self) { _ = try XLSXWriter(path: path, sheetName: "a/b") }
        // Overlong text is cut, not refused: SpreadsheetHostileValueTests.
        let writer = try XLSXWriter(path: path)
        try writer.close()
        #expect(throws: SpreadsheetError.self) { try writer.close() }
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : "\(value)"
    }
}

/// Temporary files of the tests.
enum Scratch {
    static func path(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("omc-sheet-test-\(UUID().uuidString)-\(name)").path
    }

    static func write(_ bytes: [UInt8], name: String) throws -> String {
        let path = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
