import PluginAPI

/// The NE management plugin's caller-visible texts in Chinese (errors, MML help, menu titles), keyed by
/// their English text as the code writes it; registered with ``PluginRegistrar/messages(_:)``.
/// Messages of PluginAPI and the host are translated by the host.
enum NEManagementMessages {
    static let chinese = MessageTranslations(.chinese, [
        "must be an integer from 1 to 65535": "必须是 1 到 65535 之间的整数",
        "'{0}' is not provided by any enabled plugin; enabled NE types: {1}": "没有已启用的插件提供 '{0}'；已启用的网元类型：{1}",
        "'{0}' is not provided by any enabled plugin; no NE-type plugin is enabled": "没有已启用的插件提供 '{0}'；当前未启用任何网元类型插件",
        "is {0} but the body's neId is {1}": "为 {0}，但请求体中的 neId 是 {1}",
        "is {0} but the path names {1}": "为 {0}，但路径中指定的是 {1}",
        "leads outside the upload folder": "指向了上传目录之外",
        "must be 1 to 32 letters, digits, '_' or '-'": "必须为 1 到 32 个字母、数字、'_' 或 '-'",
        "must be a relative path inside the upload folder, without '..', empty or control characters": "必须是上传目录内的相对路径，不能包含 '..'、空路径段或控制字符",
        "must be an IPv4 or IPv6 address, not '{0}'": "必须是 IPv4 或 IPv6 地址，而不是 '{0}'",
        "must be between 1 and 65535": "必须介于 1 和 65535 之间",
        "must be PNF or VNF": "必须是 PNF 或 VNF",
        "must not be empty": "不能为空",
        "must not contain control characters": "不能包含控制字符",
        "NE list": "网元列表",
        "NE Management": "网元管理",
        "NE system state": "网元系统状态",
        "NE {0} answered HTTP {1}": "网元 {0} 返回了 HTTP {1}",
        "NE {0} refused the file: {1}": "网元 {0} 拒绝接收该文件：{1}",
        "NE {0}/{1} is already registered": "网元 {0}/{1} 已注册",
        "NE {0}/{1} vanished after registration": "网元 {0}/{1} 注册后又消失了",
        "uploadPath: {0} does not exist in the upload folder": "uploadPath：上传目录中不存在 {0}",
        "uploadPath: {0} is {1} bytes; at most {2} bytes are pushed to an NE": "uploadPath：{0} 为 {1} 字节；推送给网元的文件最多 {2} 字节",
        "{0} is not a regular file": "{0} 不是普通文件",
    ])
}
