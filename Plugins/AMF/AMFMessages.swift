import PluginAPI

/// The AMF plugin's caller-visible texts in Chinese, keyed by their English text. An NE's own words
/// are never translated.
enum AMFMessages {
    static let chinese = MessageTranslations(.chinese, [
        "must be a gNB id: 1 to 10 decimal digits": "必须为基站 ID：1 到 10 位十进制数字",
        "AMF has no configuration section '{0}'; it has {1}": "AMF 没有配置段 '{0}'；可用的配置段为 {1}",
        "NE {0} answered without data": "网元 {0} 的应答中没有 data",
        "NE {0} answered a base station without nbId or state": "网元 {0} 应答的基站缺少 nbId 或 state",
        "Display a gNB registered with the AMF, asked of the NE.": "显示注册到 AMF 的基站（向网元查询）。",
        "gNB id, 1 to 10 digits": "基站 ID，1 到 10 位数字",
        "List the AMF's GUAMIs, asked of the NE.": "列出 AMF 的 GUAMI（向网元查询）。",
        "AMF MML commands need the AMF's ne_id": "AMF 的 MML 命令需要 AMF 的 ne_id",
    ])
}
