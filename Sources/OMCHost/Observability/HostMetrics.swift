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

    // Computed: the descriptor type is not Sendable, so it cannot be a stored static.
    private static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "omc", subsystem: "http", metricName: "requests", unitName: "total",
        helpText: "HTTP requests answered, by method, route pattern and status class") }
    private static var requestDuration: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "omc", subsystem: "http", metricName: "request_duration", unitName: "seconds",
        helpText: "Time from a request's arrival to its answer, by method and route pattern") }
    private static var mmlCommands: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "omc", subsystem: "mml", metricName: "commands", unitName: "total",
        helpText: "MML commands run, by result") }

    init(routes table: RouteTable) {
        let registry = self.registry
        func instruments(method: String, route: String) -> RouteInstruments {
            func counter(_ status: String) -> Counter {
                registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", status)])
            }
            return RouteInstruments(
                success: counter("2xx"), clientError: counter("4xx"), serverError: counter("5xx"),
                duration: registry.makeDurationHistogram(descriptor: Self.requestDuration,
                                                         labels: [("method", method), ("route", route)], buckets: Self.buckets))
        }
        routes = table.routes.map { instruments(method: $0.method.rawValue, route: $0.pattern.text) }
        unmatched = instruments(method: "any", route: "unmatched")
        mmlSucceeded = registry.makeCounter(descriptor: Self.mmlCommands, labels: [("result", "success")])
        mmlFailed = registry.makeCounter(descriptor: Self.mmlCommands, labels: [("result", "failure")])
    }

    func recordMML(succeeded: Bool) {
        (succeeded ? mmlSucceeded : mmlFailed).increment()
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}
