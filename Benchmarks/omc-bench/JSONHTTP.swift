import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PluginAPI

/// One JSON request at a time over URLSession: enough for setting benchmarks up and for timing
/// single slow calls, where the client's own overhead (well under a millisecond on loopback) is
/// lost in the figure. Loads are generated with ``Wrk``, never with this.
enum JSONHTTP {
    struct Answer: Sendable {
        let status: Int
        let body: JSONValue
        /// From just before the request was handed to URLSession until the whole body had arrived.
        let elapsed: Duration
    }

    /// Sends `json` (if any) with `method` to `url` and decodes the answer, whatever its status.
    static func send(_ method: String, _ url: String, json: JSONValue? = nil, headers: [String: String] = [:],
                     timeout: Duration = .seconds(30)) async throws -> Answer {
        guard let address = URL(string: url) else { throw BenchmarkError("not a URL: \(url)") }
        var request = URLRequest(url: address)
        request.httpMethod = method
        request.timeoutInterval = Formatting.seconds(timeout)
        if let json {
            request.httpBody = Data(try JSONBody.encode(json))
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let started = ContinuousClock.now
        let (data, response) = try await URLSession.shared.data(for: request)
        let elapsed = ContinuousClock.now - started
        guard let status = (response as? HTTPURLResponse)?.statusCode else {
            throw BenchmarkError("\(method) \(url) got an answer that is not HTTP")
        }
        guard let body = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            throw BenchmarkError("\(method) \(url) answered HTTP \(status) with a body that is not JSON: "
                + String(decoding: data.prefix(300), as: UTF8.self))
        }
        return Answer(status: status, body: body, elapsed: elapsed)
    }
}
