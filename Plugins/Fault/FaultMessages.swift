import PluginAPI

/// The fault plugin's caller-visible texts in Chinese, keyed by their English text as the code writes
/// it; registered with ``PluginRegistrar/messages(_:)``. Words of a NOC: 告警 alarm, 网元 NE, 确认 acknowledge.
enum FaultMessages {
    static let chinese = MessageTranslations(.chinese, [
        // Pushes.
        "body: must hold at least one alarm": "body：至少须包含一条告警",
        "body: must hold at most {0} alarms, not {1}": "body：最多包含 {0} 条告警，实际为 {1} 条",
        "[{0}]: must be an alarm object": "[{0}]：必须是告警对象",
        "body: must be an alarm object or an array of alarm objects": "body：必须是告警对象或告警对象数组",
        "{0} is of NE {1}; an NE pushes only its own alarms, and this credential is {2}'s":
            "{0} 属于网元 {1}；网元只能上报自己的告警，而此凭据属于 {2}",
        "the alarm": "该告警",
        "{0}{1}: {2}": "{0}{1}：{2}",
        "must be 1 (raised) or 0 (cleared)": "必须是 1（产生）或 0（清除）",
        "must be one of {0}, not '{1}'": "必须是 {0} 之一，而不是 '{1}'",
        "must be 1 (critical), 2 (major), 3 (minor), 4 (warning) or 5 (indeterminate), not {0}":
            "必须是 1（紧急）、2（重要）、3（次要）、4（警告）或 5（不确定），而不是 {0}",
        "must be Critical, Major, Minor, Warning, Indeterminate or Event, not '{0}'":
            "必须是 Critical、Major、Minor、Warning、Indeterminate 或 Event，而不是 '{0}'",
        "is required: alarm code {0} is not in the {1} alarm catalog": "为必填项：告警码 {0} 不在 {1} 的告警目录中",
        "must be a string": "必须是字符串",
        "must be at most {0} characters": "最多 {0} 个字符",
        "must not contain control characters": "不能包含控制字符",
        "is required": "为必填项",
        "must be a whole number": "必须是整数",
        "must be one of {0}": "必须是 {0} 之一",
        "must be a whole number or 1 to 64 letters, digits, '-', '_' or '.'": "必须是整数，或 1 到 64 个字母、数字、'-'、'_' 或 '.'",
        "must be a time yyyy-MM-dd HH:mm:ss": "必须是 yyyy-MM-dd HH:mm:ss 格式的时间",
        "is {0}, more than {1} s after the OMC's time {2}: the NE's clock is wrong": "为 {0}，比 OMC 时间 {2} 晚 {1} 秒以上：网元时钟有误",
        "is {0}, before 2000-01-01: the NE's clock is wrong": "为 {0}，早于 2000-01-01：网元时钟有误",
        // Synchronisation.
        "NE {0}/{1} is not registered": "网元 {0}/{1} 未注册",
        "NE {0} answered its active alarms with something other than an array of alarms": "网元 {0} 返回的活动告警不是告警数组",
        "NE {0} answered alarms the OMC cannot read: {1}": "网元 {0} 返回了 OMC 无法读取的告警：{1}",
        "NE {0} answered alarms of another NE: {1}": "网元 {0} 返回了其他网元的告警：{1}",
        // Operator routes.
        "alarm {0} does not exist": "告警 {0} 不存在",
        "alarm {0} does not exist; nothing was changed": "告警 {0} 不存在；未做任何更改",
        "must name at least one alarm": "至少须指定一条告警",
        "alarm {0} is already cleared": "告警 {0} 已清除",
        "must not be empty": "不能为空",
        // Export.
        "must be active or cleared": "必须是 active 或 cleared",
        "must be xlsx or csv": "必须是 xlsx 或 csv",
        // Stream.
        "must be an event id from this stream, not '{0}'": "必须是此告警流中的事件 ID，而不是 '{0}'",
        // Subscriptions.
        "'{0}' is not a subscription number": "'{0}' 不是订阅编号",
        "subscription {0} does not exist": "订阅 {0} 不存在",
        "must name at least one notification type": "至少须指定一种通知类型",
        "must be http://<IP address>:<port>/<path> without query or credentials": "必须是 http://<IP 地址>:<端口>/<路径>，不带查询参数或凭据",
        "must name an IP address, not the host name '{0}'": "必须是 IP 地址，而不是主机名 '{0}'",
        "the consumer answered HTTP {0}": "订阅者返回了 HTTP {0}",
        "the new subscription could not be read back": "无法读回新建的订阅",
        // MML.
        "only alarms of NEs of this type, e.g. UDM": "仅列出该类型网元的告警，例如 UDM",
        "only alarms of this NE id": "仅列出该网元 ID 的告警",
        "only alarms of this severity": "仅列出该级别的告警",
        "only alarms of this alarm code": "仅列出该告警码的告警",
        "only acknowledged (YES) or unacknowledged (NO) alarms": "仅列出已确认（YES）或未确认（NO）的告警",
        "most alarms listed, newest first (default 100)": "最多列出的告警数，最新的在前（默认 100）",
        "List active alarms, newest first, e.g. LST ALMAF: SEVERITY=critical, NETYPE=UDM;": "列出活动告警，最新的在前，例如 LST ALMAF: SEVERITY=critical, NETYPE=UDM;",
        "List cleared alarms (the history), most recently cleared first.": "列出已清除的告警（历史告警），最近清除的在前。",
        "alarm numbers, separated by &, e.g. ID=12&13": "告警编号，以 & 分隔，例如 ID=12&13",
        "Acknowledge alarms by number.": "按编号确认告警。",
        "the alarm number": "告警编号",
        "why it is cleared": "清除原因",
        "Clear an active alarm by hand; the NE may raise it again.": "手工清除一条活动告警；网元可能再次上报该告警。",
        "'{0}' is not an alarm number": "'{0}' 不是告警编号",
        "must name 1 to 1000 alarms": "须指定 1 到 1000 条告警",
        // Menus.
        "Fault Management": "故障管理",
        "Active alarms": "活动告警",
        "Alarm history": "历史告警",
    ])
}
