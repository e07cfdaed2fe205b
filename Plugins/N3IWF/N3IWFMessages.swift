import PluginAPI

/// The N3IWF plugin's caller-visible texts in Chinese, keyed by their English text. An NE's own
/// words are never translated.
enum N3IWFMessages {
    static let chinese = MessageTranslations(.chinese, [
        "must be an IMSI: 6 to 15 decimal digits": "必须为 IMSI：6 到 15 位十进制数字",
        "NE {0} answered UEs that are not a list of objects with imsi and regState": "网元 {0} 应答的 UE 不是含 imsi 和 regState 的对象列表",
        "List the UEs online through the N3IWF, asked of the NE.": "列出通过 N3IWF 在线的 UE（向网元查询）。",
        "only this UE, 6 to 15 digits": "仅此 UE，6 到 15 位数字",
        "N3IWF MML commands need the N3IWF's ne_id": "N3IWF 的 MML 命令需要 N3IWF 的 ne_id",
        "N3IWF has no configuration section '{0}'; it has {1}": "N3IWF 没有配置段 '{0}'；可用的配置段为 {1}",
    ])
}
