import Foundation
import PluginAPI

/// The checking pass of an import: reads the uploaded file line by line, checks every record with
/// the schema's rules and against the other lines, and writes the good records to a batch file
/// (``TabularText``). Memory holds one line plus an IMSI index of the file (about 24 bytes a line).
struct ImportCheck: Sendable {
    /// The batch file written.
    let path: String
    /// Records in it.
    let count: Int
    /// The uploaded file's line number of each record, for messages.
    let sourceLines: [Int32]
    /// The lowest and highest IMSI of the file.
    let imsiRange: ClosedRange<UInt64>

    /// Checks `upload` and writes `path`; a file with any bad line throws, naming up to `maxErrors`
    /// of them with their reasons. `progress` is called every 10,000 lines.
    static func run(upload: String, into path: String, schema: RecordSchema, maxErrors: Int,
                    progress: (Int) -> Void) throws -> ImportCheck {
        try sniff(upload)
        var columns: [Int] = []
        var separator: UInt8 = 0x2C
        var problems: [LocalizedMessage] = []
        var failing = 0
        var seen: [UInt64: Int32] = [:]
        var lowest = UInt64.max
        var highest = UInt64.min
        var sourceLines: [Int32] = []
        let writer = try LineWriter(path: path)
        try writer.write(TabularText.header(schema))
        var lines = 0
        try LineReader(path: upload).forEachLine { bytes, number in
            lines = number
            if number % 10_000 == 0 { progress(number) }
            var line = bytes
            if number == 1, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
            if line.contains(0) {
                throw OMCError.invalid("file", "is not a text file: line \(number) holds binary data; nothing was imported")
            }
            guard let text = String(validating: line, as: UTF8.self) else {
                if number == 1 { throw OMCError.invalid("file", "line 1, the header, is not UTF-8 text (save the file as UTF-8)") }
                failing += 1
                if problems.count < maxErrors { problems.append("line \(number): not UTF-8 text (save the file as UTF-8)") }
                return true
            }
            if number == 1 {
                separator = line.contains(0x09) ? 0x09 : 0x2C
                columns = try header(text, separator: separator, schema: schema)
                return true
            }
            if text.allSatisfy(\.isWhitespace) { return true }
            do {
                let fields = try CSVLine.fields(Array(line), separator: separator)
                guard fields.count == columns.count else {
                    throw OMCError(.invalidInput, "\(fields.count) fields, the header names \(columns.count)")
                }
                var given: [String: String] = [:]
                for (index, position) in columns.enumerated() { given[schema.fields[position].name] = fields[index] }
                let record = try schema.record(given)
                if let imsi = UInt64(record.imsi) {
                    if let first = seen.updateValue(Int32(number), forKey: imsi) {
                        seen[imsi] = first
                        throw OMCError(.invalidInput, "IMSI \(record.imsi) appears again (first on line \(first))")
                    }
                    lowest = min(lowest, imsi)
                    highest = max(highest, imsi)
                }
                try writer.write(TabularText.line(record))
                sourceLines.append(Int32(number))
            } catch let error as OMCError {
                failing += 1
                if problems.count < maxErrors { problems.append("line \(number): \(error.localized)") }
            }
            return true
        }
        try writer.close()
        if columns.isEmpty { throw OMCError.invalid("file", "has no header line naming the columns") }
        if failing > 0 {
            let listed = problems.joined(separator: "; ")
            throw OMCError(.invalidInput, failing > problems.count
                ? "import refused, nothing changed: \(failing) of \(lines - 1) lines failed: \(listed); \(failing - problems.count) more not listed"
                : "import refused, nothing changed: \(failing) of \(lines - 1) lines failed: \(listed)")
        }
        if sourceLines.isEmpty { throw OMCError.invalid("file", "holds no record below its header") }
        return ImportCheck(path: path, count: sourceLines.count, sourceLines: sourceLines, imsiRange: lowest...highest)
    }

    /// Refuses a file whose first 4 KiB hold a NUL byte: an image, a spreadsheet or an archive
    /// rather than text.
    static func sniff(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OMCError(.internal, "the upload \(path) cannot be read") }
        defer { try? handle.close() }
        if let head = try handle.read(upToCount: 4096), head.contains(0) {
            throw OMCError.invalid("file", "is not a text file (it holds binary data): upload csv or tab-separated txt")
        }
    }

    /// The positions in `schema` of the header's columns; unknown, repeated or missing required
    /// columns are refused.
    static func header(_ text: String, separator: UInt8, schema: RecordSchema) throws(OMCError) -> [Int] {
        let names = text.split(separator: Character(UnicodeScalar(separator)), omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var positions: [Int] = []
        for (index, name) in names.enumerated() {
            guard let position = schema.fields.firstIndex(where: { $0.name.lowercased() == name }) else {
                // A file without a header has a record on line 1: its values (a Ki) must not be echoed.
                let looksLikeName = name.count <= 24 && name.first?.isLetter == true && name.allSatisfy { $0.isLetter || $0 == "_" }
                throw OMCError.invalid("file", "line 1: column \(looksLikeName ? "'\(name)'" : "\(index + 1)") is not a \(schema.noun) field "
                                       + "(is the header line missing?); the fields are \(schema.names.joined(separator: ", "))")
            }
            if positions.contains(position) { throw OMCError.invalid("file", "line 1: column '\(name)' appears twice") }
            positions.append(position)
        }
        if let missing = schema.fields.first(where: { field in field.required && !positions.contains { schema.fields[$0] == field } }) {
            throw OMCError.invalid("file", "line 1: the required column '\(missing.name)' is missing")
        }
        return positions
    }

    /// IMSIs of the batch file the OMC's copy of `neID` already has, with their source lines. When
    /// the copy has nothing between the file's lowest and highest IMSI, one query says so.
    func clashes(with store: RecordStore, neID: String, limit: Int, in db: any DatabaseConnection) throws -> [(imsi: String, line: Int)] {
        guard try store.hasAny(neID: neID, from: RecordSchema.imsiText(imsiRange.lowerBound), through: RecordSchema.imsiText(imsiRange.upperBound), in: db) else {
            return []
        }
        var found: [(imsi: String, line: Int)] = []
        try LineReader(path: path).forEachLine { line, number in
            guard number > 1 else { return true }
            let imsi = String(decoding: line.prefix { $0 != 0x09 }, as: UTF8.self)
            if try db.first("SELECT 1 AS found FROM \(store.schema.table) WHERE ne_id = ? AND imsi = ?", [.text(neID), .text(imsi)]) != nil {
                found.append((imsi, Int(sourceLines[number - 2])))
            }
            return found.count < limit
        }
        return found
    }
}
