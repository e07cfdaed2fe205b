import Foundation
import OMCTestSupport
import Spreadsheet
import Testing

/// A workbook is a ZIP archive: the reader bounds what each part may inflate to, before and while
/// inflating, and keeps what it inflates in the scratch folder it is given.
@Suite struct DecompressionBombTests {
    private static let gibibyte = 1 << 30

    @Test(arguments: [WorkbookBomb.Part.sharedStrings, .sheet])
    func refusesAGibibytePartBeforeInflatingIt(part: WorkbookBomb.Part) throws {
        try withScratch { scratch, bomb in
            let size = try WorkbookBomb.write(to: bomb, exploding: part, to: 2 << 20, declaredBytes: UInt32(Self.gibibyte))
            #expect(size < 64 << 10, "the bomb is small on disk")
            let error = try readFails(bomb, scratch: scratch)
            #expect(error.kind == .tooLarge)
            #expect(error.message.contains("the part \(part.rawValue) is declared to inflate"))
        }
    }

    @Test(arguments: [WorkbookBomb.Part.sharedStrings, .sheet])
    func stopsALyingPartAtItsRatio(part: WorkbookBomb.Part) throws {
        try withScratch { scratch, bomb in
            try WorkbookBomb.write(to: bomb, exploding: part, to: 64 << 20, declaredBytes: 1_000)
            let error = try readFails(bomb, scratch: scratch)
            #expect(error.kind == .tooLarge)
            #expect(error.message.contains("inflates more than 100 times its compressed size"))
            #expect(error.message.contains("decompression bomb"))
        }
    }

    @Test func stopsALyingPartAtItsSizeWhateverTheRatio() throws {
        try withScratch { scratch, bomb in
            try WorkbookBomb.write(to: bomb, exploding: .sharedStrings, to: 8 << 20, declaredBytes: 1_000)
            var limits = SpreadsheetReader.Limits.standard
            limits.maximumSharedStringsBytes = 2 << 20
            limits.maximumCompressionRatio = 1_000_000
            let error = try readFails(bomb, scratch: scratch, limits: limits)
            #expect(error.kind == .tooLarge)
            #expect(error.message == "the part xl/sharedStrings.xml inflates to more than 2 MiB, the most this OMC reads for it; "
                + "the workbook is refused (split it into smaller files)")
        }
    }

    @Test func readsAnOrdinaryLargeWorkbookUnderTheStandardLimits() throws {
        try withScratch { scratch, path in
            let writer = try XLSXWriter(path: path)
            try writer.appendRow([.text("imsi"), .text("policy"), .text("weight")])
            for index in 0..<30_000 {
                try writer.appendRow([.text(String(460_001_000_000_000 + index)), .text("gold"), .integer(10)])
            }
            try writer.close()
            var rows = 0
            try SpreadsheetReader(path: path, scratchDirectory: scratch).forEachRow { _, _ in rows += 1 }
            #expect(rows == 30_001)
        }
    }

    @Test func refusesACellLongerThanExcelAllows() throws {
        try withScratch { scratch, bomb in
            var limits = SpreadsheetReader.Limits.standard
            limits.maximumCompressionRatio = 1_000_000
            try WorkbookBomb.write(to: bomb, exploding: .sharedStrings, to: 200_000)
            let error = try readFails(bomb, scratch: scratch, limits: limits)
            #expect(error.kind == .tooLarge)
            #expect(error.message.contains("longer than 32,767 characters"))
        }
    }

    @Test func malformedXMLIsReportedInTheOMCsWordsWithoutTheLibrarysText() throws {
        try withScratch { scratch, bomb in
            // The tail is cut off: the sheet's XML ends inside an element.
            try WorkbookBomb.write(to: bomb, exploding: .sheet, to: 10_007)
            let error = try readFails(bomb, scratch: scratch)
            #expect(error.kind == .corrupt)
            #expect(error.message.hasPrefix("the part xl/worksheets/sheet1.xml is not well-formed XML (line 1, column"))
            #expect(!error.message.contains("NSXMLParser"))
            #expect(!error.message.contains("Domain"))
        }
    }

    /// The reader's error for `path`, after checking that nothing was left in `scratch`.
    private func readFails(_ path: String, scratch: String, limits: SpreadsheetReader.Limits = .standard) throws -> SpreadsheetError {
        let error = #expect(throws: SpreadsheetError.self) {
            try SpreadsheetReader(path: path, limits: limits, scratchDirectory: scratch).forEachRow { _, _ in }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch).isEmpty, "no inflated part is left behind")
        return try #require(error)
    }

    private func withScratch(_ body: (_ scratch: String, _ file: String) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-bomb-\(UUID().uuidString)")
        let scratch = folder.appendingPathComponent("scratch")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try body(scratch.path, folder.appendingPathComponent("upload.xlsx").path)
    }
}
