import PluginAPI

/// The SMF plugin's caller-visible texts in Chinese, keyed by their English text. An NE's own words
/// are never translated.
enum SMFMessages {
    static let chinese = MessageTranslations(.chinese, [
        "must be an IMSI: 6 to 15 decimal digits": "必须为 IMSI：6 到 15 位十进制数字",
        "NE {0} answered UEs that are not a list of objects with imsi and pduSessions": "网元 {0} 应答的 UE 不是含 imsi 和 pduSessions 的对象列表",
        "NE {0} answered a UE number without ueNum or pduSessionNum": "网元 {0} 应答的 UE 数量缺少 ueNum 或 pduSessionNum",
        "Display how many UEs and PDU sessions the SMF holds, asked of the NE.": "显示 SMF 上的 UE 数和 PDU 会话数（向网元查询）。",
        "List the PDU sessions on the SMF, of one UE or of all, asked of the NE.": "列出 SMF 上某个 UE 或全部 UE 的 PDU 会话（向网元查询）。",
        "only this UE's sessions, 6 to 15 digits": "仅此 UE 的会话，6 到 15 位数字",
        "SMF MML commands need the SMF's ne_id": "SMF 的 MML 命令需要 SMF 的 ne_id",
        "is required: the position of the record to remove": "为必填项：要删除的记录位置",
        "is required: the position of the record to change": "为必填项：要修改的记录位置",
        "must be a record position from 0": "必须是从 0 开始的记录位置",
        "section {0} holds one record and cannot be removed": "配置段 {0} 只有一条记录，不能删除",
        "section {0} holds one record: change it with PUT": "配置段 {0} 只有一条记录：请用 PUT 修改",
        "is required": "为必填项",
        "SMF has no configuration section '{0}'; it has {1}": "SMF 没有配置段 '{0}'；可用的配置段为 {1}",
    ])
}
