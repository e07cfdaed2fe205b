import PluginAPI

/// The `ne` plugin's menu: the NE registry and the NEs' system state.
enum NEMenus {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.menu(.directory("ne", name: "NE", path: "/ne", title: "NE Management", order: 10, children: [
            .page("ne.info", name: "NEInfo", path: "info", component: "ne/info/index", title: "NE list",
                  permission: "ne:info:query", order: 1),
            .page("ne.state", name: "NEState", path: "state", component: "ne/state/index", title: "NE system state",
                  permission: "ne:state:query", order: 2),
        ]))
    }
}
