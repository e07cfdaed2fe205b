import PluginAPI

/// `GET …/performanceManagement/v1/elementType/{neType}/objectType/kpiCatalog`: the KPIs of an NE
/// type (id, name, unit, aggregation, formula of derived ones) and the measurement periods it supports.
enum CatalogRoutes {
    static let base = "/api/rest/performanceManagement/v1/elementType/{neType}/objectType"

    static func declare(_ plugin: inout PluginRegistrar) {
        let kpi = ValueSchema.object([
            "id": .string(), "name": .string(), "unit": .string(),
            "aggregation": .string(oneOf: KPIAggregation.allCases.map(\.rawValue)),
            "derived": .boolean(), "formula": .string(), "usable": .boolean(),
        ], required: ["id", "name", "unit", "aggregation", "derived", "usable"], name: "KPIDefinition")
        let catalog = ValueSchema.object([
            "neType": .string(), "granularities": .array(of: .string(), description: "Supported granul_option values (15M, …)"),
            "kpis": .array(of: kpi),
        ], required: ["neType", "granularities", "kpis"], name: "KPICatalog")
        plugin.route(.get, base + "/kpiCatalog", permission: "performance:kpi:query", summary: "The KPI catalog of an NE type",
                     parameters: [.string("neType", maxLength: 32, description: "NE type (SMF, UDM, …)")],
                     answer: .data(catalog)) { request, context in
            let found = try KPICatalog.of(try request.pathParameter("neType"), context: context)
            let granularities: [JSONValue] = found.descriptor.measurementPeriods.sorted().map { .string(Granularity.name($0)) }
            let kpis = found.shown.map { kpi -> JSONValue in
                var fields: [String: JSONValue] = [
                    "id": .string(kpi.id), "name": .string(kpi.name), "unit": .string(kpi.unit),
                    "aggregation": .string(kpi.aggregation), "derived": .bool(kpi.derived), "usable": .bool(kpi.usable),
                ]
                if let formula = kpi.formula { fields["formula"] = .string(formula) }
                return .object(fields)
            }
            return .success(["neType": .string(found.neType), "granularities": .array(granularities), "kpis": .array(kpis)] as JSONValue)
        }
    }
}
