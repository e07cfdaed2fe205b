import Foundation
import Spreadsheet

/// Where an export writes its rows.
protocol PolicyRowSink {
    func append(header: [String]) throws
    func append(_ policy: UEPolicy) throws
    func close() throws
}

/// An xlsx export: IMSI and MSISDN as text (leading zeros survive), rfsp as a number.
final class XLSXPolicySink: PolicyRowSink {
    private let writer: XLSXWriter

    init(path: String) throws {
        writer = try XLSXWriter(path: path, sheetName: "ueInfo")
    }

    func append(header: [String]) throws { try writer.appendRow(header.map(SpreadsheetCell.text)) }

    func append(_ policy: UEPolicy) throws {
        try writer.appendRow(policy.values.enumerated().map { index, value in index == 2 ? .integer(policy.rfsp) : .text(value) })
    }

    func close() throws { try writer.close() }
}

/// A csv export (RFC 4180: fields holding a comma, a quote or a line break are quoted), buffered
/// and written in 64 KiB blocks.
final class CSVPolicySink: PolicyRowSink {
    private let handle: FileHandle
    private var buffer = Data()

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown)
        }
        self.handle = handle
    }

    func append(header: [String]) throws { try write(header) }

    func append(_ policy: UEPolicy) throws { try write(policy.values) }

    func close() throws {
        try handle.write(contentsOf: buffer)
        try handle.close()
    }

    private func write(_ fields: [String]) throws {
        let line = fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",") + "\r\n"
        buffer.append(contentsOf: line.utf8)
        if buffer.count >= 64 * 1024 {
            try handle.write(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
