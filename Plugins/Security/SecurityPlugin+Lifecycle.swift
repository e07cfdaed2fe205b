public import PluginAPI

extension SecurityPlugin {
    /// Loads or creates the signing key, makes the dummy hash unknown names are verified against,
    /// then seeds the first start.
    public func start(_ context: PluginContext) async throws {
        let key = try SigningKey.load(configured: settings.signingKey, folder: context.dataDirectory, logger: context.logger)
        await state.useSigningKey(key)
        try await state.prepareDummyHash()
        try await FirstStart.seed(context, state: state)
    }
}
