import Foundation
import PluginAPI
import Spreadsheet

/// `/monitor/jobLog…`: every run of every job, the host's included.
enum JobLogRoutes {
    static let logRow = ValueSchema.object([
        "jobLogId": .string(), "jobId": .string(), "jobName": .string(), "jobGroup": .string(), "invokeTarget": .string(),
        "targetParams": .string(), "jobMsg": .string(), "status": .string(), "createTime": .string(), "startTime": .string(),
        "endTime": .string(), "durationMs": .integer(), "trigger": .string(),
    ], required: ["jobLogId", "jobName", "jobGroup", "invokeTarget", "jobMsg", "status", "createTime"], name: "JobLogEntry")

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/monitor/jobLog/list", permission: "monitor:jobLog:list", summary: "Job log, paged, newest first",
                     query: [.string("jobName", maxLength: 64), .string("jobGroup", maxLength: 64), .string("jobId", maxLength: 130),
                             .string("status", oneOf: ["0", "1"], rule: "must be 0 (failed) or 1 (succeeded)"),
                             .string("beginTime", description: "From: milliseconds since 1970 or yyyy-MM-dd HH:mm:ss"),
                             .string("endTime", description: "To: milliseconds since 1970 or yyyy-MM-dd HH:mm:ss")]
                        + RouteParameter.paging(sortable: []),
                     answer: .rows(logRow)) { request, context in
            var list = SQLListQuery(page: try PageRequest(query: request.query, sortable: []))
            try filter(&list, { request.query[$0] })
            let (rows, total) = try await context.database.read { [list] db in
                try list.fetch(select: "SELECT \(JobLogStore.columns) FROM system_job_log", from: "system_job_log", in: db)
            }
            return .list(rows: rows.map(JobLogEntry.init), total: total)
        }

        plugin.route(.post, "/monitor/jobLog/export", permission: "monitor:jobLog:export", audit: .export, summary: "Export the job log as .xlsx",
                     bodyLimit: 16 * 1024,
                     body: .json(.object(["jobName": .anyValue, "jobGroup": .anyValue, "status": .anyValue, "beginTime": .anyValue,
                                          "endTime": .anyValue, "pageNum": .anyValue, "pageSize": .anyValue], name: "JobLogExportFilter"),
                                 required: false),
                     answer: .file(mediaType: SheetExport.contentType)) { request, context in
            let bytes = try await request.body.collect()
            let body = bytes.allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) } ? JSONValue.object([:]) : try JSONBody.decode(JSONValue.self, from: bytes)
            var list = SQLListQuery()
            try filter(&list, { LenientText.of(body[$0]).flatMap { $0.isEmpty ? nil : $0 } })
            let (sql, arguments) = list.selectSQL("SELECT \(JobLogStore.columns) FROM system_job_log")
            return try await SheetExport.export(prefix: "jobLog", sheetName: "Job log",
                                                headers: ["Log ID", "Job ID", "Job name", "Job group", "Invoke target", "Target parameters", "Message",
                                                          "Status", "Trigger", "Started at", "Ended at", "Duration (ms)"],
                                                request: request, context: context) { db, append in
                try db.forEachRow(sql, arguments) { row in
                    let entry = JobLogEntry(row)
                    try append([.text(entry.jobLogId), .text(entry.jobId), .text(entry.jobName), .text(entry.jobGroup), .text(entry.invokeTarget),
                                .text(entry.targetParams), .text(entry.jobMsg), .text(entry.status == JobLogEntry.succeeded ? "Success" : "Failure"),
                                .text(entry.trigger), SheetExport.time(Int(entry.startTime)), SheetExport.time(Int(entry.endTime)),
                                .integer(entry.durationMs)])
                }
            }
        }

        plugin.route(.delete, "/monitor/jobLog/clean", permission: "monitor:jobLog:remove", audit: .clean,
                     summary: "Clear the job log", answer: .message) { _, context in
            try await context.database.write { db in try db.execute("DELETE FROM system_job_log") }
            return .success()
        }

        plugin.route(.get, "/monitor/jobLog/{jobLogId}", permission: "monitor:jobLog:query", summary: "One job log entry",
                     parameters: [.string("jobLogId", maxLength: 20, pattern: "^[0-9]+$", rule: "must be a log entry number")],
                     answer: .data(logRow)) { request, context in
            let text = try request.pathParameter("jobLogId")
            guard let id = Int64(text) else { throw OMCError.invalid("jobLogId", "must be a log entry number") }
            let row = try await context.database.read { db in
                try db.first("SELECT \(JobLogStore.columns) FROM system_job_log WHERE job_log_id = ?", [.integer(id)])
            }
            guard let row else { throw OMCError.notFound("job log entry \(id) does not exist") }
            return .success(JobLogEntry(row))
        }

        plugin.route(.delete, "/monitor/jobLog/{jobLogIds}", permission: "monitor:jobLog:remove", summary: "Delete job log entries",
                     parameters: [.string("jobLogIds", maxLength: 20_000, description: "Log entry numbers, comma-separated (all or none)")],
                     answer: .message) { request, context in
            let parts = try request.pathParameter("jobLogIds").split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count <= 1000 else { throw OMCError.invalid("jobLogIds", "at most 1000 ids at once") }
            var ids: [Int64] = []
            for part in parts {
                guard let id = Int64(part), id > 0 else {
                    throw OMCError.invalid("jobLogIds", "'\(part)' is not a log entry number; give positive integers separated by commas")
                }
                if !ids.contains(id) { ids.append(id) }
            }
            try await context.database.write { [ids] db in
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
                let found = Set(try db.query("SELECT job_log_id FROM system_job_log WHERE job_log_id IN (\(marks))", ids.map(SQLValue.integer))
                    .compactMap { $0.int("job_log_id").map(Int64.init) })
                let missing = ids.filter { !found.contains($0) }
                guard missing.isEmpty else {
                    throw OMCError.notFound("no job log entry with id \(missing.map(String.init).joined(separator: ", ")); nothing was deleted")
                }
                try db.execute("DELETE FROM system_job_log WHERE job_log_id IN (\(marks))", ids.map(SQLValue.integer))
            }
            return .success()
        }
    }

    /// The list's and the export's filters, read by `value(name)`.
    static func filter(_ list: inout SQLListQuery, _ value: (String) -> String?) throws {
        list.contains("job_name", value("jobName"))
        list.equals("job_group", value("jobGroup").map(SQLValue.text))
        list.equals("job_id", value("jobId").map(SQLValue.text))
        list.equals("status", value("status").map(SQLValue.text))
        list.between("start_time", try time(value("beginTime"), field: "beginTime").map(SQLValue.integer),
                     try time(value("endTime"), field: "endTime").map(SQLValue.integer))
        list.order(by: [:], default: "job_log_id", defaultDescending: true, then: "job_log_id DESC")
    }

    /// A time filter: milliseconds since 1970, or the document's `yyyy-MM-dd HH:mm:ss`.
    static func time(_ text: String?, field: String) throws -> Int64? {
        guard let text else { return nil }
        if let milliseconds = Int64(text) { return milliseconds }
        guard let date = DocumentTime.parse(text) else {
            throw OMCError.invalid(field, "'\(text)' is neither milliseconds since 1970 nor a time like 2023-07-04 13:00:00")
        }
        return Milliseconds.of(date)
    }
}
