import Foundation
import PluginAPI

/// `omc serve` and `omc-nesim` both as processes, the simulator playing one NE of one type that is
/// registered in the OMC through the document's `neInfo` route: what the plugin benchmarks (UDM,
/// PCF, capture download) run against.
struct SpawnedSite {
    let directory: TemporaryDirectory
    let simulator: NESimulatorProcess
    let omc: SpawnedOMC
    /// The NE the simulator plays.
    let element: NESimulatorProcess.Element
    /// `http://host:port` of the OMC.
    let base: String

    /// Starts the simulator playing one `neType` NE and the OMC with `configuration` (a whole
    /// plugins.yaml), then registers the NE. Whatever started is stopped again when a step fails.
    static func start(neType: String, configuration: String, omcPath: String?, nesimPath: String?) async throws -> SpawnedSite {
        guard let omcPath, let nesimPath else { throw BenchmarkError("--omc and --nesim are needed for the \(neType) benchmarks") }
        let directory = try TemporaryDirectory(prefix: "omc-bench-\(neType.lowercased())")
        let simulator: NESimulatorProcess
        do {
            simulator = try await NESimulatorProcess.start(executable: nesimPath, generate: "\(neType):1",
                                                           dataDirectory: directory.file("nesim"), logPath: directory.file("nesim.log"))
        } catch {
            directory.remove()
            throw error
        }
        var omc: SpawnedOMC?
        do {
            guard let element = simulator.elements.first else { throw BenchmarkError("the simulator plays no \(neType)") }
            let file = directory.file("plugins.yaml")
            try configuration.write(toFile: file, atomically: true, encoding: .utf8)
            let spawned = try SpawnedOMC(executable: omcPath, configuration: file, dataDirectory: directory.file("omc"),
                                         logPath: directory.file("omc.log"))
            omc = spawned
            let listening = try await spawned.waitUntilListening()
            let base = "http://\(listening.host):\(listening.port)"
            let registered = try await JSONHTTP.send(
                "POST", base + "/api/rest/systemManagement/v1/elementType/\(neType.lowercased())/objectType/neInfo", json: [
                    "neType": .string(neType), "neId": .string(element.id), "neName": .string("\(neType)_bench"), "ip": "127.0.0.1",
                    "port": .number(Double(element.port)), "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
                ])
            guard registered.status == 200 else { throw BenchmarkError("registering \(neType)/\(element.id) failed: \(registered.body)") }
            return SpawnedSite(directory: directory, simulator: simulator, omc: spawned, element: element, base: base)
        } catch {
            if let omc { _ = await omc.stop() }
            _ = await simulator.stop()
            directory.remove()
            throw error
        }
    }

    /// Runs `body` against the site, then stops both processes and removes the folder, whether
    /// `body` succeeded or not.
    func measure<T>(_ body: (SpawnedSite) async throws -> T) async throws -> T {
        do {
            let result = try await body(self)
            await stop()
            return result
        } catch {
            await stop()
            throw error
        }
    }

    private func stop() async {
        _ = await omc.stop()
        _ = await simulator.stop()
        directory.remove()
    }
}
