import Foundation
import PluginAPI

/// Export and import of one record kind: `POST /ne/udm/<resource>/export` streams the OMC's copy of an
/// NE as CSV or tab-separated text, page by page; `POST /ne/udm/<resource>/import` reads an uploaded
/// file line by line (`RecordTransfer+Import.swift`).
struct RecordTransfer: Sendable {
    let schema: RecordSchema
    let runtime: UDMRuntime

    /// Rows read per database visit while exporting.
    static let exportPage = 5000

    func declare(_ plugin: inout PluginRegistrar) {
        let base = "/ne/udm/\(schema.resource)"
        plugin.route(.post, base + "/export", permission: .required("udm:\(schema.resource):export"), audit: .export,
                     summary: "Export \(schema.noun) of an NE as csv or txt", handler: export)
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
        guard let format = TextFormat(rawValue: body.type.lowercased()) else { throw OMCError.invalid("type", "must be csv or txt") }
        let reveal = schema.secretPositions.isEmpty ? false : try await request.permissions.holds(UDMPlugin.secretPermission)
        let store = try runtime.store(schema)
        let schema = schema
        let neID = body.neId
        let stamp = Int(context.clock.now().timeIntervalSince1970)
        let fileName = "udm_\(schema.resource)_\(neID)_\(stamp).\(format.rawValue)"
        context.logger.info("export of UDM/\(neID) \(schema.noun) as \(format.rawValue)\(reveal ? " with secrets in clear" : "")")
        return .stream(contentType: format.contentType, fileName: fileName) { writer in
            try await writer.write(Array(format.line(schema.names).utf8))
            var after = ""
            while true {
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
                guard count == Self.exportPage, let last else { break }
                after = last
            }
        }
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
