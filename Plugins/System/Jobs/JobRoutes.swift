import Foundation
import PluginAPI
import Spreadsheet

/// `/monitor/job…`: the operators' scheduled jobs, with the host's own jobs listed read-only.
enum JobRoutes {
    static let jobRow = ValueSchema.object([
        "jobId": .string(), "jobName": .string(), "jobGroup": .string(), "invokeTarget": .string(), "targetParams": .string(),
        "cronExpression": .string(), "misfirePolicy": .string(), "concurrent": .string(), "status": .string(),
        "createBy": .string(), "createTime": .string(), "remark": .string(), "readOnly": .boolean(),
    ], required: ["jobId", "jobName", "jobGroup", "invokeTarget", "cronExpression", "status"], name: "ScheduledJob")

    static func declare(_ plugin: inout PluginRegistrar, scheduler: OperatorJobScheduler) {
        plugin.route(.get, "/monitor/job/list", permission: "monitor:job:list", summary: "Scheduled jobs, paged",
                     query: [.string("jobName", maxLength: 64), .string("jobGroup", maxLength: 64),
                             .string("status", oneOf: ["0", "1"], rule: "must be 0 (inactive) or 1 (active)")]
                        + RouteParameter.paging(sortable: []),
                     answer: .rows(jobRow)) { request, context in
            let page = try PageRequest(query: request.query, sortable: [])
            let filter = JobFilter(name: request.query["jobName"], group: request.query["jobGroup"], status: request.query["status"])
            let hostJobs = filter.hostJobs(context)
            let list = filter.query()
            // The host's jobs come first, then the operators' by id; one page may hold both.
            let shown = hostJobs.dropFirst(page.offset).prefix(page.pageSize)
            let skip = max(0, page.offset - hostJobs.count), take = page.pageSize - shown.count
            let (rows, total) = try await context.database.read { [list] db in
                let (countSQL, countArguments) = list.countSQL(from: "system_job")
                let total = try db.first(countSQL, countArguments)?.int("total") ?? 0
                guard take > 0 else { return ([ScheduledJob](), total) }
                let (sql, arguments) = list.selectSQL("SELECT \(JobStore.columns) FROM system_job")
                let rows = try db.query(sql + " LIMIT \(take) OFFSET \(skip)", arguments).map(ScheduledJob.init)
                return (rows, total)
            }
            return .list(rows: Array(shown) + rows, total: hostJobs.count + total)
        }

        plugin.route(.post, "/monitor/job/export", permission: "monitor:job:export", audit: .export, summary: "Export scheduled jobs as .xlsx",
                     bodyLimit: 16 * 1024,
                     body: .json(.object(["jobName": .anyValue, "jobGroup": .anyValue, "status": .anyValue, "pageNum": .anyValue, "pageSize": .anyValue],
                                         name: "JobExportFilter"), required: false),
                     answer: .file(mediaType: SheetExport.contentType)) { request, context in
            let bytes = try await request.body.collect()
            let body = bytes.allSatisfy { [0x20, 0x0A, 0x0D, 0x09].contains($0) } ? JSONValue.object([:]) : try JSONBody.decode(JSONValue.self, from: bytes)
            let filter = JobFilter(name: LenientText.of(body["jobName"]), group: LenientText.of(body["jobGroup"]), status: LenientText.of(body["status"]))
            let hostJobs = filter.hostJobs(context)
            let (sql, arguments) = filter.query().selectSQL("SELECT \(JobStore.columns) FROM system_job")
            return try await SheetExport.export(prefix: "job", sheetName: "Scheduled jobs",
                                                headers: ["Job ID", "Job name", "Job group", "Invoke target", "Target parameters", "Cron expression",
                                                          "Misfire policy", "Concurrent", "Status", "Created by", "Created at", "Remark"],
                                                request: request, context: context) { db, append in
                for job in hostJobs { try append(cells(job)) }
                try db.forEachRow(sql, arguments) { row in try append(cells(ScheduledJob(row))) }
            }
        }

        plugin.route(.get, "/monitor/job/targets", permission: "monitor:job:query", summary: "Job targets the enabled plugins offer",
                     answer: .data(.array(of: .object(["invokeTarget": .string(), "pluginId": .string(), "summary": .string(),
                                                        "targetParams": .anyValue], name: "JobTarget")))) { _, context in
            .success(context.jobs.targets.map { target -> JSONValue in
                ["invokeTarget": .string(target.key), "pluginId": .string(target.pluginID), "summary": .string(target.summary),
                 "targetParams": TargetSchemaDescription.json(target.parameters)]
            })
        }

        plugin.route(.get, "/monitor/job/{jobId}", permission: "monitor:job:query", summary: "One scheduled job with its next five runs",
                     parameters: [.string("jobId", maxLength: 130, description: "A job number, or <plugin>.<name> for a host's job")],
                     answer: .data(jobRow)) { request, context in
            let key = try request.pathParameter("jobId")
            let job = try await find(key, context)
            return .success(JobDetail(job: job, nextRunTimes: nextRuns(job, after: context.clock.now())))
        }

        plugin.route(.post, "/monitor/job", permission: "monitor:job:add", summary: "Add a scheduled job", bodyLimit: 64 * 1024,
                     body: .json(JobDraft.schema(withID: false)), answer: .data(.object(["jobId": .string()]))) { request, context in
            let draft = try JobDraft(try await request.decode(JSONValue.self), jobs: context.jobs)
            let now = context.clock.now()
            let id = try await context.database.write { db in
                try JobStore.insert(draft, by: request.caller?.userName ?? "anonymous", now: now, in: db)
            }
            scheduler.reschedule(id, context)
            return .success(["jobId": String(id)])
        }

        plugin.route(.put, "/monitor/job", permission: "monitor:job:edit", summary: "Change a scheduled job", bodyLimit: 64 * 1024,
                     body: .json(JobDraft.schema(withID: true)), answer: .message) { request, context in
            let body = try await request.decode(JSONValue.self)
            let id = try operatorID(LenientText.of(body["jobId"]) ?? "", field: "jobId")
            let draft = try JobDraft(body, jobs: context.jobs)
            let now = context.clock.now()
            try await context.database.write { db in
                try JobStore.update(id, draft, by: request.caller?.userName ?? "anonymous", now: now, in: db)
            }
            scheduler.reschedule(id, context)
            return .success()
        }

        plugin.route(.put, "/monitor/job/changeStatus", permission: "monitor:job:changeStatus", summary: "Activate or deactivate a scheduled job",
                     body: .json(.object(["jobId": .string(minLength: 1, maxLength: 130),
                                          "status": .string(oneOf: ["0", "1"], rule: "must be 0 (inactive) or 1 (active)")],
                                         required: ["jobId", "status"], name: "JobStatus")),
                     answer: .message) { request, context in
            let body = try await request.decode(JSONValue.self)
            let id = try operatorID(LenientText.of(body["jobId"]) ?? "", field: "jobId")
            let status = LenientText.of(body["status"]) ?? ""
            let now = context.clock.now()
            try await context.database.write { db in
                try JobStore.setStatus(id, status, by: request.caller?.userName ?? "anonymous", now: now, in: db)
            }
            scheduler.reschedule(id, context)
            return .success()
        }

        plugin.route(.put, "/monitor/job/run/{jobId}", permission: "monitor:job:run", summary: "Run a scheduled job once, now",
                     parameters: [.string("jobId", maxLength: 130)], answer: .message) { request, context in
            let id = try operatorID(try request.pathParameter("jobId"), field: "jobId")
            guard let job = try await context.database.read({ db in try JobStore.find(id, in: db) }) else {
                throw OMCError.notFound("job \(id) does not exist")
            }
            try scheduler.runNow(job, id: id, context)
            return .success()
        }

        plugin.route(.put, "/monitor/job/resetQueueJob", permission: "monitor:job:reset",
                     summary: "Reload every scheduled job from the database", answer: .message) { _, context in
            scheduler.cancelLoops()
            try await scheduler.startAll(context)
            return .success()
        }

        plugin.route(.delete, "/monitor/job/{jobIds}", permission: "monitor:job:remove", summary: "Delete scheduled jobs",
                     parameters: [.string("jobIds", maxLength: 4000, description: "Job numbers, comma-separated (all or none)")],
                     answer: .message) { request, context in
            let text = try request.pathParameter("jobIds")
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count <= 1000 else { throw OMCError.invalid("jobIds", "at most 1000 ids at once") }
            var ids: [Int64] = []
            for part in parts {
                let id = try operatorID(part, field: "jobIds")
                if !ids.contains(id) { ids.append(id) }
            }
            try await context.database.write { [ids] db in try JobStore.delete(ids, in: db) }
            for id in ids { scheduler.reschedule(id, context) }
            return .success()
        }
    }

    /// The filters of the list and the export.
    struct JobFilter: Sendable {
        let name: String?
        let group: String?
        let status: String?

        init(name: String?, group: String?, status: String?) {
            let given = { (text: String?) in text.flatMap { $0.isEmpty ? nil : $0 } }
            self.name = given(name)
            self.group = given(group)
            self.status = given(status)
        }

        func hostJobs(_ context: PluginContext) -> [ScheduledJob] {
            context.jobs.declaredJobs.map { ScheduledJob(declared: $0, startedAt: context.host.startedAt) }.filter { job in
                (name.map { job.jobName.lowercased().contains($0.lowercased()) } ?? true)
                    && (group.map { job.jobGroup.caseInsensitiveCompare($0) == .orderedSame } ?? true)
                    && (status.map { job.status == $0 } ?? true)
            }
        }

        func query() -> SQLListQuery {
            var list = SQLListQuery()
            list.contains("job_name", name)
            list.equals("job_group", group.map(SQLValue.text))
            list.equals("status", status.map(SQLValue.text))
            list.order(by: [:], default: "job_id", then: "job_id")
            return list
        }
    }

    static func cells(_ job: ScheduledJob) -> [SpreadsheetCell] {
        [.text(job.jobId), .text(job.jobName), .text(job.jobGroup), .text(job.invokeTarget), .text(job.targetParams), .text(job.cronExpression),
         .text(job.misfirePolicy), .text(job.concurrent), .text(job.isActive ? "Active" : "Inactive"), .text(job.createBy),
         SheetExport.time(Int(job.createTime)), .text(job.remark)]
    }

    /// The job's detail: the document's members and the next five runs.
    struct JobDetail: Encodable, Sendable {
        let job: ScheduledJob
        let nextRunTimes: [String]

        func encode(to encoder: any Encoder) throws {
            try job.encode(to: encoder)
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(nextRunTimes, forKey: Key(stringValue: "nextRunTimes"))
        }

        struct Key: CodingKey {
            let stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
    }

    static func nextRuns(_ job: ScheduledJob, after now: Date) -> [String] {
        guard let cron = try? CronSchedule(job.cronExpression) else { return [] }
        return cron.nextDates(after: now, count: 5).map { DocumentTime.format($0) }
    }

    /// An operator's job number; a host's job (`ne.poll-ne-state`) is named as read-only.
    static func operatorID(_ text: String, field: String) throws -> Int64 {
        if let id = Int64(text), id > 0 { return id }
        if text.contains(".") {
            throw OMCError.invalid(field, "'\(text)' is a job the host runs for a plugin; it cannot be changed, paused, run or deleted here")
        }
        throw OMCError.invalid(field, "'\(text)' is not a job number")
    }

    /// Job `key`: an operator's by number, or a host's by `<plugin>.<name>`.
    static func find(_ key: String, _ context: PluginContext) async throws -> ScheduledJob {
        if let declared = context.jobs.declaredJobs.first(where: { "\($0.pluginID).\($0.name)" == key }) {
            return ScheduledJob(declared: declared, startedAt: context.host.startedAt)
        }
        guard let id = Int64(key), id > 0 else { throw OMCError.notFound("job \(key) does not exist") }
        guard let job = try await context.database.read({ db in try JobStore.find(id, in: db) }) else {
            throw OMCError.notFound("job \(key) does not exist")
        }
        return job
    }
}
