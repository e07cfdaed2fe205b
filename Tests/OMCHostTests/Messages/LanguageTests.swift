@testable import OMCHost
import OMCTesting
import PluginAPI
import Testing

/// Callers read the OMC's messages in the language of their `Accept-Language`; the operation log
/// stays in English.
@Suite struct LanguageTests {
    static let chinese = ["Accept-Language": "zh_CN;q=0.9 en_US;q=0.9"]
    static let viewerInChinese = ["Authorization": "Bearer viewer-token", "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"]
    static let adminInChinese = ["Authorization": "Bearer admin-token", "Accept-Language": "zh_CN"]

    func host() async throws -> MockHost {
        try await MockHost.start([InventoryPlugin.self, GadgetPlugin.self, KeyringPlugin.self])
    }

    @Test func aValidationErrorComesInChineseAndTheOperationLogInEnglish() async throws {
        let host = try await host()
        let missing = try await host.send(.post, "/inventory/items", json: ["quantity": 3], headers: Self.adminInChinese)
        #expect(missing.status == 400)
        #expect(missing.msg == "name：为必填项")
        let paging = await host.send(.get, "/inventory/items?pageSize=abc", headers: Self.adminInChinese)
        #expect(paging.msg == "pageSize：必须是 1 到 1000 之间的整数")
        let english = await host.send(.get, "/inventory/items?pageSize=abc", headers: ["Authorization": "Bearer admin-token"])
        #expect(english.msg == "pageSize: must be an integer from 1 to 1000")
        #expect(host.operations.last { $0.url.hasPrefix("/inventory/items") }?.result == "name: is required")
        await host.shutdown()
    }

    @Test func notFoundAndRefusalsComeInChinese() async throws {
        let host = try await host()
        let unknown = await host.send(.get, "/no/such/route", headers: Self.chinese)
        #expect(unknown.status == 404 && unknown.msg == "没有 GET /no/such/route 对应的接口")
        let anonymous = await host.send(.get, "/inventory/items", headers: Self.chinese)
        #expect(anonymous.status == 401)
        #expect(anonymous.msg == "需要认证：请先登录，并以 'Authorization: Bearer <token>' 发送令牌")
        let refused = try await host.send(.post, "/inventory/items", json: ["name": "x"], headers: Self.viewerInChinese)
        #expect(refused.status == 403 && refused.msg == "POST /inventory/items 需要权限 'inventory:item:add'")
        #expect(host.operations.last?.result == "HTTP 403: permission 'inventory:item:add' is required for POST /inventory/items")
        await host.shutdown()
    }

    @Test func aChineseCallerLeavesTheSameMaskedEnglishRecord() async throws {
        let host = try await MockHost.start([VaultPlugin.self])
        let refused = try await host.send(.post, "/vault/items", json: ["id": "1", "pin": VaultPlugin.pin, "code": VaultPlugin.pin],
                                          headers: ["Accept-Language": "zh-CN"])
        #expect(refused.status == 400)
        #expect(refused.msg == "code：必须不同于 \(VaultPlugin.pin)，它已是 7 号保险库的 PIN", "the caller reads the value they sent")
        let entry = try #require(host.operations.first)
        #expect(entry.parameters == #"{"code":"******","id":"1","pin":"******"}"#)
        #expect(entry.result == "code: must differ from ******, which is already the pin of vault 7")
        #expect(SecretMaskingTests.leaks(host).isEmpty, "\(SecretMaskingTests.leaks(host))")
        await host.shutdown()
    }

    @Test func unknownLanguagesFallBackToEnglish() async throws {
        let host = try await host()
        for header in ["fr-FR,de;q=0.9", "*", "zh;q=0", "en_US"] {
            let unknown = await host.send(.get, "/no/such/route", headers: ["Accept-Language": header])
            #expect(unknown.msg == "no route for GET /no/such/route", "\(header)")
        }
        await host.shutdown()
    }

    @Test func mmlHelpAndMMLErrorsComeInChinese() async throws {
        let host = try await host()
        let help = try await host.mml(["HELP DSP GADGET", "LST CMD", "DSP GADGET: ID=7", "DSP GADGET: ID=x", "DSP GADGET ID=1"],
                                      neType: "gadget", headers: Self.adminInChinese)
        let text = help.data?[0]?["output"]?.stringValue ?? ""
        #expect(text.contains("显示一个小部件。"), "\(text)")
        #expect(text.contains("参数："))
        #expect(text.contains("必填"))
        #expect(text.contains("1 到 5 位十进制数字"))
        #expect(text.contains("小部件 ID"))
        let list = help.data?[1]?["output"]?.stringValue ?? ""
        #expect(list.contains("网元类型") && list.contains("显示一个小部件。"), "\(list)")
        #expect(help.data?[2]?["msg"]?.stringValue == "小部件 7 不存在")
        #expect(help.data?[3]?["msg"]?.stringValue == "ID：必须是 1 到 5 位十进制数字")
        let syntax = help.data?[4]?["msg"]?.stringValue ?? ""
        #expect(syntax.hasPrefix("语法错误，位置：第 ") && syntax.hasSuffix("列：DSP GADGET 之后应为 ':' 或 ';'"), "\(syntax)")
        #expect(help.data?[0]?["msg"]?.stringValue == "Success")
        let logged = host.operations.filter { $0.method == "MML" }.map(\.result)
        #expect(logged.contains("gadget 7 does not exist"))
        #expect(logged.contains("ID: must be 1 to 5 decimal digits"))
        await host.shutdown()
    }

    @Test func commonI18nServesTheCatalogOfTheCallersLanguage() async throws {
        let host = try await host()
        let chinese = await host.send(.get, "/common/i18n", headers: Self.chinese)
        #expect(chinese.status == 200 && chinese.code == 200 && chinese.msg == "Success")
        #expect(chinese.data?["language"]?.stringValue == "zh_CN")
        #expect(chinese.data?["languages"] == .array([.string("en_US"), .string("zh_CN")]))
        #expect(chinese.data?["messages"]?["gadget {0} does not exist"]?.stringValue == "小部件 {0} 不存在")
        #expect(chinese.data?["messages"]?["no route for {0} {1}"]?.stringValue == "没有 {0} {1} 对应的接口")
        let english = await host.send(.get, "/common/i18n?language=en_US", headers: Self.chinese)
        #expect(english.data?["language"]?.stringValue == "en_US")
        #expect(english.data?["messages"]?["no route for {0} {1}"]?.stringValue == "no route for {0} {1}")
        let wrong = await host.send(.get, "/common/i18n?language=fr_FR")
        #expect(wrong.status == 400 && wrong.msg == "language: must be one of en_US, zh_CN")
        await host.shutdown()
    }
}
