import AMF
import IMS
import N3IWF
import NEMaintenance
import Fault
import NEManagement
import OMCHost
import Trace
import UPF
import UDM
import Security
import SMF
import PCF
import System
import Performance

/// The plugins compiled into this build. `plugins.yaml` decides which run; adding an NE type means
/// adding its target to `Package.swift` and its type here.
let bundledPlugins = PluginCatalog([
    NEManagementPlugin.self,
    UDMPlugin.self,
    TracePlugin.self,
    UPFPlugin.self,
    SecurityPlugin.self,
    PCFPlugin.self,
    NEMaintenancePlugin.self,
    FaultPlugin.self,
    SystemPlugin.self,
    PerformancePlugin.self,
    AMFPlugin.self,
    SMFPlugin.self,
    IMSPlugin.self,
    N3IWFPlugin.self,
])
