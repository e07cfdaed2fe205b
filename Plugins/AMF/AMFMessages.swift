import PluginAPI

/// The AMF plugin's caller-visible texts in Chinese, keyed by their English text. An NE's own words
/// are never translated.
enum AMFMessages {
    static let chinese = MessageTranslations(.chinese, [
        "must be a gNB id: 1 to 10 decimal digits": "必须为基站 ID：1 到 10 位十进制数字",
        "AMF has no configuration section '{0}'; it has {1}": "AMF 没有配置段 '{0}'；可用的配置段为 {1}",
        "NE {0} answered a base station without nbId or state": "网元 {0} 应答的基站缺少 nbId 或 state",
        "Display a gNB registered with the AMF, asked of the NE.": "显示注册到 AMF 的基站（向网元查询）。",
        "gNB id, 1 to 10 digits": "基站 ID，1 到 10 位数字",
        "List the AMF's GUAMIs, asked of the NE.": "列出 AMF 的 GUAMI（向网元查询）。",
        "AMF MML commands need the AMF's ne_id": "AMF 的 MML 命令需要 AMF 的 ne_id",
        "is required: the position of the record to remove": "为必填项：要删除的记录位置",
        "is required: the position of the record to change": "为必填项：要修改的记录位置",
        "must be a record position from 0": "必须是从 0 开始的记录位置",
        "section {0} holds one record and cannot be removed": "配置段 {0} 只有一条记录，不能删除",
        "section {0} holds one record: change it with PUT": "配置段 {0} 只有一条记录：请用 PUT 修改",
        "must be a PLMN: MCC and MNC, 5 or 6 digits": "必须为 PLMN：MCC 加 MNC，5 或 6 位数字",
        "must be 2 hex digits": "必须为 2 位十六进制数字",
        "must be 3 hex digits from 000 to 3FF": "必须为 000 到 3FF 的 3 位十六进制数字",
        "must be 2 hex digits from 00 to 3F": "必须为 00 到 3F 的 2 位十六进制数字",
        "must be 6 hex digits": "必须为 6 位十六进制数字",
    ])
}
