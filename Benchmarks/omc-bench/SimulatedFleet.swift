import Foundation
import NEManagement
import OMCHost
import PluginAPI

/// NEs played by `omc-nesim` and registered, through the HTTP API, in an in-process OMC running the
/// `ne` plugin: what the NE benchmarks measure against.
struct SimulatedFleet: Sendable {
    /// How long the OMC gives an NE to answer. Short, so that a hanging NE costs a run little;
    /// the system-state target is derived from it.
    static let neTimeout = Duration.milliseconds(1000)
    /// The NE type the simulator plays; ``BenchAMFPlugin`` provides it to the OMC.
    static let neType = "AMF"

    /// `logLevel: info` as in production (each POST, MML included, is logged). Polling is pushed out
    /// to an hour: a poll of every NE firing in the middle of a timing would measure the poll.
    static let configuration = """
        server:
          host: 127.0.0.1
          port: 0
          logLevel: info
          neTimeoutMilliseconds: \(Int(Formatting.milliseconds(neTimeout)))
        plugins:
          - id: ne
            config:
              pollIntervalSeconds: 3600
          - id: \(BenchAMFPlugin.manifest.id)
        """

    let simulator: NESimulatorProcess
    let omc: InProcessOMC
    private let directory: TemporaryDirectory

    /// Starts the simulator with `count` NEs and the OMC, and registers every NE in the OMC.
    static func start(nesimPath: String?, count: Int) async throws -> SimulatedFleet {
        guard let nesimPath else {
            throw BenchmarkError("no omc-nesim executable: pass --nesim PATH or set OMC_BENCH_NESIM (Benchmarks/run.sh does)")
        }
        guard FileManager.default.isExecutableFile(atPath: nesimPath) else {
            throw BenchmarkError("\(nesimPath) is not an executable: build it with 'swift build -c release --product omc-nesim'")
        }
        let directory = try TemporaryDirectory(prefix: "omc-bench-ne")
        let simulator: NESimulatorProcess
        do {
            simulator = try await NESimulatorProcess.start(
                executable: nesimPath, generate: "\(neType):\(count)", dataDirectory: directory.file("nesim"),
                logPath: directory.file("nesim.log"))
        } catch {
            directory.remove()
            throw error
        }
        report("  omc-nesim (\(nesimPath)): \(simulator.elements.count) NEs, control API \(simulator.controlURL)")
        let omc: InProcessOMC
        do {
            guard simulator.elements.count == count else {
                throw BenchmarkError("omc-nesim announced \(simulator.elements.count) NEs, not \(count)")
            }
            omc = try await InProcessOMC.start(
                dataDirectory: directory.file("data"), configuration: configuration,
                catalog: PluginCatalog([NEManagementPlugin.self, BenchAMFPlugin.self]))
        } catch {
            _ = await simulator.stop()
            directory.remove()
            throw error
        }
        let fleet = SimulatedFleet(simulator: simulator, omc: omc, directory: directory)
        do {
            try await fleet.registerAll()
        } catch {
            await fleet.stop()
            throw error
        }
        return fleet
    }

    /// `POST …/elementType/amf/objectType/neInfo` for every NE, one after the other.
    private func registerAll() async throws {
        let started = ContinuousClock.now
        for element in simulator.elements {
            let url = omc.baseURL + "/api/rest/systemManagement/v1/elementType/\(element.type.lowercased())/objectType/neInfo"
            let answer = try await JSONHTTP.send("POST", url, json: [
                "neType": .string(element.type), "neId": .string(element.id), "neName": .string("\(element.type)_\(element.id)"),
                "ip": "127.0.0.1", "port": .number(Double(element.port)), "pvFlag": "VNF", "province": "GD",
                "vendorName": "omc-nesim", "dn": .string("bench/\(element.key)"),
            ])
            guard answer.status == 200, answer.body["code"]?.intValue == 200 else {
                throw BenchmarkError("registering \(element.key) answered HTTP \(answer.status): \(answer.body)")
            }
        }
        report("  registered \(simulator.elements.count) NEs through the API in "
            + "\(Int(Formatting.milliseconds(ContinuousClock.now - started))) ms")
    }

    /// Stops the OMC (it holds connections to the NEs), then the simulator, and removes their files.
    /// Failures are reported, not thrown: the figures are already taken.
    func stop() async {
        do { try await omc.stop() } catch { report("  warning: the in-process OMC did not stop cleanly: \(error)") }
        let status = await simulator.stop()
        if status != 0 { report("  warning: omc-nesim exited with status \(status) after SIGTERM; \(simulator.logTail())") }
        directory.remove()
    }
}
