import Foundation
import Spreadsheet
import Testing

/// The csv half of the exports: RFC 4180 quoting, CRLF lines, numbers as written, and texts that a
/// spreadsheet would run as a formula defused, numbers excepted.
@Suite struct CSVWriterTests {
    @Test func quotesDefusesAndKeepsNumbers() throws {
        let path = Scratch.path("export.csv")
        defer { Scratch.remove(path) }
        let writer = try CSVWriter(path: path)
        try writer.appendRow(["imsi", "text", "value"])
        try writer.appendRow([.text("001010000000000"), .text("plain, with a comma"), .integer(-7)])
        try writer.appendRow([.text("=HYPERLINK(\"http://evil\")"), .text("line\nbreak"), .number(2.5)])
        try writer.appendRow([.text("-1.5"), .text("@SUM(A1)"), .empty])
        try writer.appendRow([.text("+cmd"), .text("\tTAB"), .number(90)])
        try writer.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == "imsi,text,value\r\n"
            + "001010000000000,\"plain, with a comma\",-7\r\n"
            + "\"'=HYPERLINK(\"\"http://evil\"\")\",\"line\nbreak\",2.5\r\n"
            + "-1.5,'@SUM(A1),\r\n"
            + "'+cmd,'\tTAB,90\r\n")
    }

    @Test func writesLargeFilesInBlocks() throws {
        let path = Scratch.path("export.csv")
        defer { Scratch.remove(path) }
        let writer = try makeRowWriter(format: "csv", path: path, sheetName: "ignored")
        for index in 0..<20_000 { try writer.appendRow([.integer(index), .text("row \(index)")]) }
        try writer.close()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.count == 20_000 && lines.last == "19999,row 19999")
    }
}
