import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OMCHost
import PluginAPI
import Testing

/// `HEAD` and `OPTIONS` on every route, and CORS only where `server.cors` allows it, over real HTTP.
@Suite struct HeadAndOptionsTests {
    static let admin = ["Authorization": "Bearer admin-token"]

    /// Sends `method` to `path` on `server`: status, headers (lower-cased names) and body.
    func call(_ server: TestServer, _ method: NIOHTTP1.HTTPMethod, _ path: String, headers: [String: String] = [:],
              body: String? = nil) async throws -> (status: Int, headers: [String: String], body: String) {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        return (Int(response.status.code), fields, String(buffer: bytes))
    }

    @Test func headAnswersLikeGetWithoutABody() async throws {
        let server = try await TestServer.start()
        let added = try await call(server, .POST, "/inventory/items", headers: Self.admin.merging(["Content-Type": "application/json"]) { $1 },
                                   body: #"{"name": "sfp-10g"}"#)
        #expect(added.status == 200, "\(added.body)")
        let get = try await call(server, .GET, "/inventory/items", headers: Self.admin)
        let head = try await call(server, .HEAD, "/inventory/items", headers: Self.admin)
        #expect(get.status == 200 && get.body.contains("sfp-10g"))
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.headers["content-type"] == get.headers["content-type"])
        #expect(head.headers["content-length"] == String(get.body.utf8.count))
        #expect(head.headers["x-content-type-options"] == "nosniff")

        // A streamed answer is produced and counted, so HEAD knows its length too.
        let export = try await call(server, .GET, "/inventory/export", headers: Self.admin)
        let exportHead = try await call(server, .HEAD, "/inventory/export", headers: Self.admin)
        #expect(export.status == 200 && export.body.contains("sfp-10g"))
        #expect(exportHead.status == 200 && exportHead.body.isEmpty)
        #expect(exportHead.headers["content-length"] == String(export.body.utf8.count))
        #expect(exportHead.headers["content-disposition"] == export.headers["content-disposition"])

        // HEAD goes through the same identity check as GET: refused without a session, no body either.
        let anonymous = try await call(server, .HEAD, "/inventory/items")
        #expect(anonymous.status == 401 && anonymous.body.isEmpty)
        // A path without GET answers 405 to HEAD, naming what it does answer.
        let noGet = try await call(server, .HEAD, "/api/rest/opeartionManagement/v1/elementType/omc/objectType/mml", headers: Self.admin)
        #expect(noGet.status == 405 && noGet.headers["allow"] == "POST, OPTIONS")
        try await server.stop()
    }

    @Test func optionsListsThePathsMethodsWithoutCORSUnlessConfigured() async throws {
        let server = try await TestServer.start()
        // No token: a browser's preflight carries none.
        let items = try await call(server, .OPTIONS, "/inventory/items", headers: ["Origin": "https://console.example.net"])
        #expect(items.status == 204 && items.body.isEmpty)
        #expect(items.headers["allow"] == "GET, HEAD, POST, OPTIONS")
        #expect(!items.headers.keys.contains { $0.hasPrefix("access-control-") }, "\(items.headers)")
        let one = try await call(server, .OPTIONS, "/inventory/items/7")
        #expect(one.status == 204 && one.headers["allow"]?.hasPrefix("GET, HEAD") == true)
        let home = try await call(server, .OPTIONS, "/")
        #expect(home.status == 204 && home.headers["allow"] == "GET, HEAD, OPTIONS")
        #expect(try await call(server, .OPTIONS, "/no/such/path").status == 404)
        try await server.stop()
    }

    @Test func corsAnswersOnlyTheConfiguredOrigins() async throws {
        let server = try await TestServer.start(["cors:", "  allowedOrigins: [https://console.example.net]", "  maxAgeSeconds: 120"])
        let preflight = try await call(server, .OPTIONS, "/inventory/items", headers: [
            "Origin": "https://console.example.net", "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        ])
        #expect(preflight.status == 204)
        #expect(preflight.headers["access-control-allow-origin"] == "https://console.example.net")
        #expect(preflight.headers["access-control-allow-methods"] == "GET, HEAD, POST, OPTIONS")
        #expect(preflight.headers["access-control-allow-headers"]?.contains("Authorization") == true)
        #expect(preflight.headers["access-control-max-age"] == "120")
        #expect(preflight.headers["vary"] == "Origin")

        let list = try await call(server, .GET, "/inventory/items", headers: Self.admin.merging(["Origin": "https://console.example.net"]) { $1 })
        #expect(list.status == 200 && list.headers["access-control-allow-origin"] == "https://console.example.net")
        #expect(list.headers["access-control-allow-methods"] == nil)

        let stranger = try await call(server, .OPTIONS, "/inventory/items", headers: [
            "Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST",
        ])
        #expect(stranger.status == 204 && !stranger.headers.keys.contains { $0.hasPrefix("access-control-") }, "\(stranger.headers)")
        try await server.stop()
    }

    @Test func corsOriginsAreCheckedWhenTheFileIsRead() {
        let yaml = """
            server:
              cors:
                allowedOrigins: ["https://console.example.net/app", "ftp://files", "*"]
                maxAgeSeconds: -1
            plugins: []
            """
        var messages: [String] = []
        do {
            _ = try PluginsFile.parse(yaml, path: "plugins.yaml")
        } catch {
            messages = error.diagnostics.map(\.description)
        }
        #expect(messages.count == 3, "\(messages)")
        #expect(messages.contains { $0.contains("server.cors.allowedOrigins has 'https://console.example.net/app', which is not an origin") })
        #expect(messages.contains { $0.contains("server.cors.allowedOrigins has 'ftp://files', which is not an origin") })
        #expect(messages.contains { $0.contains("maxAgeSeconds") })
        #expect((try? PluginsFile.parse("server:\n  cors:\n    allowedOrigins: ['*']\nplugins: []\n", path: "p"))?.server.cors?.allowedOrigins == ["*"])
        #expect((try? PluginsFile.parse("server:\n  port: 0\nplugins: []\n", path: "p"))?.server.cors == nil)
    }
}
