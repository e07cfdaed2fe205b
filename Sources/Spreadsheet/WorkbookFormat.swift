import Foundation

/// Tells a workbook's format from its first bytes.
enum WorkbookFormat {
    private static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    private static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func detect(path: String) throws -> SpreadsheetReader.Format {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SpreadsheetError(.io, "the file could not be opened")
        }
        defer { try? handle.close() }
        let head: [UInt8]
        do { head = Array(try handle.read(upToCount: 512) ?? Data()) } catch {
            throw SpreadsheetError(.io, "the file could not be read: \(error.localizedDescription)")
        }
        if head.isEmpty {
            throw SpreadsheetError(.unsupportedFormat, "the file is empty (0 bytes); expected an .xlsx or .xls workbook")
        }
        if head.starts(with: zipSignature) { return .xlsx }
        if head.starts(with: oleSignature) { return .xls }
        if looksLikeText(head) {
            throw SpreadsheetError(.unsupportedFormat, "the file is plain text (CSV?), not an .xlsx or .xls workbook")
        }
        let prefix = head.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " ")
        throw SpreadsheetError(.unsupportedFormat, "the file is not an .xlsx or .xls workbook (it starts with bytes \(prefix))")
    }

    /// UTF-8 (a character may be cut at the end of the sample) without control bytes other than
    /// tab, CR and LF.
    private static func looksLikeText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D || $0 == 0x7F }) else { return false }
        for cut in 0...min(3, bytes.count - 1) where String(validating: bytes.dropLast(cut), as: UTF8.self) != nil {
            return true
        }
        return false
    }
}
