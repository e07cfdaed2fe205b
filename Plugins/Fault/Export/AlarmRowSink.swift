import Foundation
import Spreadsheet

/// Where an alarm export writes its rows: an xlsx workbook or csv text.
protocol AlarmRowSink {
    func append(_ cells: [String]) throws
    func close() throws
}

/// An xlsx export, every cell as text.
final class XLSXAlarmSink: AlarmRowSink {
    private let writer: XLSXWriter

    init(path: String) throws {
        writer = try XLSXWriter(path: path, sheetName: "alarms")
    }

    func append(_ cells: [String]) throws { try writer.appendRow(cells.map(SpreadsheetCell.text)) }

    func close() throws { try writer.close() }
}

/// A csv export (RFC 4180 quoting), buffered in 64 KiB blocks. Alarm texts come from NEs: a field
/// a spreadsheet would read as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.
final class CSVAlarmSink: AlarmRowSink {
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        self.handle = handle
    }

    func append(_ cells: [String]) throws {
        let line = cells.map { cell -> String in
            let safe = cell.first.map { "=+-@".contains($0) } == true ? "'" + cell : cell
            return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
        }.joined(separator: ",") + "\r\n"
        buffer.append(contentsOf: line.utf8)
        if buffer.count >= 64 * 1024 {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    func close() throws {
        try handle.write(contentsOf: buffer)
        try handle.close()
    }
}
