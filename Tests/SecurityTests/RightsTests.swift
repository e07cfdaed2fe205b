import Foundation
import NEManagement
import OMCHost
import OMCTesting
import PluginAPI
import Security
import Testing

extension SecurityTestSuite {
    /// Rights across every plugin: the route walk, menus filtered by rights, and filters that must not inject.
    @Suite struct RightsTests {
        static let plugins: [any OMCPlugin.Type] = [SecurityPlugin.self, NEManagementPlugin.self]
        /// Routes anybody may call without a session.
        static let publicRoutes: Set<String> = ["GET /", "GET /metrics", "GET /common/i18n", "POST /login", "POST /logout", "GET /captchaImage",
                                                 "POST /register",
                                                 // NEs push alarms without a session, proven by their push credential (DECISIONS 190).
                                                 "POST /api/rest/faultManagement/v1/elementType/{neType}/objectType/alarms",
                                                 // and KPI reports, proven the same way.
                                                 "POST /api/rest/performanceManagement/v1/elementType/{neType}/objectType/measurement"]
        /// Writes any caller with a session may make, whatever their roles: their own session, profile and API tokens,
        /// and the MML console, whose commands are authorized one by one.
        static let ownWrites: Set<String> = [
            "PUT /system/user/profile", "PUT /system/user/profile/updatePwd", "POST /system/user/profile/avatar",
            "POST /system/user/token", "DELETE /system/user/token/{tokenId}",
            "POST /api/rest/opeartionManagement/v1/elementType/{neType}/objectType/mml",
            "POST /api/rest/opeartionManagement/v1/elementType/{neType}/objectType/MML",
            // Everyone cancels their own long operations; another's needs monitor:operation:cancel.
            "PUT /monitor/operation/cancel/{operationId}",
            // The document asks for the help document's address with a POST; every session may read it.
            "POST /helpDoc",
        ]

        static func mountedRoutes() throws -> [(method: String, path: String, permission: String, owner: String, summary: String)] {
            let yaml = "plugins:\n" + plugins.map { "  - id: \($0.manifest.id)\n" }.joined()
            let assembly = try HostAssembly.assemble(try PluginsFile.parse(yaml, path: "plugins.yaml"), catalog: PluginCatalog(plugins))
            return assembly.routeListing
        }

        /// The stock `plugins.yaml` names every route open without login (the bundled walk proves the
        /// list complete) and says how to protect `/metrics`.
        @Test func theStockPluginsFileListsEveryOpenRoute() throws {
            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let text = try String(contentsOf: root.appendingPathComponent("plugins.yaml"), encoding: .utf8)
            let comments = text.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
                .joined(separator: " ").replacingOccurrences(of: "#", with: " ")
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for route in Self.publicRoutes { #expect(comments.contains(route), "plugins.yaml does not list the open route \(route)") }
            #expect(comments.contains("To protect /metrics"))
            for route in try Self.mountedRoutes() where route.permission == "open" {
                #expect(Self.publicRoutes.contains("\(route.method) \(route.path)"), "\(route.method) \(route.path) is open but not listed")
            }
        }

        @Test func noRouteOfAnyPluginAnswersWithoutASessionOrToAViewersWrite() async throws {
            try await SecurityHost.start(["registrationEnabled": "true"]).use { host async throws in
            _ = try await host.admin()
            let viewer = try await host.registered("viewer1")
            let routes = try Self.mountedRoutes()
            #expect(routes.count > 25)
            #expect(Set(routes.map(\.owner)).isSuperset(of: ["security", "ne", "omc"]))
            for route in routes {
                let key = "\(route.method) \(route.path)"
                let path = route.path.replacingOccurrences(of: #"\{[A-Za-z0-9_]+\}"#, with: "1", options: .regularExpression)
                let method = try #require(HTTPMethod(rawValue: route.method))
                if Self.publicRoutes.contains(key) {
                    #expect(route.permission == "open", "\(key) is public but declares \(route.permission)")
                    continue
                }
                #expect(route.permission != "open", "\(key) answers without a session")
                let anonymous = await host.send(method, path, headers: ["Content-Type": "application/json"], body: Array("{}".utf8))
                #expect(anonymous.status == 401, "\(key) answered \(anonymous.status) without a session")
                let forged = await host.send(method, path, headers: ["Authorization": "Bearer x.y.z"])
                #expect(forged.status == 401, "\(key) answered \(forged.status) to a forged token")
                if route.method != "GET", !Self.ownWrites.contains(key), key != "POST /logout" {
                    #expect(Permission.isWellFormed(route.permission), "\(key) is a write without a permission")
                    let write = await host.send(method, path, headers: viewer.merging(["Content-Type": "application/json"]) { a, _ in a },
                                                body: Array("{}".utf8))
                    #expect(write.status == 403, "\(key) answered \(write.status) to a viewer")
                }
            }
            }
        }

        @Test func theMenuHoldsWhatTheCallerMayUseAndNothingElse() async throws {
            let host = try await SecurityHost.start(["registrationEnabled": "true"])
            let admin = try await host.admin()
            let menu = await host.send(.get, "/getRouters", headers: admin)
            let top = (menu.data?.arrayValue ?? []).map { $0["path"]?.stringValue ?? "" }
            #expect(top == ["/ne", "/system", "/monitor"])
            let ne = menu.data?[0]
            #expect(ne?["component"]?.stringValue == "BasicLayout" && ne?["redirect"]?.stringValue == "/ne/info")
            #expect(ne?["meta"]?["title"]?.stringValue == "NE Management")
            #expect(ne?["meta"]?["target"] == .null && ne?["meta"]?["hide"]?.boolValue == false)
            #expect(ne?["children"]?[0]?["path"]?.stringValue == "info" && ne?["children"]?[0]?["component"]?.stringValue == "ne/info/index")
            #expect(menu.data?[1]?["children"]?[0]?["name"]?.stringValue == "User")
            var chinese = admin
            chinese["Accept-Language"] = "zh_CN;q=0.9 en_US;q=0.9"
            let translated = await host.send(.get, "/getRouters", headers: chinese)
            #expect(translated.data?[0]?["meta"]?["title"]?.stringValue == "网元管理")
            #expect(translated.data?[1]?["meta"]?["title"]?.stringValue == "系统管理")
            #expect(translated.data?[1]?["children"]?[0]?["meta"]?["title"]?.stringValue == "用户管理")

            let viewer = try await host.registered("viewer2")
            let viewerMenu = await host.send(.get, "/getRouters", headers: viewer)
            #expect((viewerMenu.data?.arrayValue ?? []).map { $0["path"]?.stringValue ?? "" } == ["/ne", "/system", "/monitor"],
                    "a viewer reads every list")
            await host.shutdown()

            // Without the ne plugin there is no NE menu; a role without rights on a directory does not see it.
            let alone = try await SecurityHost.start(["registrationEnabled": "true", "registrationRole": "operator"], plugins: [SecurityPlugin.self])
            _ = try await alone.admin()
            let operatorSession = try await alone.registered("operator1")
            let operatorMenu = await alone.send(.get, "/getRouters", headers: operatorSession)
            #expect(operatorMenu.code == 200 && operatorMenu.data == .array([]), "the operator role has no system or monitor rights")
            #expect(await alone.send(.get, "/monitor/online/list", headers: operatorSession).status == 403)
            await alone.shutdown()
        }

        @Test func injectionStringsInListFiltersChangeNothing() async throws {
            try await SecurityHost.start().use { host async throws in
            let admin = try await host.admin()
            let attacks = ["' OR '1'='1", "%", "_", "\\", "admin' --", "\"; DROP TABLE security_user; --", "1) OR (1=1", "%' OR 1=1 --"]
            let lists = ["/monitor/logininfor/list": ["ipaddr", "userName"], "/monitor/operlog/list": ["title", "operName"],
                         "/monitor/online/list": ["userName", "ipaddr"]]
            let usersBefore = try await host.database.read { db in try db.first("SELECT count(*) AS n FROM security_user")?.int("n") }
            for (list, fields) in lists {
                for field in fields {
                    for attack in attacks {
                        let encoded = attack.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                        let answer = await host.send(.get, "\(list)?\(field)=\(encoded)", headers: admin)
                        #expect(answer.code == 200, "\(list) \(field)=\(attack): \(answer.text)")
                        #expect(answer.json?["total"]?.intValue == 0, "\(list) \(field)=\(attack) matched \(answer.json?["total"]?.intValue ?? -1)")
                    }
                }
            }
            let usersAfter = try await host.database.read { db in try db.first("SELECT count(*) AS n FROM security_user")?.int("n") }
            #expect(usersBefore == usersAfter)
            #expect(await host.send(.get, "/monitor/logininfor/list?userName=dmi", headers: admin).json?["total"]?.intValue == 2,
                    "a plain substring still matches")
            #expect(try await host.login("admin", SecurityHost.adminPassword).code == 200)
            }
        }
    }
}
