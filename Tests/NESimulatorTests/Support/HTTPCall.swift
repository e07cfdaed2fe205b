import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP requests from the tests, through a URLSession each simulator process owns, so that its pooled
/// connections are closed with it and do not pile up in the test process. (No `Connection: close`: with
/// it, Linux URLSession now and then leaves a following request waiting for its full timeout. Pooling
/// is no problem for the fault tests, as a refusing NE closes its idle connections.)
enum HTTPCall {
    struct Answer: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data
        var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static func send(_ method: String, _ url: URL, body: Data? = nil, timeout: TimeInterval = 15, session: URLSession) async throws -> Answer {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        request.httpBody = body
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        let (data, response) = try await session.data(for: request)
        let http = response as? HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http?.allHeaderFields ?? [:] { fields[String(describing: key).lowercased()] = String(describing: value) }
        return Answer(status: http?.statusCode ?? 0, headers: fields, body: data)
    }

    static func send(_ method: String, _ url: URL, json: String, timeout: TimeInterval = 15, session: URLSession) async throws -> Answer {
        try await send(method, url, body: Data(json.utf8), timeout: timeout, session: session)
    }
}
