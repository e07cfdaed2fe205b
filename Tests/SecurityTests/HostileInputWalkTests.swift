import Foundation
import OMCTestSupport
import PluginAPI
import Testing

extension SecurityTestSuite {
    /// Every route of a real `omc serve` with every bundled plugin gets the hostile-input corpus
    /// (`Tests/Corpus`) as an administrator would send it: in its path parameters, in the query
    /// parameters the document uses, as every JSON field and as the whole body. No answer is a 5xx,
    /// no answer echoes a whole oversized input, and the process is alive and serving at the end.
    /// New routes are walked as soon as a plugin mounts them; new values as soon as the corpus's
    /// script makes them.
    @Suite struct HostileInputWalkTests {
        /// Query parameter names the API document uses for paging, filters and addressing.
        static let queryNames = ["pageNum", "pageSize", "neId", "ne_id", "imsi", "msisdn", "id", "type", "userName", "beginTime", "endTime",
                                 "sortField", "sortOrder", "neType", "status", "title"]
        /// JSON field names the document's bodies use.
        static let fieldNames = ["neId", "neType", "imsi", "msisdn", "ki", "opc", "amf", "ip", "port", "mml", "userName", "password",
                                 "roleIds", "permissions", "deptId", "postIds", "status", "pageNum", "pageSize", "cmd", "timeout",
                                 "startTime", "endTime", "interfaces", "fileName", "num", "ids", "nickName", "email", "remark"]
        /// Routes that would end the administrator's own session, and the live alarm stream, which
        /// answers until the client goes away (FaultTests send it hostile filters with a limit).
        static let skipped: Set<String> = ["POST /logout", "GET /fault/alarms/stream"]

        @Test func noRouteAnswersAHostileInputWithA5xx() async throws {
            let corpus = try HostileInput.corpus()
            #expect(corpus.count > 150)
            let omc = try await BundledOMC.start(securityConfig: ["adminPassword": "\"\(SecurityHost.firstPassword)\"", "captchaEnabled": "false",
                                                                   "passwordCost": "1", "maxFailedLoginsPerSource": "100000"])
            let first = try await omc.token("admin", SecurityHost.firstPassword)
            _ = try await omc.send("PUT", "/system/user/profile/updatePwd", token: first,
                                   json: ["oldPassword": .string(SecurityHost.firstPassword), "newPassword": .string(SecurityHost.adminPassword)])
            var token = try await omc.token("admin", SecurityHost.adminPassword)

            var failures: [String] = []
            var sent = 0
            for (routeIndex, route) in omc.routes.enumerated() where !Self.skipped.contains("\(route.method) \(route.path)") {
                for (inputIndex, input) in corpus.enumerated() {
                    // Each value reaches a fifth of the routes in each shape, a different fifth per shape.
                    let shape = (inputIndex + routeIndex) % 5
                    guard shape < 3, let request = Self.request(route.method, route.path, input, shape: shape) else { continue }
                    var answer = try await omc.send(route.method, request.path, token: token, body: request.body)
                    if answer.status == 401 {
                        token = try await omc.token("admin", SecurityHost.adminPassword)
                        answer = try await omc.send(route.method, request.path, token: token, body: request.body)
                    }
                    sent += 1
                    let what = "\(route.method) \(route.path) with \(input.kind) #\(inputIndex) as \(["body", "path and query", "whole body"][shape])"
                    if answer.status >= 500 { failures.append("\(what): \(answer.status) \(answer.text.prefix(300))") }
                    if answer.text.utf8.count > 16_384, answer.status >= 400 { failures.append("\(what): an error of \(answer.text.utf8.count) bytes") }
                }
            }
            #expect(failures.isEmpty, "\(failures.count) of \(sent) hostile requests failed:\n\(failures.prefix(40).joined(separator: "\n"))")
            #expect(sent > 5_000)
            let alive = try await omc.send("GET", "/", token: nil, body: nil)
            #expect(alive.status == 200, "the OMC still serves after the walk")
            await omc.shutdown()
        }

        /// The request of `shape` carrying `input` to `method path`: 0, every JSON field set to the
        /// value; 1, every path and query parameter set to it (text values that fit in a URL only);
        /// 2, the value as the whole body. Nil when the shape cannot carry the value.
        static func request(_ method: String, _ path: String, _ input: HostileInput, shape: Int) -> (path: String, body: Data?)? {
            let plain = path.replacingOccurrences(of: #"\{[A-Za-z0-9_]+\}"#, with: "1", options: .regularExpression)
            switch shape {
            case 0:
                guard method != "GET" else { return nil }
                // A value of megabytes goes in two fields only: thirty copies would only test the body limit.
                let names = input.json.utf8.count > 100_000 ? Array(fieldNames.prefix(2)) : fieldNames
                let fields = names.map { "\"\($0)\":\(input.json)" }.joined(separator: ",")
                return (plain, Data("{\(fields)}".utf8))
            case 1:
                guard let component = input.urlComponent, component.utf8.count <= 4_096 else { return nil }
                let filled = path.replacingOccurrences(of: #"\{[A-Za-z0-9_]+\}"#, with: component, options: .regularExpression)
                let query = queryNames.map { "\($0)=\(component)" }.joined(separator: "&")
                return (filled + "?" + query, method == "GET" ? nil : Data("{}".utf8))
            default:
                guard method != "GET" else { return nil }
                return (plain, Data(input.json.utf8))
            }
        }
    }
}
