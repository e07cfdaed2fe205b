/// Where the host looks up registered NEs. One enabled plugin provides it (the NE management plugin).
public protocol NEDirectory: Sendable {
    /// The NE of `type` with id `id`, or `nil` when none is registered.
    func element(type: String, id: String, _ context: PluginContext) async throws -> NetworkElement?
    /// Every registered NE of `type`, or of every type when `type` is `nil`.
    func elements(type: String?, _ context: PluginContext) async throws -> [NetworkElement]
}
