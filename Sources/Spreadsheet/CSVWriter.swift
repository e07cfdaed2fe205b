import Foundation

/// Writes a csv file row by row (RFC 4180: commas, CRLF line ends, a field holding a comma, a quote
/// or a line break quoted), buffered and written in 64 KiB blocks, so that memory stays flat.
///
/// Exports carry texts that NEs and users wrote, and a spreadsheet runs a cell that starts like a
/// formula: a text field starting with `=`, `+`, `-`, `@`, a tab or a carriage return, unless it is a
/// plain number, is written with a leading `'` (OWASP's defence against CSV injection).
///
/// Not thread-safe: one task writes a file.
public final class CSVWriter: RowWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private static let blockSize = 64 * 1024

    /// Starts a file at `path`, replacing any file there.
    public init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw SpreadsheetError(.io, "the file \((path as NSString).lastPathComponent) could not be created")
        }
        self.handle = handle
        buffer.reserveCapacity(Self.blockSize)
    }

    /// Appends one row of text fields.
    public func appendRow(_ fields: [String]) throws {
        buffer.append(contentsOf: Self.line(fields).utf8)
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Appends one row: numbers as written by Swift, empty cells as empty fields.
    public func appendRow(_ cells: [SpreadsheetCell]) throws {
        try appendRow(cells.map { cell in
            switch cell {
            case .text(let text): text
            case .integer(let value): String(value)
            case .number(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            case .empty: ""
            }
        })
    }

    /// Writes what is buffered and closes the file.
    public func close() throws {
        try flush()
        try handle.close()
    }

    /// One csv line of `fields`, CRLF included.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// `text` defused and quoted as needed.
    static func field(_ text: String) -> String {
        let safe = startsLikeAFormula(text) ? "'" + text : text
        return safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    private static func startsLikeAFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return false }
        return Double(text) == nil
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        do { try handle.write(contentsOf: buffer) } catch {
            throw SpreadsheetError(.io, "the file could not be written: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
