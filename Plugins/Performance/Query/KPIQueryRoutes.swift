import Foundation
import PluginAPI

/// KPI history and latest values of the NEs of one type:
/// `GET …/elementType/{neType}/objectType/kpi?neIds=&kpis=&startTime=&endTime=&granularity=stored|hour|day`
/// and `GET …/objectType/kpi/latest?neIds=&kpis=`.
enum KPIQueryRoutes {
    static let path = CatalogRoutes.base + "/kpi"
    /// Longest range one query covers.
    static let maximumDays = 400

    static func declare(_ plugin: inout PluginRegistrar, settings: PerformanceSettings) {
        let point = ValueSchema.object(["time": .string(), "granularity": .integer(description: "Minutes"), "value": .number()],
                                       required: ["time", "granularity", "value"], name: "KPIPoint")
        let series = ValueSchema.object([
            "neId": .string(), "kpiId": .string(), "objectType": .string(), "dimension": .string(), "unit": .string(),
            "aggregation": .string(), "derived": .boolean(), "formula": .string(), "points": .array(of: point),
        ], required: ["neId", "kpiId", "objectType", "dimension", "unit", "aggregation", "derived", "points"], name: "KPISeries")
        let completeness = ValueSchema.object([
            "neId": .string(), "kpiId": .string(), "task": .integer(), "granularity": .integer(), "expected": .integer(),
            "received": .integer(), "gapCount": .integer(), "gaps": .array(of: .string()),
        ], required: ["neId", "kpiId", "expected", "received", "gapCount", "gaps"], name: "KPICompleteness")
        let answer = ValueSchema.object([
            "neType": .string(), "granularity": .string(), "startTime": .string(), "endTime": .string(),
            "series": .array(of: series), "completeness": .array(of: completeness),
        ], required: ["neType", "granularity", "startTime", "endTime", "series", "completeness"], name: "KPIQueryResult")
        let selection: [RouteParameter] = [
            .string("neIds", required: true, maxLength: 4096, description: "NE ids, comma-separated"),
            .string("kpis", required: true, maxLength: 8192, description: "KPI ids, comma-separated (derived ones too)"),
        ]
        let range: [RouteParameter] = selection + [
            .string("startTime", required: true, description: "yyyy-MM-dd HH:mm:ss, included"),
            .string("endTime", required: true, description: "yyyy-MM-dd HH:mm:ss, excluded"),
            .string("granularity", oneOf: Bucket.allCases.map(\.rawValue), description: "stored (default), hour or day"),
        ]
        KPIExport.declare(&plugin, settings: settings, query: range)
        plugin.route(.get, path, permission: "performance:kpi:query", summary: "KPI values of NEs over a time range, with completeness",
                     parameters: [MeasureTaskRoutes.typeParameter],
                     query: range,
                     answer: .data(answer)) { request, context in
            let query = try await parse(request, context: context, settings: settings)
            let now = context.clock.now()
            return .success(try await context.database.read { db in try query.run(now: now, in: db) })
        }
        let latest = ValueSchema.object([
            "neId": .string(), "kpiId": .string(), "objectType": .string(), "dimension": .string(), "unit": .string(),
            "time": .string(), "granularity": .integer(), "value": .number(),
        ], required: ["neId", "kpiId", "objectType", "dimension", "unit", "time", "granularity", "value"], name: "KPILatest")
        plugin.route(.get, path + "/latest", permission: "performance:kpi:query", summary: "The latest value of KPIs of NEs",
                     parameters: [MeasureTaskRoutes.typeParameter], query: selection, answer: .rows(latest)) { request, context in
            let catalog = try KPICatalog.of(try request.pathParameter("neType"), context: context)
            let neIDs = values(request, "neIds")
            guard !neIDs.isEmpty else { throw OMCError.invalid("neIds", "name at least one NE id") }
            let kpis: [KPIDefinition]
            do throws(OMCError) {
                kpis = try resolve(values(request, "kpis"), catalog: catalog)
            } catch {
                throw OMCError.invalid("kpis", error.localized)
            }
            guard !kpis.isEmpty else { throw OMCError.invalid("kpis", "name at least one KPI id") }
            let rows = try await context.database.read { db in try LatestValues.read(catalog: catalog, neIDs: neIDs, kpis: kpis, in: db) }
            return .list(rows: rows, total: rows.count)
        }
    }

    static func parse(_ request: OMCRequest, context: PluginContext, settings: PerformanceSettings) async throws -> KPIQuery {
        let catalog = try KPICatalog.of(try request.pathParameter("neType"), context: context)
        var problems = Problems()
        let neIDs = values(request, "neIds")
        if neIDs.isEmpty { problems.report("neIds", "name at least one NE id") }
        var kpis: [KPIDefinition] = []
        let kpiIDs = values(request, "kpis")
        if kpiIDs.isEmpty { problems.report("kpis", "name at least one KPI id") }
        do throws(OMCError) {
            kpis = try resolve(kpiIDs, catalog: catalog)
        } catch {
            problems.report("kpis", error.localized)
        }
        let startText = request.query["startTime"] ?? ""
        let endText = request.query["endTime"] ?? ""
        let from = DocumentTime.parse(startText)
        let to = DocumentTime.parse(endText)
        if from == nil { problems.report("startTime", "'\(startText)' is not a time like 2023-07-04 13:00:00") }
        if to == nil { problems.report("endTime", "'\(endText)' is not a time like 2023-07-04 13:00:00") }
        if let from, let to {
            if to <= from {
                problems.report("endTime", "\(endText) must be after startTime \(startText)")
            } else if to.timeIntervalSince(from) > Double(maximumDays) * 86_400 {
                problems.report("endTime", "a query covers at most \(maximumDays) days")
            }
        }
        let bucketText = request.query["granularity"] ?? Bucket.stored.rawValue
        let bucket = Bucket.allCases.first { $0.rawValue == bucketText.lowercased() }
        if bucket == nil { problems.report("granularity", "must be stored, hour or day, not '\(bucketText)'") }
        try problems.check()
        guard let from, let to, let bucket else { throw OMCError(.invalidInput, "the query has no range") }
        // Bound the answer before reading anything: the finest period the type measures over sets the count.
        let finest = catalog.descriptor.measurementPeriods.min() ?? 15
        let minutes = bucket.level ?? finest
        let periods = Int(to.timeIntervalSince(from) / Double(minutes * 60)) + 1
        let points = periods * max(1, neIDs.count) * max(1, kpis.count)
        guard points <= settings.maximumQueryPoints else {
            throw OMCError.invalid("endTime", "the query could return \(points) points; at most \(settings.maximumQueryPoints): narrow the range, or ask for granularity hour or day")
        }
        return KPIQuery(catalog: catalog, neIDs: neIDs, kpis: kpis, from: from, to: to, bucket: bucket)
    }

    /// The comma-separated (or repeated) values of `name`, each once.
    static func values(_ request: OMCRequest, _ name: String) -> [String] {
        var values: [String] = []
        for text in request.query.values(name) {
            let value = text.trimmingCharacters(in: .whitespaces)
            if !value.isEmpty, !values.contains(value) { values.append(value) }
        }
        return values
    }

    /// The catalog's KPIs for `ids`; every unknown one is named, and derived ones whose formula is
    /// unusable are refused.
    static func resolve(_ ids: [String], catalog: KPICatalog) throws(OMCError) -> [KPIDefinition] {
        var found: [KPIDefinition] = []
        var unknown: [String] = []
        for id in ids {
            guard let kpi = catalog.kpi(id) else {
                unknown.append(id)
                continue
            }
            if kpi.formula != nil, catalog.formulas[kpi.id] == nil {
                throw OMCError(.invalidInput, "the formula of \(kpi.id) cannot be computed: it must use + - * / ( ) and KPIs NE type \(catalog.neType) measures")
            }
            if !found.contains(where: { $0.id == kpi.id }) { found.append(kpi) }
        }
        guard unknown.isEmpty else {
            throw OMCError(.invalidInput, "NE type \(catalog.neType) has no KPI \(unknown.joined(separator: ", ")); see …/kpiCatalog")
        }
        return found
    }
}
