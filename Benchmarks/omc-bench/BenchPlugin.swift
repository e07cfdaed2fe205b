import PluginAPI

/// The smallest useful plugin: one read-only route that answers a constant. Served through the
/// whole host stack (routing, identity check, context, JSON envelope, metrics, logging), it shows
/// what the host costs on top of Hummingbird.
struct BenchPlugin: OMCPlugin {
    static let manifest = PluginManifest(
        id: "bench",
        version: "1.0.0",
        kind: .feature,
        summary: "Benchmark-only plugin with one trivial route.")

    /// The route the throughput benchmark loads.
    static let pingPath = "/bench/ping"

    init(configuration: PluginConfiguration) {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.route(.get, Self.pingPath, permission: "bench:ping:query", summary: "Answers pong.") { _, _ in
            .success(["pong": true])
        }
    }
}
