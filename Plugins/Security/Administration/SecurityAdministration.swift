import PluginAPI

/// The administration routes: departments, positions, roles, users and the user-management API.
enum SecurityAdministration {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        DepartmentRoutes.declare(&plugin, state: state)
        PositionRoutes.declare(&plugin, state: state)
        RoleRoutes.declare(&plugin, state: state)
        UserRoutes.declare(&plugin, state: state)
        UserFileRoutes.declare(&plugin, state: state)
        UserManagementRoutes.declare(&plugin, state: state)
    }
}
