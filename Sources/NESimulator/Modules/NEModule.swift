/// What makes one NE type behave like itself, the way an OMC plugin adds an NE type to the OMC.
///
/// Every NE runs the ``GenericModule`` (the `system` section, `date`, `LST NE`, `DSP CFG`) and, when
/// the ``NEModuleRegistry`` has one for its type, that type's module on top. A module is made once per
/// NE, so it may keep that NE's data (a UDM's subscribers) in its own stored properties, typically
/// an actor. Everything has an empty default, so a module states only what it adds.
public protocol NEModule: Sendable {
    /// Configuration sections this type adds, with their contents at start. A section named like a
    /// generic one (`system`) replaces it.
    var configSections: [ConfigSection] { get }
    /// MML commands this type understands. One with the same verb and object as a generic command
    /// replaces it.
    var mmlCommands: [MMLCommand] { get }
    /// HTTP routes this type serves besides systemState, config, mml and file. They are tried before
    /// the built-in ones, in order.
    var routes: [NERoute] { get }
    /// Fields this type adds to its systemState answer (a UDM's `dbInfo`, say); they override the
    /// generic fields of the same name.
    func systemStateFields(_ context: NEContext) async -> [String: JSONValue]
    /// KPIs this type adds to each KPI report, by KPI id as its OMC plugin catalogues them
    /// (`AMF.RegisteredUEs`); a value the control API's `kpi` request gives wins.
    func kpis(_ context: NEContext) async -> [String: JSONValue]
}

extension NEModule {
    /// None.
    public var configSections: [ConfigSection] { [] }
    /// None.
    public var mmlCommands: [MMLCommand] { [] }
    /// None.
    public var routes: [NERoute] { [] }
    /// None.
    public func systemStateFields(_ context: NEContext) async -> [String: JSONValue] { [:] }
    /// None.
    public func kpis(_ context: NEContext) async -> [String: JSONValue] { [:] }
}
