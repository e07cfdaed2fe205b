import Foundation
import OMCTestSupport
import Spreadsheet

/// The files the fuzz run uploads, whole or mutated: a UDM and a PCF workbook, csv, a legacy .xls,
/// an avatar image's start, and a decompression bomb.
struct UploadSeeds {
    private let files: [(name: String, content: [UInt8])]

    init(in folder: String) throws {
        let xlsx = (folder as NSString).appendingPathComponent("fuzz-seed-\(UUID().uuidString).xlsx")
        let bomb = (folder as NSString).appendingPathComponent("fuzz-bomb-\(UUID().uuidString).xlsx")
        defer {
            try? FileManager.default.removeItem(atPath: xlsx)
            try? FileManager.default.removeItem(atPath: bomb)
        }
        let writer = try XLSXWriter(path: xlsx)
        try writer.appendRow([.text("imsi"), .text("msisdn"), .text("User name"), .text("rfsp"), .text("ki")])
        for index in 0..<20 {
            try writer.appendRow([.text(String(460_001_000_000_000 + index)), .integer(8_613_800_000_000 + index), .text("user\(index)"),
                                  .integer(index % 3), .text("000102030405060708090A0B0C0D0E0F")])
        }
        try writer.close()
        try WorkbookBomb.write(to: bomb, exploding: .sharedStrings, to: 64 << 20, declaredBytes: 4_096)
        let legacy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/SpreadsheetTests/Fixtures/legacy.xls")
        files = [
            ("subscribers.xlsx", Array(try Data(contentsOf: URL(fileURLWithPath: xlsx)))),
            ("bomb.xlsx", Array(try Data(contentsOf: URL(fileURLWithPath: bomb)))),
            ("legacy.xls", Array(try Data(contentsOf: legacy))),
            ("subscribers.csv", Array("imsi,msisdn,rfsp,pccRules\n460001000000001,8613800000001,1,internet\n460001000000002,8613800000002,2,\"a|b\"\n".utf8)),
            ("avatar.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
            ("upload.txt", Array("DSP AUTHDAT:IMSI=460000100000030;\n".utf8)),
        ]
    }

    /// A seed file, chosen by `generator`.
    func pick(_ generator: inout FuzzInputs) -> (name: String, content: [UInt8]) {
        generator.pick(files)
    }
}
