import Foundation
import Spreadsheet
import Testing

/// The reader tells formats by content and refuses anything that is not a workbook, precisely.
@Suite struct SpreadsheetReaderTests {
    @Test func readsALegacyXLSFile() throws {
        let url = try #require(Bundle.module.url(forResource: "legacy", withExtension: "xls", subdirectory: "Fixtures"))
        let reader = try SpreadsheetReader(path: url.path)
        #expect(reader.format == .xls)
        var rows: [(Int, [String])] = []
        try reader.forEachRow { rows.append(($0, $1)) }
        #expect(rows.map(\.0) == [1, 2, 3, 4])
        #expect(rows.map(\.1) == [
            ["imsi", "policy", "weight", "note"],
            ["460001234567890", "gold", "10", "Zürich 北京"],
            ["460001234567891", "", "2.5"],
            ["460001234567892", "silver", "", "last"],
        ])
    }

    @Test func detectsTheFormatFromContentNotName() throws {
        let url = try #require(Bundle.module.url(forResource: "legacy", withExtension: "xls", subdirectory: "Fixtures"))
        let renamed = Scratch.path("really-xls.xlsx")
        defer { Scratch.remove(renamed) }
        try FileManager.default.copyItem(atPath: url.path, toPath: renamed)
        #expect(try SpreadsheetReader(path: renamed).format == .xls)
    }

    @Test func refusesAnEmptyFile() throws {
        let path = try Scratch.write([], name: "empty.xlsx")
        defer { Scratch.remove(path) }
        let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetReader(path: path) }
        #expect(error?.kind == .unsupportedFormat)
        #expect(error?.message.contains("empty") == true)
    }

    @Test func refusesCSV() throws {
        let path = try Scratch.write(Array("imsi,policy\n460001234567890,gold\n".utf8), name: "users.xlsx")
        defer { Scratch.remove(path) }
        let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetReader(path: path) }
        #expect(error?.kind == .unsupportedFormat)
        #expect(error?.message.contains("CSV") == true)
    }

    @Test func refusesRandomBytes() throws {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[0] = 0x01
        let path = try Scratch.write(bytes, name: "random.xlsx")
        defer { Scratch.remove(path) }
        let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetReader(path: path) }
        #expect(error?.kind == .unsupportedFormat)
        #expect(error?.message.contains("starts with bytes 01") == true)
    }

    @Test func refusesACorruptZip() throws {
        let valid = Scratch.path("valid.xlsx")
        defer { Scratch.remove(valid) }
        let writer = try XLSXWriter(path: valid)
        try writer.appendRow([.text("a")])
        try writer.close()
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: valid)))
        let truncated = try Scratch.write(Array(bytes.prefix(bytes.count / 2)), name: "truncated.xlsx")
        defer { Scratch.remove(truncated) }
        let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetReader(path: truncated) }
        #expect(error?.kind == .corrupt)
    }

    @Test func refusesAZipThatIsNotAWorkbook() throws {
        // A ZIP holding one stored file "a.txt": local header, data, central directory, end record.
        let zip: [UInt8] = [
            0x50, 0x4B, 0x03, 0x04, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x43, 0xBE, 0xB7, 0xE8, 1, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0,
            0x61, 0x2E, 0x74, 0x78, 0x74, 0x61,
            0x50, 0x4B, 0x01, 0x02, 0x14, 0, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x43, 0xBE, 0xB7, 0xE8, 1, 0, 0, 0, 1, 0, 0, 0, 5, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x2E, 0x74, 0x78, 0x74,
            0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 1, 0, 1, 0, 0x33, 0, 0, 0, 0x24, 0, 0, 0, 0, 0,
        ]
        let path = try Scratch.write(zip, name: "other.zip")
        defer { Scratch.remove(path) }
        let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetReader(path: path) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message == "the ZIP archive is not an .xlsx workbook: it has no xl/workbook.xml")
    }

    @Test func refusesAMissingFile() {
        let error = #expect(throws: SpreadsheetError.self) { try SpreadsheetReader(path: "/nonexistent/omc/file.xlsx") }
        #expect(error?.kind == .io)
    }
}
