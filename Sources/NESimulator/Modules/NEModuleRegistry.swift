/// Which module plays which NE type. Types without a module get the generic behaviour only.
public struct NEModuleRegistry: Sendable {
    /// Makes the module for one NE.
    public typealias Factory = @Sendable (NEDefinition) -> any NEModule

    private var factories: [String: Factory] = [:]

    /// A registry with no type-specific modules.
    public init() {}

    /// The modules shipped with the simulator, the registry `omc-nesim` uses. Type-specific modules
    /// (UDM, PCF, …) are registered here.
    public static var standard: NEModuleRegistry {
        var registry = NEModuleRegistry()
        registry.register("UDM") { _ in UDMModule() }
        registry.register("PCF") { _ in PCFModule() }
        registry.register("AMF") { _ in AMFModule() }
        registry.register("SMF") { _ in SMFModule() }
        registry.register("IMS") { _ in IMSModule() }
        registry.register("N3IWF") { _ in N3IWFModule() }
        return registry
    }

    /// Plays NEs of `neType` (case-insensitive) with the modules `factory` makes, one per NE; a second
    /// registration for the same type replaces the first.
    public mutating func register(_ neType: String, factory: @escaping Factory) {
        factories[neType.uppercased()] = factory
    }

    /// NE types that have a module of their own, sorted.
    public var registeredTypes: [String] { factories.keys.sorted() }

    /// The modules of one NE, generic ones first (every NE answers trace tasks, captures, software
    /// packages, configuration backups, the fault plugin's synchronisation and measurement tasks), so that
    /// the type's module overrides them.
    public func modules(for ne: NEDefinition) -> [any NEModule] {
        var modules: [any NEModule] = [GenericModule(), TraceModule(), SoftwareModule(), CMModule(), FaultModule(), MeasurementModule()]
        if let factory = factories[ne.type.uppercased()] { modules.append(factory(ne)) }
        return modules
    }
}
