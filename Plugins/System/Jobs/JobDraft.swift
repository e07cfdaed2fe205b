import Foundation
import PluginAPI

/// The body of `POST /monitor/job` and `PUT /monitor/job`, checked completely before anything is
/// stored: the target must be one an enabled plugin offers, its parameters must follow that target's
/// schema, and the cron expression must parse (the message names the failing field).
struct JobDraft: Sendable {
    let jobName: String
    let jobGroup: String
    let invokeTarget: String
    /// The parameters as stored: compact JSON text of an object.
    let targetParams: String
    let cron: CronSchedule
    let misfirePolicy: String
    let concurrent: String
    let status: String
    let remark: String

    static let misfirePolicies = ["0", "1", "2", "3"]
    static let namePattern = "^[^\\x00-\\x1f]{1,64}$"
    static let groupPattern = "^[A-Za-z0-9_-]{1,64}$"

    /// The members both routes take; `jobId` is added for the change.
    static func schema(withID: Bool) -> ValueSchema {
        var members: [String: ValueSchema] = [
            "jobName": .string(minLength: 1, maxLength: 64, pattern: namePattern, description: "Job name, unique in its group"),
            "jobGroup": .string(minLength: 1, maxLength: 64, pattern: groupPattern, description: "Job group (DEFAULT, SYSTEM, …)",
                                rule: "must be 1 to 64 letters, digits, _ or -"),
            "invokeTarget": .string(minLength: 1, maxLength: 130, description: "A job target an enabled plugin offers: <plugin id>.<name> (GET /monitor/job/targets)"),
            "targetParams": .anyValue.described("The target's parameters: a JSON object, or its text"),
            "cronExpression": .string(minLength: 1, maxLength: 200, description: "Cron with seconds (0/10 * * * * ?) or five fields"),
            "misfirePolicy": .string(oneOf: misfirePolicies, description: "0 default (run once), 1 run every missed time, 2 run once, 3 skip missed runs"),
            "concurrent": .string(oneOf: ["0", "1"], description: "0 a run may overlap the previous one, 1 it may not"),
            "status": .string(oneOf: [ScheduledJob.active, ScheduledJob.inactive], description: "1 active, 0 inactive"),
            "remark": .string(maxLength: 500),
        ]
        if withID { members["jobId"] = .string(minLength: 1, maxLength: 20, pattern: "^[0-9]+$", rule: "must be a job number") }
        return .object(members, required: ["jobName", "jobGroup", "invokeTarget", "cronExpression"] + (withID ? ["jobId"] : []),
                       name: withID ? "JobChange" : "NewJob")
    }

    /// Reads and checks `body`; every problem found is reported in one refusal.
    init(_ body: JSONValue, jobs: any JobRunner) throws {
        jobName = LenientText.of(body["jobName"]) ?? ""
        jobGroup = LenientText.of(body["jobGroup"]) ?? ""
        invokeTarget = LenientText.of(body["invokeTarget"]) ?? ""
        misfirePolicy = LenientText.of(body["misfirePolicy"]) ?? "0"
        concurrent = LenientText.of(body["concurrent"]) ?? "1"
        status = LenientText.of(body["status"]) ?? ScheduledJob.inactive
        remark = LenientText.of(body["remark"]) ?? ""
        var problems: [LocalizedMessage] = []
        var parameters = JSONValue.object([:])
        switch body["targetParams"] {
        case nil, .null?: break
        case .string(let text)? where text.trimmingCharacters(in: .whitespaces).isEmpty: break
        case .string(let text)?:
            do {
                parameters = try JSONBody.decode(JSONValue.self, from: Array(text.utf8))
            } catch {
                problems.append("targetParams: must be a JSON object such as {\"olderThanDays\": 30}")
            }
        case let value?: parameters = value
        }
        if case .object = parameters {} else if problems.isEmpty { problems.append("targetParams: must be a JSON object such as {\"olderThanDays\": 30}") }
        if problems.isEmpty, let refusal = jobs.refusal(target: invokeTarget, parameters: parameters) {
            problems.append(refusal.localized)
        }
        var cron: CronSchedule?
        let cronText = (LenientText.of(body["cronExpression"]) ?? "").trimmingCharacters(in: .whitespaces)
        do {
            cron = try CronSchedule(cronText)
        } catch {
            problems.append("cronExpression: \(error.description)")
        }
        guard problems.isEmpty, let cron else { throw OMCError(.invalidInput, problems.joined(separator: "; ")) }
        self.cron = cron
        targetParams = String(decoding: (try? JSONBody.encode(parameters)) ?? Array("{}".utf8), as: UTF8.self)
    }
}
