import PluginAPI

/// The KPI catalog of one NE type, from its descriptor: measured KPIs, derived KPIs with their
/// parsed formulas, and the measurement periods the type supports.
struct KPICatalog: Sendable {
    let descriptor: NETypeDescriptor
    /// Derived KPIs whose formula parses and reads only measured KPIs of the type, by id.
    let formulas: [String: KPIFormula]

    init(_ descriptor: NETypeDescriptor) {
        self.descriptor = descriptor
        let measured = Set(descriptor.kpis.filter { $0.formula == nil }.map(\.id))
        var formulas: [String: KPIFormula] = [:]
        for kpi in descriptor.kpis {
            guard let text = kpi.formula, let formula = KPIFormula.parse(text),
                  !formula.inputs.isEmpty, formula.inputs.allSatisfy(measured.contains) else { continue }
            formulas[kpi.id] = formula
        }
        self.formulas = formulas
    }

    /// The catalog of `neType`; 404 when no enabled plugin provides the type or it has no KPIs.
    static func of(_ neType: String, context: PluginContext) throws(OMCError) -> KPICatalog {
        let type = neType.uppercased()
        guard let descriptor = context.host.neTypes[type] else {
            let known = withCatalog(context).joined(separator: ", ")
            throw OMCError.notFound("no enabled plugin provides NE type '\(neType)'; types with KPIs: \(known.isEmpty ? "none" : known)")
        }
        guard !descriptor.kpis.isEmpty else {
            let known = withCatalog(context).joined(separator: ", ")
            throw OMCError.notFound("NE type \(type) declares no KPIs; types with KPIs: \(known.isEmpty ? "none" : known)")
        }
        return KPICatalog(descriptor)
    }

    /// The NE types that declare KPIs, sorted.
    static func withCatalog(_ context: PluginContext) -> [String] {
        context.host.neTypes.values.filter { !$0.kpis.isEmpty }.map(\.name).sorted()
    }

    var neType: String { descriptor.name }

    /// The KPI named `id`, compared without regard to case.
    func kpi(_ id: String) -> KPIDefinition? {
        descriptor.kpis.first { $0.id == id } ?? descriptor.kpis.first { $0.id.lowercased() == id.lowercased() }
    }

    /// The catalog as the catalog route shows it.
    var shown: [KPIShown] {
        descriptor.kpis.map { kpi in
            KPIShown(id: kpi.id, name: kpi.name, unit: kpi.unit, aggregation: kpi.aggregation.rawValue,
                     derived: kpi.formula != nil, formula: kpi.formula,
                     usable: kpi.formula == nil || formulas[kpi.id] != nil)
        }
    }
}
