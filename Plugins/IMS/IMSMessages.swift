import PluginAPI

/// The IMS plugin's caller-visible texts in Chinese, keyed by their English text. An NE's own words
/// are never translated.
enum IMSMessages {
    static let chinese = MessageTranslations(.chinese, [
        "must be an IMSI: 6 to 15 decimal digits": "必须为 IMSI：6 到 15 位十进制数字",
        "NE {0} answered registrations that are not a list of objects with imsi and regState": "网元 {0} 应答的注册信息不是含 imsi 和 regState 的对象列表",
        "Display a UE's IMS registrations, asked of the NE.": "显示 UE 的 IMS 注册信息（向网元查询）。",
        "the UE's IMSI, 6 to 15 digits": "UE 的 IMSI，6 到 15 位数字",
        "IMS MML commands need the IMS core's ne_id": "IMS 的 MML 命令需要 IMS 核心网的 ne_id",
        "IMS has no configuration section '{0}'; it has {1}": "IMS 没有配置段 '{0}'；可用的配置段为 {1}",
    ])
}
