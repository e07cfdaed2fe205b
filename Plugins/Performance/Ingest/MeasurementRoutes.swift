import Foundation
import PluginAPI

/// `POST …/elementType/{neType}/objectType/measurement`: an NE pushes one period's values (the
/// document's body). The NE is the one its push credential names (`Authorization: NE …`, issued at
/// registration); the report is checked whole against the type's catalog and the OMC's clock, and
/// a refused report stores nothing. A report for a period already stored replaces it.
enum MeasurementRoutes {
    static func declare(_ plugin: inout PluginRegistrar, settings: PerformanceSettings) {
        let value = ValueSchema.object(["Name": .string(), "Value": .number()], name: "MeasurementValue")
        let kpi = ValueSchema.object(["KPIID": .string(), "KPIValues": .array(of: value)], name: "MeasurementKPI")
        let data = ValueSchema.object(["ObjectType": .string(), "KPIs": .array(of: kpi)], name: "MeasurementObject")
        let report = ValueSchema.object([
            "Index": .integer(), "NeName": .string(), "RmUID": .string(), "NeType": .string(), "PmVersion": .string(),
            "Dn": .string(), "Period": .string(description: "Minutes: 15, 30, 60"), "TimeZone": .string(description: "UTC+8"),
            "StartTime": .string(description: "yyyy-MM-dd HH:mm:ss in TimeZone"), "Datas": .array(of: data),
        ], name: "MeasurementReport")
        let stored = ValueSchema.object([
            "values": .integer(), "replaced": .integer(), "periodStart": .string(), "granularity": .integer(),
        ], required: ["values", "replaced", "periodStart", "granularity"], name: "MeasurementStored")
        let retention = TimeInterval(settings.rawRetentionDays) * 86_400
        plugin.route(.post, CatalogRoutes.base + "/measurement", permission: .open, audit: AuditClass.none,
                     summary: "An NE pushes one period's KPI values (push credential)",
                     bodyLimit: 16 << 20, parameters: [MeasureTaskRoutes.typeParameter],
                     body: .json(report), answer: .data(stored)) { request, context in
            let type = try request.pathParameter("neType")
            let element = try await context.pushCredentials.authenticate(request, neType: type)
            let catalog = try KPICatalog.of(type, context: context)
            let now = context.clock.now()
            let parsed = try MeasurementReport.parse(try await request.decode(JSONValue.self), catalog: catalog, now: now,
                                                     oldest: now.addingTimeInterval(-retention))
            let result = try await context.database.write { db in try MeasurementStore.store(parsed, of: element, in: db) }
            try await ThresholdMonitor.evaluate(parsed, of: element, catalog: catalog, context: context)
            return .success([
                "values": .number(Double(result.values)), "replaced": .number(Double(result.replaced)),
                "periodStart": .string(DocumentTime.format(parsed.periodStart)), "granularity": .number(Double(parsed.granularity)),
            ] as JSONValue)
        }
    }
}
