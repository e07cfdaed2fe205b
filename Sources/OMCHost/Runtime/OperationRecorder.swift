import PluginAPI

/// The one way into the operation log: masks secrets in an entry's parameters and result, bounds
/// every field, then hands it to the observer (the mock host) and every sink. Requests, MML
/// commands, refusals and plugins' own entries (``OperationLogWriter``) all pass here.
final class OperationRecorder: Sendable {
    let masker: SecretMasker
    private let sinks = LateBound<[SinkBinding]>()
    private let observer: (@Sendable (OperationRecord) -> Void)?
    private let logger: PluginLogger

    /// A sink with the context of the plugin that provides it.
    struct SinkBinding: Sendable {
        let sink: any OperationLogSink
        let context: PluginContext
    }

    init(masker: SecretMasker, observer: (@Sendable (OperationRecord) -> Void)?, logger: PluginLogger) {
        self.masker = masker
        self.observer = observer
        self.logger = logger
    }

    /// Sets the sinks, once the plugins' contexts exist.
    func attach(_ bindings: [SinkBinding]) {
        sinks.set(bindings)
    }

    /// Records `entry` with secrets masked (`extra` names more secret fields, `values` are the
    /// request's own secrets to mask wherever they reappear) and every field bounded.
    func record(_ entry: OperationRecord, extra: [String] = [], values: [String] = [], pluginID: String?? = nil) async {
        let bounded = SecretMasker.bounded
        let safe = OperationRecord(
            title: bounded(masker.maskedText(entry.title, extra: extra, values: values), 200),
            businessType: entry.businessType, method: bounded(entry.method, 16),
            url: bounded(masker.maskedText(entry.url, extra: extra, values: values), SecretMasker.storedFieldLimit),
            operatorName: entry.operatorName.map { bounded($0, 64) }, departmentName: entry.departmentName.map { bounded($0, 128) },
            clientAddress: entry.clientAddress.map { bounded($0, 128) },
            parameters: bounded(masker.maskedText(entry.parameters, extra: extra, values: values), SecretMasker.storedFieldLimit),
            result: bounded(masker.maskedText(entry.result, extra: extra, values: values), SecretMasker.storedFieldLimit),
            succeeded: entry.succeeded, durationMilliseconds: entry.durationMilliseconds, time: entry.time,
            requestID: bounded(entry.requestID, 64), pluginID: pluginID ?? entry.pluginID)
        observer?(safe)
        for binding in sinks.value ?? [] {
            do { try await binding.sink.record(safe, binding.context) } catch {
                logger.error("operation log sink of plugin \(binding.context.pluginID) failed: \(error)", ["request-id": safe.requestID])
            }
        }
    }

    /// What a plugin's context offers: entries written outside a request, attributed to the plugin.
    struct PluginWriter: OperationLogWriter {
        let recorder: OperationRecorder
        let pluginID: String

        func record(_ entry: OperationRecord) async {
            await recorder.record(entry, pluginID: .some(pluginID))
        }
    }
}
