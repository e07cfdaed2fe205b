import PluginAPI

/// The System plugin's caller-visible texts in Chinese, keyed by their English text as the code
/// writes it. Messages of PluginAPI and the host are translated by the host.
enum SystemMessages {
    static let chinese = MessageTranslations(.chinese, [
        "'{0}' is a job the host runs for a plugin; it cannot be changed, paused, run or deleted here": "'{0}' 是主机为插件运行的任务，不能在此修改、暂停、执行或删除",
        "'{0}' is not a job number": "'{0}' 不是任务编号",
        "at most 1000 ids at once": "一次最多 1000 个编号",
        "'{0}' is not a log entry number; give positive integers separated by commas": "'{0}' 不是日志编号；请给出以逗号分隔的正整数",
        "must be a log entry number": "必须是日志编号",
        "job {0} does not exist": "任务 {0} 不存在",
        "job {0} does not exist; nothing was deleted": "任务 {0} 不存在；未删除任何任务",
        "job log entry {0} does not exist": "任务日志 {0} 不存在",
        "no job log entry with id {0}; nothing was deleted": "没有编号为 {0} 的任务日志；未删除任何日志",
        "job {0} is running and does not allow concurrent runs; try again when it has finished": "任务 {0} 正在执行且不允许并发；请在其结束后重试",
        "jobName: a job named '{0}' already exists in group '{1}'": "jobName：任务组 '{1}' 中已有名为 '{0}' 的任务",
        "targetParams: must be a JSON object such as {\"olderThanDays\": 30}": "targetParams：必须是 JSON 对象，如 {\"olderThanDays\": 30}",
        "cronExpression: {0}": "cronExpression：{0}",
        "'{0}' is neither milliseconds since 1970 nor a time like 2023-07-04 13:00:00": "'{0}' 既不是自 1970 年起的毫秒数，也不是形如 2023-07-04 13:00:00 的时间",
        "must be 1 to 64 letters, digits, _ or -": "必须为 1 到 64 个字母、数字、_ 或 -",
        "must be a job number": "必须是任务编号",
        "must be 0 (inactive) or 1 (active)": "必须为 0（停用）或 1（启用）",
        "must be 0 (failed) or 1 (succeeded)": "必须为 0（失败）或 1（成功）",
        "must be a table name in lower case": "必须是小写的数据表名",
        "reading {0} needs the right {1}": "读取 {0} 需要权限 {1}",
        "changing {0} needs the right {1}": "修改 {0} 需要权限 {1}",
        "at most 10 statements at once": "一次最多 10 条语句",
        "the table {0} cannot be changed": "数据表 {0} 不可修改",
        "is required: an object of the columns to change, such as {\"{0}\": {\"name\": \"test3\"}}": "为必填项：要修改的列组成的对象，如 {\"{0}\": {\"name\": \"test3\"}}",
        "no plugin exposes the table '{0}'; the tables are {1}": "没有插件开放数据表 '{0}'；可用数据表为 {1}",
        "no help document is installed for {0}; an administrator installs it as helpDoc/{1}.pdf in the data folder of the system plugin": "尚未安装 {0} 的帮助文档；管理员应将其安装为 system 插件数据目录下的 helpDoc/{1}.pdf",
        "must be en_US.pdf or zh_CN.pdf": "必须为 en_US.pdf 或 zh_CN.pdf",
        "must be en_US or zh_CN": "必须为 en_US 或 zh_CN",
        "the load history of NEs is not kept yet; leave out neType and neId for the OMC's own load": "尚未保存网元的负载历史；查询 OMC 自身负载时请不要给出 neType 和 neId",
        "must not be before startTime": "不能早于 startTime",
        "Export data record is empty": "导出数据记录为空",
    ])
}
