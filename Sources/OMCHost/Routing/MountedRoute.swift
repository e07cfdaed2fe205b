import PluginAPI

/// A route as the host serves it: a plugin's declaration or one of the host's own endpoints.
struct MountedRoute: Sendable {
    enum Target: Sendable {
        /// A plugin's handler; the index is the plugin's position in the runtime's plugin list.
        case plugin(RouteHandler, pluginIndex: Int)
        /// One of the host's endpoints.
        case builtin(BuiltinEndpoint)
    }

    let method: HTTPMethod
    let pattern: RoutePattern
    /// The plugin id, or `omc` for the host's endpoints.
    let owner: String
    let permission: Permission
    let audit: AuditClass
    let summary: String
    let bodyLimit: Int?
    let secretFields: [String]
    /// What the route declares it takes and answers (``RouteDeclaration``); checked before `target` runs.
    var pathParameters: [RouteParameter] = []
    var queryParameters: [RouteParameter] = []
    var body: RouteBody?
    var answer: RouteAnswer?
    let target: Target
}
