import PluginAPI

/// The performance plugin's caller-visible texts in Chinese, keyed by their English text as the code
/// writes it; registered with ``PluginRegistrar/messages(_:)``. PluginAPI's and the host's messages
/// are translated by the host.
enum PerformanceMessages {
    static let chinese = MessageTranslations(.chinese, [:])
}
