import PluginAPI

/// The menu entries of the Security plugin: the document's "System Management" directory (users,
/// roles, departments, positions) and the monitoring pages (online users, logs).
enum SecurityMenus {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.menu(.directory("system", name: "System", path: "/system", title: "System Management", order: 90, children: [
            .page("system.user", name: "User", path: "user", component: "system/user/index", title: "User Management",
                  permission: "system:user:list", order: 1),
            .page("system.role", name: "Role", path: "role", component: "system/role/index", title: "Role Management",
                  permission: "system:role:list", order: 2),
            .page("system.dept", name: "Dept", path: "dept", component: "system/dept/index", title: "Department management",
                  permission: "system:dept:list", order: 4),
            .page("system.post", name: "Post", path: "post", component: "system/post/index", title: "Position management",
                  permission: "system:post:list", order: 5),
        ]))
        plugin.menu(.directory("monitor", name: "Monitor", path: "/monitor", title: "System Monitoring", order: 91, children: [
            .page("monitor.online", name: "Online", path: "online", component: "monitor/online/index", title: "Online users",
                  permission: "monitor:online:list", order: 1),
            .page("monitor.operlog", name: "Operlog", path: "operlog", component: "monitor/operlog/index", title: "Operation log",
                  permission: "monitor:operlog:list", order: 2),
            .page("monitor.logininfor", name: "Logininfor", path: "logininfor", component: "monitor/logininfor/index", title: "Login log",
                  permission: "monitor:logininfor:list", order: 3),
        ]))
    }
}
