import PluginAPI

/// A plugin with one route that NEs push to, as the fault and performance plugins' push routes do:
/// it answers the NE the push credential proves, or the refusal.
struct PushProbeFixture: OMCPlugin {
    static let manifest = PluginManifest(id: "push-probe", version: "1.0.0", kind: .feature, summary: "NE push route for tests")
    init(configuration: PluginConfiguration) throws {}
    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.route(.post, "/push-probe/{neType}", permission: .open, summary: "Who pushed",
                     parameters: [.string("neType", maxLength: 32, description: "NE type")]) { request, context in
            let element = try await context.pushCredentials.authenticate(request, neType: try request.pathParameter("neType"))
            return .success(["ne": .string(element.key)] as JSONValue)
        }
    }
}
