import CSV
import Foundation
import PluginAPI
import Spreadsheet

/// Import and export of a PCF's UE policies as xlsx (also .xls on import) or csv, with the columns
/// of ``UEPolicy/fieldNames``. Imports are all or nothing: every row is checked first, and a file
/// with broken rows changes nothing and lists them; exports are written row by row to a file in the
/// host's scratch folder and streamed from there.
struct UEPolicyTransfer: Sendable {
    let settings: PCFSettings
    let changes: ChangeJournal

    /// Rows read per database visit while exporting.
    static let exportPage = 5000
    static let xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    func declare(_ plugin: inout PluginRegistrar) {
        let base = UEInfoRoutes.base
        plugin.route(.post, base + "/import", permission: "pcf:ueInfo:import", audit: .import,
                     summary: "Import PCF UE policies from xlsx, xls or csv (field 'file')", bodyLimit: settings.importMaxBytes,
                     query: [.string("neId", maxLength: 32, description: "The PCF's NE id (or the form field neId)")],
                     body: .multipart(files: ["file"], fields: [.string("neId", maxLength: 32)]),
                     answer: .data(.object(["imported": .integer()])), handler: importFile)
        plugin.route(.get, base + "/export", permission: "pcf:ueInfo:export", audit: .export,
                     summary: "Export the PCF UE policies of an NE as xlsx or csv",
                     query: [.string("neId", required: true, maxLength: 32), .string("type", oneOf: ["xlsx", "csv"], rule: "must be xlsx or csv")],
                     answer: .file(mediaType: "application/octet-stream"), handler: export)
    }

    @Sendable func importFile(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let form = try await request.multipartForm()
        let neID = try UEInfoRoutes.neID(request.query["neId"] ?? form.fields["neId"])
        guard let upload = form.file("file") else { throw OMCError.invalid("file", "is required: send the xlsx, xls or csv file in form field 'file'") }
        guard upload.size > 0 else { throw OMCError.invalid("file", "\(upload.fileName) is empty") }
        let policies = try readPolicies(upload)
        let service = UEPolicyService(settings: settings, changes: changes, context: context, by: ChangeJournal.Operator(request))
        // A long operation once the file is read and checked (a bad file is refused at once):
        // `Prefer: respond-async` answers 202 with the operation; otherwise the document's answer.
        return try await context.operations.respond(to: request, kind: "pcf.ueInfo.import",
                                                    title: "Import \(policies.count) UE policies from \(upload.fileName) on PCF/\(neID)",
                                                    total: policies.count) { tracker in
            try await service.reporting(to: tracker).importPolicies(policies, neID: neID)
            context.logger.info("imported \(policies.count) UE policies into PCF/\(neID)")
            return ["imported": .number(Double(policies.count))]
        }
    }

    /// Every row of the file as a policy; broken rows, repeated IMSIs or MSISDNs refuse the whole file.
    func readPolicies(_ upload: UploadedFile) throws -> [UEPolicy] {
        var table: PolicyTable?
        var policies: [UEPolicy] = []
        var problems: [LocalizedMessage] = []
        var problemCount = 0
        var rowOfIMSI: [String: Int] = [:]
        var rowOfMSISDN: [String: Int] = [:]
        let limit = settings.batchMaxRecords
        func complain(_ text: LocalizedMessage) {
            problemCount += 1
            if problems.count < settings.importMaxErrors { problems.append(text) }
        }
        try Self.forEachRow(upload) { row, cells in
            guard cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return }
            guard let columns = table else {
                table = try PolicyTable(header: cells)
                return
            }
            do {
                let policy = try columns.policy(cells)
                if let first = rowOfIMSI.updateValue(row, forKey: policy.imsi) {
                    complain("row \(row): imsi: \(policy.imsi) is already on row \(first)")
                } else if let first = rowOfMSISDN.updateValue(row, forKey: policy.msisdn) {
                    complain("row \(row): msisdn: \(policy.msisdn) is already on row \(first)")
                } else if policies.count == limit {
                    throw OMCError.invalid("file", "holds more than \(limit) UE policies; split it (batchMaxRecords)")
                } else {
                    policies.append(policy)
                }
            } catch let error as OMCError where error.kind == .invalidInput && !error.message.hasPrefix("file:") {
                complain("row \(row): \(error.localized)")
            }
        }
        guard table != nil else { throw OMCError.invalid("file", "\(upload.fileName) has no header row") }
        if problemCount > 0 {
            let listed = problems.joined(separator: "; ")
            throw OMCError.invalid("file", problemCount > problems.count
                ? "\(problemCount) row(s) refused, nothing was imported: \(listed); and \(problemCount - problems.count) more"
                : "\(problemCount) row(s) refused, nothing was imported: \(listed)")
        }
        guard !policies.isEmpty else { throw OMCError.invalid("file", "\(upload.fileName) has a header row but no UE policy") }
        return policies
    }

    /// Rows of an xlsx/xls (told by content) or csv file, 1-based.
    static func forEachRow(_ upload: UploadedFile, _ body: (Int, [String]) throws -> Void) throws {
        if try isWorkbook(upload.path) {
            let reader: SpreadsheetReader
            do { reader = try SpreadsheetReader(path: upload.path) } catch let error as SpreadsheetError {
                throw OMCError.invalid("file", "\(upload.fileName): \(error.message)")
            }
            do { try reader.forEachRow(body) } catch let error as SpreadsheetError {
                throw OMCError.invalid("file", "\(upload.fileName): \(error.message)")
            }
            return
        }
        guard let stream = InputStream(fileAtPath: upload.path) else { throw OMCError(.internal, "the uploaded file could not be opened") }
        let reader: CSVReader
        do { reader = try CSVReader(stream: stream, hasHeaderRow: false) } catch {
            throw OMCError.invalid("file", "\(upload.fileName) is neither an xlsx/xls workbook nor readable csv text")
        }
        var row = 0
        while let cells = reader.next() {
            row += 1
            try body(row, cells)
        }
        switch reader.error {
        case nil, CSVError.cannotReadFile?:
            break  // CSV.swift reports the end of the stream as `cannotReadFile`
        case CSVError.unicodeDecoding?:
            throw OMCError.invalid("file", "\(upload.fileName): row \(row + 1) is not UTF-8 text; save the csv as UTF-8, or send an xlsx")
        case let error?:
            throw OMCError.invalid("file", "\(upload.fileName) could not be read as csv after row \(row): \(error)")
        }
    }

    /// ZIP (xlsx) or OLE2 (xls) signature.
    static func isWorkbook(_ path: String) throws -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw OMCError(.internal, "the uploaded file could not be opened") }
        defer { try? handle.close() }
        let head = Array(try handle.read(upToCount: 4) ?? Data())
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0xD0, 0xCF, 0x11, 0xE0]
    }

    @Sendable func export(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let neID = try UEInfoRoutes.neID(request)
        let type = (request.query["type"] ?? "xlsx").lowercased()
        guard ["xlsx", "csv"].contains(type) else { throw OMCError.invalid("type", "must be xlsx or csv") }
        _ = try await PCFClient.resolve(neID, context, settings: settings)
        return try await context.operations.run("pcf.ueInfo.export", title: "Export the UE policies of PCF/\(neID) as \(type)",
                                                for: request.caller, requestID: request.requestID) { tracker in
            try await export(neID: neID, type: type, context, tracker: tracker)
        }
    }

    /// Writes the export file, reporting the policies written to `tracker`, which may cancel it.
    private func export(neID: String, type: String, _ context: PluginContext, tracker: LongOperation) async throws -> OMCResponse {
        let path = (context.host.scratchDirectory as NSString).appendingPathComponent("pcf-export-\(UUID().uuidString).\(type)")
        let sink = try makeRowWriter(format: type, path: path, sheetName: "ueInfo")
        do {
            try sink.appendRow(UEPolicy.fieldNames.map(SpreadsheetCell.text))
            var after = ""
            var done = 0
            while true {
                try tracker.checkCancellation()
                let from = after
                let page = try await context.database.read { db in
                    try db.query("SELECT \(UEPolicyStore.columns) FROM pcf_ue_policy WHERE ne_id = ? AND imsi > ? ORDER BY imsi LIMIT ?",
                                 [.text(neID), .text(from), .int(Self.exportPage)]).compactMap(UEPolicyStore.policy)
                }
                for policy in page { try sink.appendRow(policy.cells) }
                done += page.count
                tracker.progress(phase: "writing", done: done)
                guard page.count == Self.exportPage, let last = page.last else { break }
                after = last.imsi
            }
            try sink.close()
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
        let fileName = "pcf_ueInfo_\(neID)_\(DocumentTime.formatCompact(context.clock.now())).\(type)"
        return .download(path: path, fileName: fileName, contentType: type == "xlsx" ? Self.xlsxType : "text/csv;charset=UTF-8")
    }
}

extension UEPolicy {
    /// The export row: IMSI and MSISDN as text (leading zeros survive), rfsp as a number.
    var cells: [SpreadsheetCell] {
        values.enumerated().map { index, value in index == 2 ? .integer(rfsp) : .text(value) }
    }
}
