import Foundation
import PluginAPI

extension HostRuntime {
    /// The most commands one MML request may carry.
    static let maximumCommandsPerRequest = 200

    /// Runs the commands of one MML request in order; each gets its own result, so one failing
    /// command does not stop the next.
    func runMML(_ body: MMLRequestBody, neType: String, request: OMCRequest) async throws -> [MMLResult] {
        guard assembly.neTypes[neType] != nil || neType == BuiltinMMLCommand.neType else {
            let known = ([BuiltinMMLCommand.neType] + assembly.neTypes.keys.sorted()).joined(separator: ", ")
            throw OMCError.notFound("NE type '\(neType)' is not provided by any enabled plugin; MML goes to: \(known)")
        }
        guard !body.mml.isEmpty else { throw OMCError.invalid("mml", "must list at least one command") }
        guard body.mml.count <= Self.maximumCommandsPerRequest else {
            throw OMCError.invalid("mml", "at most \(Self.maximumCommandsPerRequest) commands per request, got \(body.mml.count)")
        }
        let neID = request.query["ne_id"] ?? request.query["neId"]
        var results: [MMLResult] = []
        for line in body.mml {
            results.append(await runCommand(line, neType: neType, neID: neID, confirmed: body.confirm == true, request: request))
        }
        return results
    }

    private func runCommand(_ line: String, neType: String, neID: String?, confirmed: Bool, request: OMCRequest) async -> MMLResult {
        let started = ContinuousClock.now
        let command: MMLCommand
        do {
            command = try MMLParser.parse(BuiltinMMLCommand.expandingHelp(line))
        } catch {
            let result = MMLResult.failure(line, OMCError(.invalidInput, "syntax error at \(error.localized)"))
            metrics.recordMML(succeeded: false)
            await operations.record(OperationRecord(
                title: "MML (syntax error)", businessType: .other, method: "MML", url: request.path + (neID.map { "?ne_id=\($0)" } ?? ""),
                operatorName: request.caller?.auditName, departmentName: request.caller?.departmentName,
                clientAddress: request.clientAddress, parameters: "(not recorded: the line could not be parsed, so secrets in it cannot be masked)",
                result: result.msg.english, succeeded: false, durationMilliseconds: Self.milliseconds(since: started), time: clock.now(),
                requestID: request.requestID, pluginID: nil))
            return result
        }
        let entry = assembly.mml.lookup(neType: neType, name: command.name)
            ?? (BuiltinMMLCommand.answeredOnEveryNEType.contains(command.name)
                ? assembly.mml.lookup(neType: BuiltinMMLCommand.neType, name: command.name) : nil)
        let result: MMLResult
        do {
            if let entry {
                result = .success(line, try await run(command, entry: entry, neType: neType, neID: neID, confirmed: confirmed, request: request))
            } else if neType == BuiltinMMLCommand.neType {
                throw OMCError.notFound("unknown command \(command.name) for NE type \(neType); 'LST CMD' on element type OMC lists the commands")
            } else {
                result = try await forward(line, name: command.name, neType: neType, neID: neID, request: request)
            }
        } catch {
            let failure = (error as? OMCError) ?? OMCError(.internal, "command failed: \(String(describing: error))")
            result = .failure(line, failure)
        }
        metrics.recordMML(succeeded: result.code == 200)
        await operations.record(OperationRecord(
            title: "MML \(command.name)" + (entry == nil && neType != BuiltinMMLCommand.neType ? " (forwarded to the NE)" : ""),
            businessType: entry?.audit ?? (neType == BuiltinMMLCommand.neType ? .other : .update), method: "MML",
            url: request.path + (neID.map { "?ne_id=\($0)" } ?? ""), operatorName: request.caller?.auditName,
            departmentName: request.caller?.departmentName, clientAddress: request.clientAddress,
            parameters: operations.masker.maskedCommand(command),
            result: result.code == 200 ? (result.output ?? result.msg.english) : result.msg.english,
            succeeded: result.code == 200, durationMilliseconds: Self.milliseconds(since: started), time: clock.now(),
            requestID: request.requestID, pluginID: entry.map(\.owner).flatMap { $0 == BuiltinEndpoint.owner ? nil : $0 }),
            values: operations.masker.secretValues(command))
        return result
    }

    /// Runs a declared command: validated, authorized, confirmed when high-risk.
    private func run(_ command: MMLCommand, entry: MMLCommandTable.Entry, neType: String, neID: String?, confirmed: Bool,
                     request: OMCRequest) async throws -> MMLReply {
        try Self.validate(command, against: entry)
        try await authorize(request.caller, entry.privilege, action: "MML command \(entry.name)")
        if entry.risk == .highRisk, !confirmed {
            throw OMCError(.invalidInput, "\(entry.name) is a high-risk command: resend it with \"confirm\": true to run it")
        }
        let invocation = MMLInvocation(command: command, neType: neType, neID: neID, caller: request.caller, requestID: request.requestID,
                                       permissions: request.permissions)
        switch entry.target {
        case .plugin(let handler, let index):
            return try await handler(invocation, contexts[index].logging(["request-id": request.requestID]))
        case .builtin(let builtin):
            return try builtinReply(builtin, invocation, messages.translations(for: request.headers))
        }
    }

    /// The right to send an NE a command its plugin does not declare.
    static let forwardPermission = Permission.required("ne:mml:forward")

    /// Sends a command the NE type's plugin does not handle to the NE itself and returns its answer as is.
    private func forward(_ line: String, name: String, neType: String, neID: String?, request: OMCRequest) async throws -> MMLResult {
        try await authorize(request.caller, Self.forwardPermission, action: "MML command \(name) sent to an NE")
        guard let neID else {
            throw OMCError.invalid("ne_id", "is required: \(name) is not an OMC command for \(neType), so it is sent to the NE named by ne_id")
        }
        guard let element = try await gateway.element(type: neType, id: neID) else {
            throw OMCError.notFound("NE \(neType)/\(neID) is not registered")
        }
        let path = "/api/rest/opeartionManagement/v1/elementType/\(neType.lowercased())/objectType/mml"
        let answer = try await gateway.send(.json(.post, path, ["mml": [.string(line)]]), to: element)
        guard let first = try answer.json(from: element)["data"]?[0] else {
            throw OMCError(.neFailure, "NE \(element.key) answered HTTP \(answer.status) without a command result")
        }
        return MMLResult(command: line, code: first["code"]?.intValue ?? (answer.status == 200 ? 200 : 500),
                         msg: .verbatim(first["msg"]?.stringValue ?? ""), output: first["output"]?.stringValue, data: first["data"])
    }

    /// Checks every argument against the declaration: no unknown names, every required one given,
    /// every value within its rule.
    static func validate(_ command: MMLCommand, against entry: MMLCommandTable.Entry) throws(OMCError) {
        for argument in command.arguments {
            guard let parameter = entry.parameters.first(where: { $0.name == argument.name }) else {
                let accepted = entry.parameters.map(\.name)
                throw OMCError.invalid(argument.name, accepted.isEmpty ? "is not a parameter of \(entry.name); it takes none"
                    : "is not a parameter of \(entry.name); it takes \(accepted.joined(separator: ", "))")
            }
            if let rule = parameter.violation(of: argument.value) { throw OMCError.invalid(argument.name, rule) }
        }
        for parameter in entry.parameters where parameter.required && command.value(parameter.name) == nil {
            throw OMCError.invalid(parameter.name, "is required by \(entry.name) (\(parameter.ruleDescription))")
        }
    }

    private func builtinReply(_ command: BuiltinMMLCommand, _ invocation: MMLInvocation,
                              _ translations: MessageTranslations?) throws(OMCError) -> MMLReply {
        switch command {
        case .date:
            let now = clock.now()
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss xxx"
            let iso = ISO8601DateFormatter().string(from: now)
            return MMLReply(output: formatter.string(from: now),
                            data: .object(["time": .string(iso), "timestamp": .number((now.timeIntervalSince1970 * 1000).rounded())]))
        case .listCommands:
            return commandList(invocation, translations)
        case .help:
            return try commandHelp(invocation, translations)
        }
    }
}
