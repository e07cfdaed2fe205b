import PluginAPI

/// The NE registry as the document's data-management routes read it (`omc_db/ne_info`,
/// `omc_db/ne_state`): read-only, filtered by the host's grammar. Registration goes through the NE
/// routes, which check the NE.
enum NEDataTables {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.dataTable(DataTableDeclaration(name: "ne_info", table: "ne_info", columns: [
            DataColumn("ne_type"), DataColumn("ne_id"), DataColumn("ne_name"), DataColumn("ip"),
            DataColumn("port", kind: .integer), DataColumn("pv_flag"), DataColumn("province"), DataColumn("vendor_name"),
            DataColumn("dn"), DataColumn("created_at"), DataColumn("updated_at"),
        ], readPermission: "ne:info:query"))
        plugin.dataTable(DataTableDeclaration(name: "ne_state", table: "ne_info", columns: [
            DataColumn("ne_type"), DataColumn("ne_id"), DataColumn("ne_name"), DataColumn("state"),
            DataColumn("state_reason"), DataColumn("state_changed_at"),
        ], readPermission: "ne:state:query"))
    }
}
