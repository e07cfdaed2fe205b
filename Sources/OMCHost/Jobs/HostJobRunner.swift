import PluginAPI

/// ``PluginAPI/JobRunner`` over the enabled plugins: their job targets and declared jobs, and runs of
/// a target in its own plugin's context.
final class HostJobRunner: JobRunner {
    private struct Target: Sendable {
        let info: JobTargetInfo
        let declaration: JobTargetDeclaration
        let pluginIndex: Int
    }

    private let byKey: [String: Target]
    let targets: [JobTargetInfo]
    let declaredJobs: [DeclaredJobInfo]
    private let contexts: LateBound<[PluginContext]>
    private let isSecret: @Sendable (String) -> Bool

    init(plugins: [LoadedPlugin], contexts: LateBound<[PluginContext]>, isSecret: @escaping @Sendable (String) -> Bool) {
        var byKey: [String: Target] = [:]
        for (index, plugin) in plugins.enumerated() {
            for target in plugin.registrar.jobTargets {
                let key = "\(plugin.id).\(target.name)"
                byKey[key] = Target(info: JobTargetInfo(key: key, pluginID: plugin.id, summary: target.summary, parameters: target.parameters),
                                    declaration: target, pluginIndex: index)
            }
        }
        self.byKey = byKey
        targets = byKey.values.map(\.info).sorted { $0.key < $1.key }
        declaredJobs = plugins.flatMap { plugin in
            plugin.registrar.jobs.map { DeclaredJobInfo(pluginID: plugin.id, name: $0.name, schedule: $0.schedule, summary: $0.summary) }
        }
        self.contexts = contexts
        self.isSecret = isSecret
    }

    func refusal(target: String, parameters: JSONValue) -> OMCError? {
        guard let found = byKey[target] else {
            let known = targets.map(\.key).joined(separator: ", ")
            return OMCError.invalid("invokeTarget", "'\(target)' is not a job target of an enabled plugin; the targets are \(known.isEmpty ? "none" : known)")
        }
        return RequestValidator.refusal(for: parameters, against: found.declaration.parameters, at: "targetParams", isSecret: isSecret)
    }

    func run(target: String, parameters: JSONValue) async throws -> String? {
        if let refusal = refusal(target: target, parameters: parameters) { throw refusal }
        guard let found = byKey[target], let context = contexts.value?[found.pluginIndex] else {
            throw OMCError(.internal, "the job runner is not ready")
        }
        return try await found.declaration.run(parameters, context.logging(["job-target": target]))
    }
}
