import HTTPTypes

/// What every NE answers the OMC's fault plugin: its active alarms, for a synchronisation.
///
///     GET …/faultManagement/v1/elementType/{neType}/objectType/alarms    the active alarms, array shape
public struct FaultModule: NEModule {
    static let path = "/api/rest/faultManagement/v1/elementType/{neType}/objectType/alarms"

    /// The module of one NE.
    public init() {}

    /// The active-alarm list.
    public var routes: [NERoute] {
        [NERoute(.get, Self.path) { call in NEReply.json(.array(call.context.alarms.list)) }]
    }
}
