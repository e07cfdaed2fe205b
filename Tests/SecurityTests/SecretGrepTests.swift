import Foundation
import GRDB
import OMCTestSupport
import PluginAPI
import Spreadsheet
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension SecurityTestSuite {
    /// A real `omc serve` with the security, NE and UDM plugins and `omc-nesim` playing the UDM: every
    /// flow that carries a secret is run (logins, password change, registration, user creation, Ki
    /// and OPc added by REST, MML, batch and import, shown by MML and REST, an NE's own answer
    /// holding keys, a forged token), then every log table (read through SQLite and through the log
    /// routes and exports), every file of the data folder but the database, and the process's log
    /// are searched for every secret used. None may be there.
    @Suite struct SecretGrepTests {
        static let firstPassword = "First#Start9x"
        static let adminPassword = "Grep#Chief42q"
        static let viewerPassword = "Grep#Viewer77w"
        static let createdPassword = "Grep#Created55e"
        static let wrongPassword = "Grep#Wrong31r"
        static let nePassword = "NeConsole#Pass19"
        static let keys = ["0a1b2c3d4e5f60718293a4b5c6d7e8f9", "f9e8d7c6b5a4938271605f4e3d2c1b0a",  // REST
                           "11223344556677889900aabbccddeeff", "ffeeddccbbaa00998877665544332211",  // MML
                           "abcdef0123456789abcdef0123456789", "9876543210fedcba9876543210fedcba",  // batch
                           "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5",  // import
                           "c0ffee00c0ffee00c0ffee00c0ffee00",                                      // the NE's answer
                           "7e57ab1e7e57ab1e7e57ab1e7e57ab1e"]                                      // a file without header
        static let configuration = """
            server:
              logLevel: debug
            plugins:
              - id: security
                config: { adminPassword: "\(firstPassword)", captchaEnabled: false, passwordCost: 1, registrationEnabled: true }
              - id: ne
              - id: udm
            """

        @Test(.timeLimit(.minutes(5)))
        func noSecretReachesALogTableAnExportOrTheLog() async throws {
            let simulator = try SimulatorProcess(generate: "UDM:1")
            defer { simulator.stop() }
            let omc = try OMCProcess(configuration: Self.configuration)
            var secrets = [Self.firstPassword, Self.adminPassword, Self.viewerPassword, Self.createdPassword, Self.wrongPassword,
                           Self.nePassword, "forged.bearer.token-value"]
            secrets += Self.keys + Self.keys.map { $0.uppercased() }
            let client = Client(omc: omc)

            // Accounts: first login, password change, a wrong password, registration, a user created by the admin.
            let first = try await client.token("admin", Self.firstPassword)
            secrets.append(first)
            #expect(try await client.call("PUT", "/system/user/profile/updatePwd", token: first,
                                          json: ["oldPassword": .string(Self.firstPassword), "newPassword": .string(Self.adminPassword)]).code == 200)
            #expect(try await client.call("POST", "/login", json: ["username": "admin", "password": .string(Self.wrongPassword)]).code != 200)
            let admin = try await client.token("admin", Self.adminPassword)
            #expect(try await client.call("POST", "/register", json: ["username": "watcher", "password": .string(Self.viewerPassword),
                                                                       "confirmPassword": .string(Self.viewerPassword)]).code == 200)
            let viewer = try await client.token("watcher", Self.viewerPassword)
            secrets += [admin, viewer]
            #expect(try await client.call("POST", "/system/user", token: admin,
                                          json: ["userName": "creator", "password": .string(Self.createdPassword), "deptId": "100"]).code == 200)
            #expect(try await client.call("GET", "/system/user/list", token: "forged.bearer.token-value").status == 401)

            // The UDM and its secrets, every way in.
            let registered = try await client.call("POST", "/api/rest/systemManagement/v1/elementType/udm/objectType/neInfo", token: admin, json: [
                "neType": "UDM", "neId": "001", "neName": "UDM_001", "ip": "127.0.0.1", "port": .number(Double(simulator.port("UDM/001"))),
                "pvFlag": "VNF", "province": "GD", "vendorName": "sim", "dn": "",
            ])
            #expect(registered.code == 200, "\(registered.body)")
            let mml = "/api/rest/opeartionManagement/v1/elementType/udm/objectType/mml?ne_id=001"
            #expect(try await client.call("POST", "/ne/udm/auth/001", token: admin, json: [
                "imsi": "460000000000777", "ki": .string(Self.keys[0]), "opc": .string(Self.keys[1]), "amf": "8000", "algoIndex": "0",
            ]).code == 200)
            let added = try await client.call("POST", mml, token: admin, json: [
                "mml": [.string("ADD AUTHDAT: IMSI=460000000000778, KI=\(Self.keys[2].uppercased()), OPC=\(Self.keys[3])")],
            ])
            #expect(added.body["data"]?[0]?["code"]?.intValue == 200, "\(added.body)")
            #expect(try await client.call("POST", "/ne/udm/auth/001/3", token: admin, json: [
                "imsi": "460000000001000", "ki": .string(Self.keys[4]), "opc": .string(Self.keys[5]),
            ]).code == 200)
            let csv = "imsi,ki,opc,amf,algoIndex,status\n460000000002000,\(Self.keys[6]),\(Self.keys[7]),8000,0,1\n"
            #expect(try await client.upload("/ne/udm/auth/import", token: admin, fields: ["neId": "001"], file: csv).code == 200)
            let headerless = "460000000003000,\(Self.keys[9]),\(Self.keys[9]),8000,0,1\n"
            #expect(try await client.upload("/ne/udm/auth/import", token: admin, fields: ["neId": "001"], file: headerless).code != 200)
            // Shown in clear to the admin, who holds the right, by MML and REST: only the records are masked.
            let shown = try await client.call("POST", mml, token: admin, json: [
                "mml": ["DSP AUTHDAT: IMSI=460000000000777", "DSP AUTHDAT: IMSI=460000000000778", "LST AUTHDAT: IMSI=46000000000"],
            ])
            #expect(shown.body["data"]?[0]?["output"]?.stringValue?.contains(Self.keys[0]) == true, "\(shown.body)")
            let rest = try await client.call("GET", "/ne/udm/auth/001/460000000000777", token: admin)
            #expect(rest.body["data"]?["ki"]?.stringValue == Self.keys[0], "\(rest.body)")
            // An NE answer holding keys, forwarded as is to the caller.
            try await Self.putNEConfig(simulator, ["ki": .string(Self.keys[8]), "adminPassword": .string(Self.nePassword)])
            let forwarded = try await client.call("POST", mml, token: admin, json: ["mml": ["DSP CFG: NAME=system"]])
            #expect(forwarded.body["data"]?[0]?["output"]?.stringValue?.contains(Self.keys[8]) == true, "\(forwarded.body)")
            // A viewer's 40,000-character line.
            _ = try await client.call("POST", mml, token: viewer, json: ["mml": [.string("DSP " + String(repeating: "A", count: 40_000))]])

            // The viewer reads the operation log: the DSP AUTHDAT entries are there, masked.
            let list = try await client.call("GET", "/monitor/operlog/list?pageSize=1000", token: viewer)
            let rows = list.body["rows"]?.arrayValue ?? []
            #expect(rows.contains { $0["title"]?.stringValue == "MML DSP AUTHDAT" && $0["jsonResult"]?.stringValue?.contains("ki = ******") == true },
                    "\(list.body)")
            #expect(rows.contains { $0["title"]?.stringValue?.hasPrefix("Settle") == false && $0["operName"]?.stringValue == "anonymous" })
            var texts = ["operation log list": list.raw,
                         "login log list": try await client.call("GET", "/monitor/logininfor/list?pageSize=1000", token: admin).raw]
            for (name, path) in [("operation log export", "/monitor/operlog/export"), ("login log export", "/monitor/logininfor/export")] {
                let export = try await client.call("POST", path, token: admin, json: [:])
                #expect(export.status == 200, "\(name): \(export.raw.prefix(300))")
                texts[name] = try Self.workbookText(export.data)
            }
            let stopped = omc.stop()
            texts["omc log"] = stopped.log
            #expect(stopped.log.contains("POST /ne/udm/auth/001"), "the log was written at debug level")
            for (table, text) in try Self.logTables(omc.dataDirectory) { texts["table \(table)"] = text }
            #expect(texts.keys.contains("table security_oper_log") && texts.keys.contains("table security_login_log"))
            for (file, text) in Self.dataFiles(omc.dataDirectory) { texts["file \(file)"] = text }

            // What is searched holds what the flows recorded, masked.
            let operationTable = texts["table security_oper_log"] ?? ""
            #expect(operationTable.contains("ki = ******") && operationTable.contains("opc = ******"))
            #expect(operationTable.contains("adminPassword = ******"), "the NE's forwarded answer is recorded, masked")
            #expect(operationTable.contains("KI=******, OPC=******"))
            #expect(operationTable.contains("(cut: 40004 characters in all)"), "the viewer's 40,000-character line is stored cut")
            #expect(operationTable.contains("Refused: ") && operationTable.contains("Settle") == false)
            #expect(texts["operation log export"]?.contains("MML DSP AUTHDAT") == true)
            #expect(texts["login log export"]?.contains("watcher") == true)
            for (source, text) in texts {
                let lower = text.lowercased()
                for secret in secrets where lower.contains(secret.lowercased()) {
                    Issue.record("\(source) holds the secret \(secret.prefix(6))…")
                }
            }
        }

        /// Every row of every log table, read through SQLite, as text.
        static func logTables(_ data: URL) throws -> [String: String] {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: data.appendingPathComponent("omc.sqlite").path, configuration: configuration)
            return try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%log%'")
                var texts: [String: String] = [:]
                for table in tables {
                    let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"")
                    texts[table] = rows.map { row in row.databaseValues.map { $0.description }.joined(separator: "\t") }.joined(separator: "\n")
                }
                return texts
            }
        }

        /// Every file of the data folder but the database (whose log tables are read above and whose
        /// other tables keep Ki and OPc sealed): batch files, uploads, exports must all be gone or clean.
        static func dataFiles(_ data: URL) -> [String: String] {
            var files: [String: String] = [:]
            let enumerator = FileManager.default.enumerator(at: data, includingPropertiesForKeys: [.isRegularFileKey])
            while let url = enumerator?.nextObject() as? URL {
                guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                      !url.lastPathComponent.hasPrefix("omc.sqlite"), let content = try? Data(contentsOf: url) else { continue }
                files[url.path] = String(decoding: content, as: UTF8.self)
            }
            return files
        }

        static func workbookText(_ data: Data) throws -> String {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("grep-\(UUID().uuidString).xlsx").path
            try data.write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            var rows: [String] = []
            try SpreadsheetReader(path: path).forEachRow { _, cells in rows.append(cells.joined(separator: "\t")) }
            return rows.joined(separator: "\n")
        }

        /// Adds parameters to the NE's `system` section behind the OMC's back, so that its console prints them.
        static func putNEConfig(_ simulator: SimulatorProcess, _ parameters: [String: JSONValue]) async throws {
            let url = "http://127.0.0.1:\(simulator.port("UDM/001"))/api/rest/systemManagement/v1/elementType/udm/objectType/config/system"
            guard let address = URL(string: url) else { throw TestFailure("bad URL \(url)") }
            var request = URLRequest(url: address)
            request.httpMethod = "PUT"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(try JSONBody.encode(JSONValue.object(parameters)))
            let (_, response) = try await URLSession.shared.data(for: request)
            guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw TestFailure("the NE refused the configuration") }
        }

        /// Requests to the OMC process with a bearer token.
        struct Client {
            let omc: OMCProcess

            struct Answer {
                let status: Int
                let data: Data
                var raw: String { String(decoding: data, as: UTF8.self) }
                var body: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .null }
                var code: Int? { body["code"]?.intValue }
            }

            func call(_ method: String, _ path: String, token: String? = nil, json: JSONValue? = nil) async throws -> Answer {
                var headers: [String: String] = [:]
                if let token { headers["Authorization"] = "Bearer \(token)" }
                var body: Data?
                if let json {
                    body = Data(try JSONBody.encode(json))
                    headers["Content-Type"] = "application/json"
                }
                let answer = try await omc.request(method, path, body: body, headers: headers)
                return Answer(status: answer.status, data: answer.body)
            }

            func upload(_ path: String, token: String, fields: [String: String], file: String) async throws -> Answer {
                let boundary = "grep-\(UUID().uuidString)"
                var text = ""
                for (name, value) in fields { text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n" }
                text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"auth.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                text += file + "\r\n--\(boundary)--\r\n"
                let answer = try await omc.request("POST", path, body: Data(text.utf8), headers: [
                    "Authorization": "Bearer \(token)", "Content-Type": "multipart/form-data; boundary=\(boundary)",
                ])
                return Answer(status: answer.status, data: answer.body)
            }

            func token(_ userName: String, _ password: String) async throws -> String {
                let answer = try await call("POST", "/login", json: ["username": .string(userName), "password": .string(password)])
                guard let token = answer.body["data"]?["access_token"]?.stringValue else { throw TestFailure("login of \(userName): \(answer.raw)") }
                return token
            }
        }
    }
}
