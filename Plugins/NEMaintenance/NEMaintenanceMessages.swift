import PluginAPI

/// The NE maintenance plugin's caller-visible texts in Chinese, keyed by their English text as the
/// code writes it; registered with ``PluginRegistrar/messages(_:)``. Messages of PluginAPI and the
/// host are translated by the host; an NE's own words are never translated.
enum NEMaintenanceMessages {
    static let chinese = MessageTranslations(.chinese, [
        "is required": "为必填项",
        // MML
        "the NE type, like UDM": "网元类型，例如 UDM",
        "the NE's id": "网元 ID",
        "Display the software an NE reports: running and previous version, packages held, the operation holding it.": "显示网元报告的软件：运行版本和上一版本、所持软件包、正在占用该网元的操作。",
        "List the software packages the OMC holds for an NE type, newest first.": "列出 OMC 中某网元类型的软件包，最新的在前。",
        "List an NE's configuration backups, newest first.": "列出网元的配置备份，最新的在前。",
        // Software packages
        "installs version {0}, not {1}": "安装的版本是 {0}，而不是 {1}",
        "is a package for {0}, not {1}": "是 {0} 的软件包，而不是 {1} 的",
        "is not a software package: it has no manifest.json": "不是软件包：缺少 manifest.json",
        "is not a software package: manifest.json cannot be read": "不是软件包：无法读取 manifest.json",
        "is not a software package: manifest.json is larger than 64 KiB": "不是软件包：manifest.json 超过 64 KiB",
        "is not a software package: manifest.json must be {\"neType\": …, \"version\": …}": "不是软件包：manifest.json 必须为 {\"neType\": …, \"version\": …}",
        "is not a software package: not a zip archive": "不是软件包：不是 zip 压缩包",
        "must be 64 hex digits": "必须为 64 位十六进制数字",
        "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit": "必须为 1 到 64 个字母、数字、'.'、'_' 或 '-'，并以字母或数字开头",
        "package {0} {1} is being distributed to NE {2}/{3}; delete it afterwards": "软件包 {0} {1} 正在下发到网元 {2}/{3}；请在下发结束后再删除",
        "the OMC already holds package {0} {1}; delete it before uploading it again": "OMC 中已有软件包 {0} {1}；请先删除再重新上传",
        "the OMC holds no package {0} {1}": "OMC 中没有软件包 {0} {1}",
        "the OMC holds no package {0} {1}; upload it first": "OMC 中没有软件包 {0} {1}；请先上传",
        "the file arrived with SHA-256 {0}, not {1}; upload it again": "收到的文件 SHA-256 为 {0}，而不是 {1}；请重新上传",
        "the package could not be moved into the OMC's package folder": "无法将软件包移入 OMC 的软件包目录",
        // Software on NEs
        "NE {0} accepted package {1} but does not list it": "网元 {0} 接收了软件包 {1}，但其软件包列表中没有它",
        "NE {0} already runs {1}": "网元 {0} 已在运行 {1}",
        "NE {0} came back running {1}, not {2}: {3}": "网元 {0} 重启后运行的是 {1}，而不是 {2}：{3}",
        "NE {0} did not come back within {1} s after restarting into {2}; its version is unknown until it answers": "网元 {0} 重启到 {2} 后 {1} 秒内未恢复；在其应答前版本未知",
        "NE {0} did not report its software state: {1}": "网元 {0} 未报告其软件状态：{1}",
        "NE {0} does not hold package {1}; distribute it first": "网元 {0} 上没有软件包 {1}；请先下发",
        "NE {0} has no previous version to roll back to": "网元 {0} 没有可回退的上一版本",
        "NE {0} refused package {1}: {2}": "网元 {0} 拒绝接收软件包 {1}：{2}",
        "NE {0} refused the activation of {1}: {2}": "网元 {0} 拒绝激活 {1}：{2}",
        "NE {0} refused the rollback from {1}: {2}": "网元 {0} 拒绝从 {1} 回退：{2}",
        "NE {0} runs {1}, not {2}; a rollback starts from the running version": "网元 {0} 运行的是 {1}，而不是 {2}；回退须从当前运行版本开始",
        "NE {0}/{1} is busy with operation {2} ({3}); one operation per NE at a time": "网元 {0}/{1} 正在执行操作 {2}（{3}）；每个网元同一时间只能执行一个操作",
        "NE {0}/{1} is not registered": "网元 {0}/{1} 未注册",
        "NE type '{0}' is not provided by any enabled plugin; enabled NE types: {1}": "没有已启用的插件提供网元类型 '{0}'；已启用的网元类型：{1}",
        // Configuration backups
        "NE {0} refused the configuration export: {1}": "网元 {0} 拒绝导出配置：{1}",
        "NE {0} refused the restore of {1}: {2}": "网元 {0} 拒绝恢复 {1}：{2}",
        "NE {0}'s configuration export is larger than 16 MiB": "网元 {0} 导出的配置超过 16 MiB",
        "NE {0}'s current configuration could not be backed up, so nothing was restored: {1}": "无法备份网元 {0} 的当前配置，因此未执行恢复：{1}",
        "NE {0}/{1} has no backup {2}": "网元 {0}/{1} 没有备份 {2}",
        "must be the name of a backup, like udm-sz_01-etc-20230627002725.zip": "必须是备份文件名，例如 udm-sz_01-etc-20230627002725.zip",
        "restoring {0} replaces the configuration of NE {1}: resend with \"confirm\": true": "恢复 {0} 将替换网元 {1} 的配置：请带上 \"confirm\": true 重新发送",
        "the backup could not be moved into the OMC's backup folder": "无法将备份移入 OMC 的备份目录",
        "the configuration export holds '{0}', which is no configuration section (etc/<name>.json, at most 4 MiB)": "导出的配置中包含 '{0}'，它不是配置段（etc/<name>.json，最大 4 MiB）",
        "the configuration export holds more than 256 sections": "导出的配置包含超过 256 个配置段",
        "the configuration export holds no configuration section": "导出的配置中没有任何配置段",
        "the configuration export is not a zip archive": "导出的配置不是 zip 压缩包",
        "the configuration export's '{0}' cannot be read": "无法读取导出配置中的 '{0}'",
        "the configuration export's '{0}' is not JSON": "导出配置中的 '{0}' 不是 JSON",
    ])
}
