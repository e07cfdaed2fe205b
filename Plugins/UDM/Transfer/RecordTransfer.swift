import Foundation
import PluginAPI
import Spreadsheet

/// Export and import of one record kind: `POST /ne/udm/<resource>/export` streams the OMC's copy of an
/// NE as CSV or tab-separated text, page by page, or writes it as an xlsx workbook (up to Excel's
/// row limit; csv and txt have none, for million-row NEs); `POST /ne/udm/<resource>/import` reads an uploaded
/// file line by line (`RecordTransfer+Import.swift`).
struct RecordTransfer: Sendable {
    let schema: RecordSchema
    let runtime: UDMRuntime

    /// Rows read per database visit while exporting.
    static let exportPage = 5000

    func declare(_ plugin: inout PluginRegistrar) {
        let base = "/ne/udm/\(schema.resource)"
        plugin.route(.post, base + "/export", permission: .required("udm:\(schema.resource):export"), audit: .export,
                     summary: "Export \(schema.noun) of an NE as xlsx, csv or txt",
                     body: .json(.object(["neId": .string(maxLength: 32, description: "The UDM's NE id"),
                                          "type": .string(oneOf: ["xlsx", "csv", "txt"], rule: "must be xlsx, csv or txt")],
                                         required: ["neId", "type"], name: "RecordExport")),
                     answer: .file(mediaType: "application/octet-stream"), handler: export)
        declareImport(&plugin)
    }

    /// The body of an export request.
    struct ExportRequest: Decodable {
        let neId: String
        let type: String
    }

    @Sendable func export(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let body = try await request.decode(ExportRequest.self)
        guard !body.neId.isEmpty else { throw OMCError.invalid("neId", "is required") }
        let type = body.type.lowercased()
        guard type == "xlsx" || TextFormat(rawValue: type) != nil else { throw OMCError.invalid("type", "must be xlsx, csv or txt") }
        let reveal = schema.secretPositions.isEmpty ? false : try await request.permissions.holds(UDMPlugin.secretPermission)
        guard let format = TextFormat(rawValue: type) else {
            return try await context.operations.run("udm.\(schema.resource).export", title: "Export \(schema.noun) of UDM/\(body.neId) as xlsx",
                                                    for: request.caller, requestID: request.requestID) { tracker in
                try await exportWorkbook(neID: body.neId, reveal: reveal, context, tracker: tracker)
            }
        }
        let store = try runtime.store(schema)
        let schema = schema
        let neID = body.neId
        let stamp = Int(context.clock.now().timeIntervalSince1970)
        let fileName = "udm_\(schema.resource)_\(neID)_\(stamp).\(format.rawValue)"
        context.logger.info("export of UDM/\(neID) \(schema.noun) as \(format.rawValue)\(reveal ? " with secrets in clear" : "")")
        // The download is the answer, so the operation runs while it streams: its progress counts
        // the records sent, and a cancellation ends the download (nothing changes anywhere).
        let (caller, requestID) = (request.caller, request.requestID)
        return .stream(contentType: format.contentType, fileName: fileName) { writer in
            try await context.operations.run("udm.\(schema.resource).export", title: "Export \(schema.noun) of UDM/\(neID) as \(format.rawValue)",
                                             for: caller, requestID: requestID) { tracker in
                try await writer.write(Array(format.line(schema.names).utf8))
                var after = ""
                var done = 0
                while true {
                    try tracker.checkCancellation()
                    let from = after
                    let (text, last, count) = try await context.database.read { db -> (String, String?, Int) in
                        var text = ""
                        var last: String?
                        var count = 0
                        try db.forEachRow("SELECT \(store.selectColumns) FROM \(schema.table) WHERE ne_id = ? AND imsi > ? ORDER BY imsi LIMIT ?",
                                          [.text(neID), .text(from), .int(Self.exportPage)]) { row in
                            let record = try store.record(row, reveal: reveal)
                            text += format.line(record.values)
                            last = record.imsi
                            count += 1
                        }
                        return (text, last, count)
                    }
                    if !text.isEmpty { try await writer.write(Array(text.utf8)) }
                    done += count
                    tracker.progress(phase: "sending", done: done)
                    guard count == Self.exportPage, let last else { break }
                    after = last
                }
            }
        }
    }
}

extension RecordTransfer {
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The xlsx export: every field as text (IMSI, MSISDN and keys keep their leading zeros), written
    /// to the scratch folder row by row (flat memory) and then sent as a download.
    func exportWorkbook(neID: String, reveal: Bool, _ context: PluginContext, tracker: LongOperation) async throws -> OMCResponse {
        let schema = schema
        let store = try runtime.store(schema)
        let count = try await context.database.read { db in
            try db.first("SELECT COUNT(*) AS n FROM \(schema.table) WHERE ne_id = ?", [.text(neID)])?.int("n") ?? 0
        }
        guard count < XLSXWriter.maximumRows else {
            throw OMCError.invalid("type", "xlsx holds at most \(XLSXWriter.maximumRows - 1) records and UDM/\(neID) has \(count) \(schema.noun); export as csv or txt")
        }
        let stamp = Int(context.clock.now().timeIntervalSince1970)
        let path = (context.host.scratchDirectory as NSString).appendingPathComponent("udm-export-\(UUID().uuidString).xlsx")
        context.logger.info("export of UDM/\(neID) \(schema.noun) as xlsx\(reveal ? " with secrets in clear" : "")")
        do {
            let writer = try XLSXWriter(path: path, sheetName: schema.resource)
            try writer.appendRow(schema.names.map(SpreadsheetCell.text))
            var after = ""
            var done = 0
            tracker.progress(phase: "writing the workbook", done: 0, total: count)
            while true {
                try tracker.checkCancellation()
                let from = after
                let (page, last) = try await context.database.read { db -> ([[String]], String?) in
                    var rows: [[String]] = []
                    var last: String?
                    try db.forEachRow("SELECT \(store.selectColumns) FROM \(schema.table) WHERE ne_id = ? AND imsi > ? ORDER BY imsi LIMIT ?",
                                      [.text(neID), .text(from), .int(Self.exportPage)]) { row in
                        let record = try store.record(row, reveal: reveal)
                        rows.append(record.values)
                        last = record.imsi
                    }
                    return (rows, last)
                }
                for values in page { try writer.appendRow(values.map(SpreadsheetCell.text)) }
                done += page.count
                tracker.progress(done: done)
                guard page.count == Self.exportPage, let last else { break }
                after = last
            }
            try writer.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        return .download(path: path, fileName: "udm_\(schema.resource)_\(neID)_\(stamp).xlsx", contentType: Self.xlsxType)
    }
}

/// The two text formats of imports and exports.
enum TextFormat: String, Sendable {
    /// Comma-separated, RFC 4180 quoting.
    case csv
    /// Tab-separated.
    case txt

    var separator: UInt8 { self == .csv ? 0x2C : 0x09 }

    var contentType: String { self == .csv ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8" }

    /// One line of `fields`; CSV fields holding a comma or a quote are quoted.
    func line(_ fields: [String]) -> String {
        switch self {
        case .txt:
            return fields.joined(separator: "\t") + "\n"
        case .csv:
            return fields.map { field in
                field.contains(",") || field.contains("\"") ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",") + "\n"
        }
    }
}
