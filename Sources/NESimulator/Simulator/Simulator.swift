public import Foundation
import Hummingbird
public import Logging
public import NIOCore
public import NIOPosix
import UnixSignals

/// The whole simulator: every NE's listener, the control API and the scheduled pushes, all on one
/// shared event loop group.
public final class Simulator: Sendable {
    /// The configuration it runs.
    public let configuration: SimulatorConfiguration
    /// The NEs, in configuration order.
    public let nes: [SimulatedNE]
    /// Folder holding the NEs' files.
    public let dataDirectory: URL
    private let ownsDataDirectory: Bool
    private let control: HTTPListener
    private let pusher: OMCPusher
    private let probe: SystemProbe
    private let logger: Logger
    private let schedules = PushTasks()

    /// Prepares the NEs without opening any socket. Creates the data folder (a new temporary one when
    /// the configuration names none).
    public init(configuration: SimulatorConfiguration, registry: NEModuleRegistry = .standard, logger: Logger,
                eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        self.configuration = configuration
        self.logger = logger
        if let path = configuration.dataDirectory {
            dataDirectory = URL(fileURLWithPath: path, isDirectory: true)
            ownsDataDirectory = false
        } else {
            dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("omc-nesim-\(getpid())-\(UUID().uuidString)", isDirectory: true)
            ownsDataDirectory = true
        }
        try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
        let probe = SystemProbe()
        self.probe = probe
        let folder = dataDirectory
        let nes = configuration.nes.map { definition in
            SimulatedNE(definition: definition, host: configuration.host, dataDirectory: folder, registry: registry,
                        probe: probe, eventLoopGroup: eventLoopGroup, logger: logger, tls: configuration.tls)
        }
        self.nes = nes
        let pusher = OMCPusher(omc: configuration.omc, eventLoopGroup: eventLoopGroup)
        self.pusher = pusher
        let service = ControlService(nes: nes, pusher: pusher, probe: probe)
        control = HTTPListener(host: configuration.effectiveControlHost, port: configuration.controlPort, eventLoopGroup: eventLoopGroup,
                               logger: logger) { request, writer, _ in
            let response = await service.respond(to: request)
            try await writer.write(response: response.head, body: response.body)
        }
    }

    /// Opens every NE's socket and the control API's, then starts the scheduled pushes. Returns the
    /// start-up lines but `ready`: one `.ne` per NE, then `.control`. On failure, closes what was opened
    /// and throws a ``ListenerError``.
    public func start() async throws -> [StartupLine] {
        var lines: [StartupLine] = []
        do {
            for ne in nes {
                let port: Int
                do {
                    port = try await ne.start()
                } catch {
                    throw ListenerError(owner: ne.definition.key, host: configuration.host, port: ne.definition.port, error: error)
                }
                lines.append(.ne(type: ne.definition.type, id: ne.definition.id, url: Self.url(scheme: configuration.tls == nil ? "http" : "https", host: configuration.host, port: port)))
            }
            let port: Int
            do {
                port = try await control.listen()
            } catch {
                throw ListenerError(owner: "the control API", host: configuration.effectiveControlHost, port: configuration.controlPort, error: error)
            }
            lines.append(.control(url: Self.url(host: configuration.effectiveControlHost, port: port)))
        } catch {
            await shutdown()
            throw error
        }
        for ne in nes {
            schedules.add(PushScheduler(ne: ne, pusher: pusher, probe: probe, logger: logger).start())
        }
        if configuration.omc != nil {
            for ne in nes {
                let pushes = MeasurementPushes(ne: ne, pusher: pusher, speed: configuration.measurementSpeed, logger: logger)
                schedules.add([Task { await pushes.run() }])
            }
        }
        return lines
    }

    /// Starts, calls `onReady` with the start-up lines (`ready` included), serves until SIGTERM or
    /// SIGINT, then shuts down.
    public func run(onReady: @Sendable ([StartupLine]) -> Void) async throws {
        // Trap the signals before announcing readiness, so that a signal sent right after is not fatal.
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        onReady(try await start() + [.ready])
        for await signal in signals {
            logger.info("\(signal) received, stopping")
            break
        }
        await shutdown()
    }

    /// `http://host:port` (or `https://`), with brackets around an IPv6 address.
    static func url(scheme: String = "http", host: String, port: Int) -> URL {
        URL(string: SimulatedNE.url(scheme: scheme, host: host, port: port)) ?? URL(fileURLWithPath: "/")
    }

    /// Stops the pushes and closes every socket; removes the data folder if it was a temporary one.
    public func shutdown() async {
        await schedules.cancelAll()
        await control.stop()
        await withTaskGroup(of: Void.self) { group in
            for ne in nes { group.addTask { await ne.shutdown() } }
        }
        await pusher.shutdown()
        if ownsDataDirectory { try? FileManager.default.removeItem(at: dataDirectory) }
    }
}
