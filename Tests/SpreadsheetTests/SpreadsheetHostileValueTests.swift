import Foundation
import Spreadsheet
import Testing

/// Whatever a stored value holds, XLSXWriter writes a valid workbook: text over Excel's cell limit,
/// control characters, characters XML forbids, numbers that are not finite.
@Suite struct SpreadsheetHostileValueTests {
    @Test func everyValueIsWrittenAndReadBack() throws {
        let path = Scratch.path("hostile.xlsx")
        defer { Scratch.remove(path) }
        let long = String(repeating: "A", count: 40_000)
        let wide = String(repeating: "北", count: 20_000) + String(repeating: "😀", count: 10_000)
        let controls = String(decoding: (0..<32).map { UInt8($0) }, as: UTF8.self) + "end"
        let forbidden = "a\u{FFFE}b\u{FFFF}c"
        let escapeLookalike = "_x0041_ and <tag> & \"quotes\""
        let writer = try XLSXWriter(path: path, sheetName: "hostile")
        try writer.appendRow([.text("value")])
        for value in [long, wide, controls, forbidden, escapeLookalike] { try writer.appendRow([.text(value)]) }
        try writer.appendRow([.number(.nan), .number(.infinity), .number(-.infinity)])
        try writer.close()

        var rows: [[String]] = []
        try SpreadsheetReader(path: path).forEachRow { _, cells in rows.append(cells) }
        #expect(rows.count == 7)
        guard rows.count == 7 else { return }
        for row in rows[1...5] { #expect((row.first?.utf16.count ?? .max) <= XLSXWriter.maximumCellLength) }
        #expect(rows[1][0].hasPrefix(String(repeating: "A", count: 32_000)))
        #expect(rows[1][0].hasSuffix("(cut: 40000 characters in all)"))
        #expect(rows[2][0].hasSuffix("(cut: 40000 characters in all)"), "20,000 BMP + 10,000 astral characters are 40,000 UTF-16 units")
        #expect(rows[3][0].hasPrefix("␀␁␂␃␄␅␆␇␈\t\n␋␌"))
        #expect(rows[3][0].hasSuffix("␎␏␐␑␒␓␔␕␖␗␘␙␚␛␜␝␞␟end"))
        #expect(rows[4][0] == "a\u{FFFD}b\u{FFFD}c")
        #expect(rows[6] == ["nan", "inf", "-inf"])
    }

    @Test func cellTextLeavesOrdinaryTextAlone() {
        #expect(XLSXWriter.cellText("Zürich 北京 ☎\ttab\nline") == "Zürich 北京 ☎\ttab\nline")
        #expect(XLSXWriter.cellText(String(repeating: "x", count: XLSXWriter.maximumCellLength)).count == XLSXWriter.maximumCellLength)
    }
}
