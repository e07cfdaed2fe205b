public import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
public import Logging
public import NIOCore
import Synchronization

/// One simulated NE: its identity, configuration, files, listener and fault state.
public final class SimulatedNE: Sendable {
    /// What the configuration said about it.
    public let definition: NEDefinition
    /// What its handlers see.
    public let context: NEContext
    /// Its socket.
    public let listener: HTTPListener
    /// Its fault switch.
    public let faults: FaultController
    /// Its KPI reports.
    public let reporter: KPIReporter
    let service: NEService
    private let credential = Mutex<String?>(nil)
    /// `https` when the NE serves TLS.
    let scheme: String

    /// An NE that is not listening yet; its files go under `dataDirectory/<TYPE>-<id>`.
    public init(definition: NEDefinition, host: String, dataDirectory: URL, registry: NEModuleRegistry, probe: SystemProbe,
                eventLoopGroup: any EventLoopGroup, logger: Logger, tls: SimulatorTLS? = nil) {
        self.definition = definition
        scheme = tls == nil ? "http" : "https"
        let modules = registry.modules(for: definition)
        let context = NEContext(identity: definition, host: host, config: ConfigStore(sections: modules.flatMap(\.configSections)),
                                filesDirectory: dataDirectory.appendingPathComponent("\(definition.type)-\(definition.id)"),
                                startedAt: Date(), counters: NECounters())
        self.context = context
        let service = NEService(context: context, modules: modules, probe: probe)
        self.service = service
        let state = FaultState()
        listener = HTTPListener(host: host, port: definition.port, eventLoopGroup: eventLoopGroup, logger: logger, tls: tls?.configuration,
                                responder: Self.responder(service: service, faults: state, logger: logger))
        let faults = FaultController(listener: listener, state: state)
        self.faults = faults
        context.maintenance.installRestart { seconds, whileOffline in await faults.restart(offlineFor: seconds, whileOffline: whileOffline) }
        reporter = KPIReporter(context: context)
    }

    /// The KPIs the NE's modules add to each report.
    func moduleKPIs() async -> [String: JSONValue] {
        var kpis: [String: JSONValue] = [:]
        for module in service.modules { kpis.merge(await module.kpis(context)) { _, later in later } }
        return kpis
    }

    /// Opens the socket; returns the port.
    public func start() async throws -> Int {
        try await faults.start()
    }

    /// Closes the socket for good.
    public func shutdown() async {
        await faults.shutdown()
    }

    /// `{"type", "id", "name", "port", "url", "fault", "listening"}`, as the control API lists NEs.
    public func status() async -> JSONValue {
        let port = await listener.port
        return [
            "type": .string(definition.type), "id": .string(definition.id), "name": .string(definition.name),
            "port": .int(port), "url": .string(Self.url(scheme: scheme, host: context.host, port: port)),
            "fault": faults.state.current.json, "listening": .bool(await listener.isListening),
        ]
    }

    /// The push credential the OMC issued to this NE (set through the control API), sent with every push.
    public var pushCredential: String? {
        get { credential.withLock { $0 } }
        set { credential.withLock { $0 = newValue } }
    }

    /// The next alarm of this NE, with `overrides` applied.
    public func nextAlarm(overrides: [String: JSONValue] = [:]) throws(NEReplyError) -> JSONValue {
        let sequence = NECounters.increment(context.counters.alarmSequence)
        return try AlarmFactory.alarm(for: context, sequence: sequence, overrides: overrides)
    }

    /// `http://host:port` (or `https://`), with brackets around an IPv6 address.
    public static func url(scheme: String = "http", host: String, port: Int) -> String {
        host.contains(":") ? "\(scheme)://[\(host)]:\(port)" : "\(scheme)://\(host):\(port)"
    }

    /// Applies the fault in force around the NE's service, for every request on every path.
    private static func responder(service: NEService, faults: FaultState, logger: Logger) -> HTTPListener.Responder {
        { request, writer, channel in
            NECounters.increment(service.context.counters.requests)
            let fault = faults.current
            if fault.mode == .delay, fault.delayMs > 0 {
                try? await Task.sleep(for: .milliseconds(fault.delayMs))
            }
            switch fault.mode {
            case .malformed:
                try await FaultyAnswer.malformed(writer, identity: service.context.identity)
            case .close:
                try await FaultyAnswer.cut(writer, channel: channel)
            case .none, .delay, .lateAnswer, .refuse, .flap:
                let context = NERequestContext(source: ApplicationRequestContextSource(channel: channel, logger: logger))
                let capture = service.context.capture
                if capture.isRunning, let tap = CaptureTap(capture: capture, remote: channel.remoteAddress, local: channel.localAddress) {
                    let response = await service.respond(to: await tap.request(request), requestContext: context)
                    let recorded = await tap.response(response)
                    if fault.mode == .lateAnswer { try? await Task.sleep(for: .milliseconds(fault.delayMs)) }
                    try await writer.write(response: recorded.head, body: recorded.body)
                } else {
                    let response = await service.respond(to: request, requestContext: context)
                    if fault.mode == .lateAnswer { try? await Task.sleep(for: .milliseconds(fault.delayMs)) }
                    try await writer.write(response: response.head, body: response.body)
                }
            }
        }
    }
}
