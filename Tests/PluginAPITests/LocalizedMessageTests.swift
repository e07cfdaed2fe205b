import Foundation
import PluginAPI
import Testing

@Suite struct LocalizedMessageTests {
    static let chinese = MessageTranslations(.chinese, [
        "{0}: must be an integer from {1} to {2}": "{0}：必须是 {1} 到 {2} 之间的整数",
        "NE {0}/{1} is not registered": "网元 {0}/{1} 未注册",
        "import refused: {0}": "导入被拒绝：{0}",
        "{1} before {0}": "{0} 在 {1} 之后",
        "must be an IPv4 or IPv6 address, not '{0}'": "必须是 IPv4 或 IPv6 地址，而不是 '{0}'",
    ])

    @Test func aLiteralKeepsItsTemplateAndValues() {
        let field = "pageSize", low = 1, high = 100
        let message: LocalizedMessage = "\(field): must be an integer from \(low) to \(high)"
        #expect(message.id == "{0}: must be an integer from {1} to {2}")
        #expect(message.arguments == [.text("pageSize"), .text("1"), .text("100")])
        #expect(message.english == "pageSize: must be an integer from 1 to 100")
        #expect(message.rendered(Self.chinese) == "pageSize：必须是 1 到 100 之间的整数")
    }

    @Test func valuesAreNeverTranslatedButNestedMessagesAre() {
        let inner: LocalizedMessage = "NE \("UDM")/\("udm-1") is not registered"
        let outer: LocalizedMessage = "import refused: \(inner)"
        #expect(outer.rendered(Self.chinese) == "导入被拒绝：网元 UDM/udm-1 未注册")
        // A value that happens to read like a message id stays as the caller sent it.
        let echoed: LocalizedMessage = "import refused: \("NE {0}/{1} is not registered")"
        #expect(echoed.rendered(Self.chinese) == "导入被拒绝：NE {0}/{1} is not registered")
        // An OMCError caught as `any Error` brings its message along, translated.
        let caught: any Error = OMCError.notFound(inner)
        #expect(("import refused: \(caught)" as LocalizedMessage).rendered(Self.chinese) == "导入被拒绝：网元 UDM/udm-1 未注册")
    }

    @Test func translationsMayReorderValuesAndUntranslatedTextFallsBackToEnglish() {
        let reordered: LocalizedMessage = "\("b") before \("a")"
        #expect(reordered.id == "{0} before {1}")
        let swapped = LocalizedMessage(id: "{1} before {0}", arguments: [.text("a"), .text("b")])
        #expect(swapped.rendered(Self.chinese) == "a 在 b 之后")
        let unknown: LocalizedMessage = "nothing translates \(42)"
        #expect(unknown.rendered(Self.chinese) == "nothing translates 42")
        #expect(LocalizedMessage.verbatim("NE says {0}").rendered(Self.chinese) == "NE says {0}")
    }

    @Test func literalsJoinedByPlusFormOneMessage() {
        let joined: LocalizedMessage = "\("x"): must be an integer " + "from \(1) to \(9)"
        #expect(joined.id == "{0}: must be an integer from {1} to {2}")
        #expect(joined.rendered(Self.chinese) == "x：必须是 1 到 9 之间的整数")
    }

    @Test func errorsAreBoundedInEveryLanguage() {
        let huge = String(repeating: "4", count: 9_900_000)
        let error = OMCError.invalid("ip", "must be an IPv4 or IPv6 address, not '\(huge)'")
        let chinese = error.localized.rendered(Self.chinese)
        #expect(chinese.hasPrefix("ip: 必须是 IPv4 或 IPv6 地址，而不是 '4444"))
        #expect(chinese.hasSuffix("…' (9,900,000 characters)"))
        #expect(chinese.count < 200)
    }

    @Test func messagesEncodeInTheLanguageTheEncoderCarries() throws {
        struct Envelope: Encodable { let msg: LocalizedMessage }
        let envelope = Envelope(msg: "NE \("UDM")/\("u1") is not registered")
        let encoder = JSONEncoder()
        #expect(String(decoding: try encoder.encode(envelope), as: UTF8.self) == #"{"msg":"NE UDM\/u1 is not registered"}"#)
        encoder.userInfo[MessageTranslations.codingKey] = Self.chinese
        #expect(String(decoding: try encoder.encode(envelope), as: UTF8.self) == #"{"msg":"网元 UDM\/u1 未注册"}"#)
    }

    @Test func aTranslationThatLosesAPlaceholderIsADeclarationMistake() {
        var registrar = PluginRegistrar(manifest: PluginManifest(id: "demo", version: "1.0.0", kind: .feature, summary: "demo"))
        registrar.messages(MessageTranslations(.chinese, ["NE {0}/{1} is not registered": "网元 {0} 未注册", "ok {0}": "好 {0}"]))
        #expect(registrar.problems.count == 1)
        #expect(registrar.problems.first?.contains("NE {0}/{1} is not registered") == true)
        #expect(registrar.translations.count == 1)
    }
}
