import Foundation
import PluginAPI

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
            list.contains("job_name", request.query["jobName"])
            list.equals("job_group", request.query["jobGroup"].map(SQLValue.text))
            list.equals("job_id", request.query["jobId"].map(SQLValue.text))
            list.equals("status", request.query["status"].map(SQLValue.text))
            list.between("start_time", try time(request.query["beginTime"], field: "beginTime").map(SQLValue.integer),
                         try time(request.query["endTime"], field: "endTime").map(SQLValue.integer))
            list.order(by: [:], default: "job_log_id", defaultDescending: true, then: "job_log_id DESC")
            let (rows, total) = try await context.database.read { [list] db in
                try list.fetch(select: "SELECT \(JobLogStore.columns) FROM system_job_log", from: "system_job_log", in: db)
            }
            return .list(rows: rows.map(JobLogEntry.init), total: total)
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
