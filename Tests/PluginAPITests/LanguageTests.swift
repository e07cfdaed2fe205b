import PluginAPI
import Testing

@Suite struct LanguageTests {
    @Test(arguments: [
        ("zh_CN", Language.chinese), ("zh_CN;q=0.9 en_US;q=0.9", .chinese), ("zh-CN,zh;q=0.9,en;q=0.8", .chinese),
        ("en-US,en;q=0.9,zh-CN;q=0.8", .english), ("en_US;q=0.5, zh_CN;q=0.8", .chinese), ("ZH-cn", .chinese),
        ("zh-Hans-CN", .chinese), ("zh", .chinese), ("*", .english), ("zh;q=0", .english), ("zh;q=0, *", .english),
        ("fr-FR,de;q=0.9", .english), ("fr-FR, zh;q=0.1", .chinese), ("", .english), (";;q=,", .english),
        ("zh_CN;q=abc", .english), ("en;q=0.8 zh_CN", .chinese), ("zh_CN ; q=0.3, en_US ; q=0.4", .english),
    ])
    func acceptLanguageChoosesTheBestLanguageOffered(header: String, expected: Language) {
        #expect(Language(acceptLanguage: header) == expected, "\(header)")
    }
}
