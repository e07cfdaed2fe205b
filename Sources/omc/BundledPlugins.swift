import NEManagement
import OMCHost
import Security

/// The plugins compiled into this build. `plugins.yaml` decides which run; adding an NE type means
/// adding its target to `Package.swift` and its type here.
let bundledPlugins = PluginCatalog([
    NEManagementPlugin.self,
    SecurityPlugin.self,
])
