import PluginAPI

/// The document's `PUT /api/rest/dataManagement/v1/omc_db/measure_task`: a task changed through its
/// table row shape (`{"measure_task": {"id": "28", "ne_type": …, "ne_ids": "[…]", …}}`, lists as
/// JSON text). It is the PATCH of `…/measureTask` under another name: the same checks against the
/// catalog, the registry and the periods, the task sent again to its NEs, the same answer.
enum MeasureTaskTableRoute {
    static let path = "/api/rest/dataManagement/v1/omc_db/measure_task"

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.put, path, permission: "performance:task:edit", summary: "Change a measurement task through its omc_db row",
                     body: .json(.object(["measure_task": MeasureTaskRoutes.requestSchema], required: ["measure_task"],
                                         name: "MeasureTaskRow")),
                     answer: .data(MeasureTaskRoutes.taskSchema)) { request, context in
            let fields = try await MeasureTaskRoutes.body(request)
            let idValue = fields["id"]
            guard let id = idValue?.intValue ?? idValue?.stringValue.flatMap({ Int($0) }), id > 0 else {
                throw OMCError.invalid("measure_task.id", "must be the number of the task to change")
            }
            let existing = try await context.database.read { db in try MeasureTaskStore.find(id, in: db) }
            guard let existing, existing.status != .deleting else { throw OMCError.notFound("measurement task \(id) does not exist") }
            let type = fields["ne_type"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? existing.neType
            guard type.uppercased() == existing.neType else {
                throw OMCError.invalid("measure_task.ne_type", "'\(type)' differs from the task's NE type \(existing.neType); a task keeps its type")
            }
            try await MeasureTaskRoutes.update(existing, with: fields, type: existing.neType, context: context)
            return .success(try await MeasureTaskRoutes.shown(id, context: context))
        }
    }
}
