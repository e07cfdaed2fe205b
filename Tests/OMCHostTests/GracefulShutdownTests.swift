import Foundation
@testable import OMCHost
import PluginAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The server lets in-flight requests finish when it is told to stop, then stops plugins and the database.
@Suite struct GracefulShutdownTests {
    @Test func inFlightRequestsFinishBeforePluginsStop() async throws {
        let journal = "shutdown-\(UUID().uuidString)"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-shutdown-\(UUID().uuidString)")
        let file = try PluginsFile.parse("""
            server:
              port: 0
              dataDir: \(folder.path)
            plugins:
              - id: inventory
                config: { journal: \(journal) }
            """, path: "plugins.yaml")
        let assembly = try HostAssembly.assemble(file, catalog: PluginCatalog([InventoryPlugin.self]))
        let runtime = try await HostRuntime.boot(assembly: assembly, database: try HostDatabase.open(directory: folder.path),
                                                 clock: SystemClock(), logSink: LogSink(level: .error) { _, _, _ in })
        let server = try await RunningServer.start(runtime)
        let url = try #require(URL(string: server.baseURL + "/inventory/slow"))

        let inFlight = Task { try await URLSession.shared.data(from: url) }
        try await Task.sleep(for: .milliseconds(150))
        try await server.stop()
        let (body, response) = try await inFlight.value

        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"done\""))
        #expect(Journal.read(journal) == ["start inventory", "stop inventory"])
        await #expect(throws: (any Error).self) { _ = try await runtime.database.read { db in try db.query("SELECT 1", []) } }
    }
}
