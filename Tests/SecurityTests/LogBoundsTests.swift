import Foundation
import OMCTesting
import PluginAPI
import Spreadsheet
import Testing

extension SecurityTestSuite {
    /// What the log tables keep is bounded, and no stored value can break a log export.
    @Suite struct LogBoundsTests {
        @Test func aFortyThousandCharacterMMLLineFromAViewerIsStoredCutAndExported() async throws {
            try await SecurityHost.start(["registrationEnabled": "true"]).use { host async throws in
                let admin = try await host.admin()
                let viewer = try await host.registered("watcher")
                // The verb and object are the title of the entry: an unknown 40,000-letter object is stored
                // in it, and in the error message.
                let line = "DSP " + String(repeating: "A", count: 40_000)
                _ = try await host.mml([line], neType: "omc", headers: viewer)
                let stored = try await host.database.read { db in
                    try db.query("SELECT title, oper_param, json_result, error_msg, oper_url FROM security_oper_log WHERE oper_name = 'watcher'", [])
                }
                #expect(!stored.isEmpty)
                for row in stored {
                    for column in ["title", "oper_param", "json_result", "error_msg", "oper_url"] {
                        #expect((row.string(column) ?? "").unicodeScalars.count <= 2000, "\(column) is not bounded")
                    }
                }
                let export = try await host.send(.post, "/monitor/operlog/export", json: [String: String](), headers: admin)
                #expect(export.status == 200, "\(export.text.prefix(300))")
                #expect(try ProfileTests.rows(of: export.body).count >= 2)
            }
        }

        @Test func exportsSurviveAnyStoredValue() async throws {
            try await SecurityHost.start().use { host async throws in
                let admin = try await host.admin()
                // Rows an older version, another tool or a damaged disk may have left: over the cell limit,
                // control characters, bytes that are not UTF-8.
                try await host.database.write { db in
                    for value in [String(repeating: "x", count: 40_000), "bell\u{7} nul\u{0} esc\u{1B} \u{FFFF}"] {
                        try db.execute("""
                            INSERT INTO security_oper_log (title, business_type, method, request_method, operator_type, oper_name, dept_name,
                                oper_url, oper_ip, oper_location, oper_param, json_result, status, error_msg, oper_time, cost_time)
                            VALUES (?, 0, 'm', 'POST', 1, 'old', '', '/', '', '', ?, ?, '1', '', 1, 1)
                            """, [.text(value), .text(value), .text(value)])
                    }
                    try db.execute("""
                        INSERT INTO security_oper_log (title, business_type, method, request_method, operator_type, oper_name, dept_name,
                            oper_url, oper_ip, oper_location, oper_param, json_result, status, error_msg, oper_time, cost_time)
                        VALUES (CAST(X'C328FF' AS TEXT), 0, 'm', 'POST', 1, 'old', '', '/', '', '', CAST(X'80' AS TEXT), '', '1', '', 1, 1)
                        """)
                    try db.execute("""
                        INSERT INTO security_login_log (user_name, ipaddr, login_location, browser, os, status, msg, login_time)
                        VALUES (?, '', '', CAST(X'FE' AS TEXT), '', '0', ?, 1)
                        """, [.text(String(repeating: "u", count: 40_000)), .text("a\u{0}b")])
                }
                let operations = try await host.send(.post, "/monitor/operlog/export", json: [String: String](), headers: admin)
                #expect(operations.status == 200, "\(operations.text.prefix(300))")
                let rows = try ProfileTests.rows(of: operations.body)
                #expect(rows.contains { $0.contains { $0.hasSuffix("(cut: 40000 characters in all)") } })
                let logins = try await host.send(.post, "/monitor/logininfor/export", json: [String: String](), headers: admin)
                #expect(logins.status == 200, "\(logins.text.prefix(300))")
                #expect(try ProfileTests.rows(of: logins.body).count >= 2)
            }
        }
    }
}
