import Foundation
import PluginAPI

/// An SMF NE type with the document's KPIs (counts summed, a gauge averaged) and a derived success rate.
struct SMFMeasuredFixture: OMCPlugin {
    static let manifest = PluginManifest(id: "smf-fixture", version: "1.0.0", kind: .neType("SMF"), summary: "SMF with a KPI catalog")
    static let descriptor = NETypeDescriptor(
        name: "SMF", summary: "Session Management Function",
        kpis: [
            KPIDefinition(id: "SMF.AttCreatePduSession", name: "PDU session creation attempts", unit: "count"),
            KPIDefinition(id: "SMF.SuccCreatePduSession", name: "Successful PDU session creations", unit: "count"),
            KPIDefinition(id: "SMF.MeanAllcAddr", name: "Mean allocated addresses", unit: "count", aggregation: .average),
            KPIDefinition.derived(id: "SMF.CreatePduSessionSuccRate", name: "PDU session creation success rate", unit: "%",
                                  formula: "100 * SMF.SuccCreatePduSession / SMF.AttCreatePduSession"),
        ],
        measurementPeriods: [15, 30, 60])
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(Self.descriptor)
    }
}

/// An AMF NE type without KPIs: no measurement task can be set on it.
struct AMFPlainFixture: OMCPlugin {
    static let manifest = PluginManifest(id: "amf-fixture", version: "1.0.0", kind: .neType("AMF"), summary: "AMF without KPIs")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.neType(NETypeDescriptor(name: "AMF", summary: "Access and Mobility Management Function"))
    }
}
