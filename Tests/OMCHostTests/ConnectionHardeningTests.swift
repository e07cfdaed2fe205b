import Foundation
@testable import OMCHost
import Testing

/// What the server does with clients that misbehave at the HTTP level: heads sent too slowly, idle
/// connections, too many connections, broken bodies; and the security headers on plain HTTP.
@Suite struct ConnectionHardeningTests {
    static let addItem = "POST /inventory/items HTTP/1.1\r\nHost: omc\r\nAuthorization: Bearer admin-token\r\nContent-Type: application/json\r\n"

    @Test func aHalfSentHeadIsCutAfterTheHeaderTimeout() async throws {
        let server = try await TestServer.start(["headerTimeoutSeconds: 2", "idleTimeoutSeconds: 60"])
        let opened = Date()
        let slow = try RawConnection.open(port: server.port)
        slow.send("GET /inventory/items HTTP/1.1\r\nHost: omc\r\n")
        try await Task.sleep(for: .milliseconds(300))
        slow.send("X-Slow: 1\r\n")
        let cut = await slow.readUntilClosed(timeout: 15)
        let lifetime = Date().timeIntervalSince(opened)
        #expect(cut.closed && cut.text.isEmpty, "\(cut)")
        #expect(lifetime >= 1.8, "closed after \(lifetime) s, before the header timeout")
        slow.close()

        // A client that sends its head in time is answered, and its kept-alive connection is not
        // cut by the header timeout while it sends nothing.
        let prompt = try RawConnection.open(port: server.port)
        prompt.send("GET /inventory/items HTTP/1.1\r\nHost: omc\r\n\r\n")
        let answer = await prompt.readUntilClosed(timeout: 10, stopAfterResponse: true)
        #expect(answer.text.hasPrefix("HTTP/1.1 401"), "\(answer)")
        let quiet = await prompt.readUntilClosed(timeout: 2.5)
        #expect(!quiet.closed, "a kept-alive connection was closed after \(quiet.seconds) s with a 60 s idle timeout")
        prompt.close()
        try await server.stop()
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        let server = try await TestServer.start(["headerTimeoutSeconds: 30", "idleTimeoutSeconds: 2"])
        let idle = try RawConnection.open(port: server.port)
        idle.send("GET /inventory/items HTTP/1.1\r\nHost: omc\r\n\r\n")
        let answer = await idle.readUntilClosed(timeout: 10, stopAfterResponse: true)
        #expect(answer.text.hasPrefix("HTTP/1.1 401"), "\(answer)")
        let closed = await idle.readUntilClosed(timeout: 20)
        #expect(closed.closed, "an idle connection stayed open for \(closed.seconds) s")
        #expect(closed.seconds >= 1.0, "closed after \(closed.seconds) s, before the idle timeout")
        idle.close()
        try await server.stop()
    }

    @Test func connectionsPastTheLimitAreClosedAtAccept() async throws {
        let server = try await TestServer.start(["maxConnections: 2", "headerTimeoutSeconds: 60"])
        let first = try RawConnection.open(port: server.port)
        let second = try RawConnection.open(port: server.port)
        // Both held connections are answered, so the server has accepted them.
        for connection in [first, second] {
            connection.send("GET /inventory/items HTTP/1.1\r\nHost: omc\r\n\r\n")
            #expect(await connection.readUntilClosed(timeout: 10, stopAfterResponse: true).text.hasPrefix("HTTP/1.1 401"))
        }
        let third = try RawConnection.open(port: server.port)
        third.send("GET /inventory/items HTTP/1.1\r\nHost: omc\r\n\r\n")
        let refused = await third.readUntilClosed(timeout: 10)
        #expect(refused.closed && refused.text.isEmpty, "\(refused)")
        third.close()

        first.close()
        var answered = false
        for _ in 0..<40 where !answered {
            try await Task.sleep(for: .milliseconds(100))
            let next = try RawConnection.open(port: server.port)
            next.send("GET /inventory/items HTTP/1.1\r\nHost: omc\r\n\r\n")
            answered = await next.readUntilClosed(timeout: 5, stopAfterResponse: true).text.hasPrefix("HTTP/1.1 401")
            next.close()
        }
        #expect(answered, "a connection closed by its client did not free its place")
        second.close()
        try await server.stop()
    }

    @Test func aMalformedChunkedBodyAnswers400() async throws {
        let server = try await TestServer.start()
        let client = try RawConnection.open(port: server.port)
        client.send(Self.addItem + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{\"name\":\"x\"}\r\n0\r\n\r\n")
        let answer = await client.readUntilClosed(timeout: 10, stopAfterResponse: true)
        #expect(answer.text.hasPrefix("HTTP/1.1 400"), "\(answer)")
        #expect(answer.text.hasSuffix("{\"code\":500,\"msg\":\"the request body could not be read: its chunked encoding is malformed, or the connection ended after 0 bytes\"}"),
                "\(answer)")
        client.close()
        try await server.stop()
    }

    @Test func aBodyShorterThanItsContentLengthAnswers400() async throws {
        let server = try await TestServer.start()
        let client = try RawConnection.open(port: server.port)
        client.send(Self.addItem + "Content-Length: 100\r\n\r\n{\"name\":")
        client.finishSending()
        let answer = await client.readUntilClosed(timeout: 10, stopAfterResponse: true)
        #expect(answer.text.hasPrefix("HTTP/1.1 400"), "\(answer)")
        #expect(answer.text.hasSuffix("{\"code\":500,\"msg\":\"the request body could not be read: the connection ended after 8 of the 100 bytes its Content-Length announces\"}"),
                "\(answer)")
        client.close()
        try await server.stop()
    }

    @Test func plainHTTPAnswersCarryTheSecurityHeadersButNotHSTS() async throws {
        let server = try await TestServer.start()
        for (path, status) in [("/inventory/items", "401"), ("/nowhere", "404")] {
            let client = try RawConnection.open(port: server.port)
            client.send("GET \(path) HTTP/1.1\r\nHost: omc\r\n\r\n")
            let answer = await client.readUntilClosed(timeout: 10, stopAfterResponse: true)
            let head = answer.text.lowercased()
            #expect(head.hasPrefix("http/1.1 \(status)"), "\(answer)")
            #expect(head.contains("content-security-policy: default-src 'self'; frame-ancestors 'none'\r\n"))
            #expect(head.contains("x-content-type-options: nosniff\r\n") && head.contains("referrer-policy: no-referrer\r\n"))
            #expect(head.contains("x-frame-options: deny\r\n") && !head.contains("strict-transport-security"))
            client.close()
        }
        try await server.stop()
    }
}
