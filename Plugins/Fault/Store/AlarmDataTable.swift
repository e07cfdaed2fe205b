import PluginAPI

/// Active and cleared alarms as the document's data-management query reads them
/// (`GET /api/rest/dataManagement/v1/omc_db/alarm?SQL=SELECT … FROM alarm WHERE …`): read-only,
/// filtered by the host's grammar over these columns. Alarms change only through the NE pushes and
/// the operator routes, which keep their history.
enum AlarmDataTable {
    static func declare(_ plugin: inout PluginRegistrar) {
        let text = ["ne_type", "ne_id", "ne_name", "managed_object", "alarm_code", "alarm_title", "alarm_type", "probable_cause",
                    "specific_problem", "additional_text", "severity", "ne_alarm_id", "alarm_source", "origin", "state", "event_time",
                    "receive_time", "last_event_time", "ack_user", "ack_time", "clear_time", "clear_user", "clear_reason", "repair_advice"]
        let numbers = ["id", "sequence", "repeat_count", "acknowledged", "unmatched_clear"]
        plugin.dataTable(DataTableDeclaration(name: "alarm", table: "fault_alarm",
                                              columns: numbers.map { DataColumn($0, kind: .integer) } + text.map { DataColumn($0) },
                                              readPermission: "fault:alarm:query"))
    }
}
