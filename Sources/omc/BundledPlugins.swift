import NEManagement
import OMCHost
import PCF

/// The plugins compiled into this build. `plugins.yaml` decides which run; adding an NE type means
/// adding its target to `Package.swift` and its type here.
let bundledPlugins = PluginCatalog([
    NEManagementPlugin.self,
    PCFPlugin.self,
])
