import PluginAPI
import Prometheus

/// The host's Prometheus metrics: per-route request counts by status class and latency histograms,
/// and MML command counts. Instruments are created once per route at start-up, so serving a request
/// costs no registry lookup.
final class HostMetrics: Sendable {
    struct RouteInstruments: Sendable {
        let success: Counter
        let clientError: Counter
        let serverError: Counter
        let duration: DurationHistogram

        func record(status: Int, duration elapsed: Duration) {
            switch status {
            case ..<400: success.increment()
            case ..<500: clientError.increment()
            default: serverError.increment()
            }
            duration.record(elapsed)
        }
    }

    let registry = PrometheusCollectorRegistry()
    let routes: [RouteInstruments]
    let unmatched: RouteInstruments
    private let mmlSucceeded: Counter
    private let mmlFailed: Counter

    private static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                              .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
                                              .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]

    init(routes table: RouteTable) {
        let registry = self.registry
        func instruments(method: String, route: String) -> RouteInstruments {
            func counter(_ status: String) -> Counter {
                registry.makeCounter(name: "omc_http_requests_total", labels: [("method", method), ("route", route), ("status", status)])
            }
            return RouteInstruments(
                success: counter("2xx"), clientError: counter("4xx"), serverError: counter("5xx"),
                duration: registry.makeDurationHistogram(name: "omc_http_request_duration_seconds",
                                                         labels: [("method", method), ("route", route)], buckets: Self.buckets))
        }
        routes = table.routes.map { instruments(method: $0.method.rawValue, route: $0.pattern.text) }
        unmatched = instruments(method: "any", route: "unmatched")
        mmlSucceeded = registry.makeCounter(name: "omc_mml_commands_total", labels: [("result", "success")])
        mmlFailed = registry.makeCounter(name: "omc_mml_commands_total", labels: [("result", "failure")])
    }

    func recordMML(succeeded: Bool) {
        (succeeded ? mmlSucceeded : mmlFailed).increment()
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
