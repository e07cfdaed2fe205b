/// One KPI of a catalog, as shown.
struct KPIShown: Encodable, Sendable {
    let id: String
    let name: String
    let unit: String
    let aggregation: String
    let derived: Bool
    let formula: String?
    /// False for a derived KPI whose formula does not parse or names KPIs the type does not measure.
    let usable: Bool
}
