import PluginAPI

/// The endpoints the host serves itself, whatever plugins are enabled.
enum BuiltinEndpoint: CaseIterable, Sendable {
    /// `GET /`, the document's default home.
    case home
    /// `GET /metrics`, Prometheus text format.
    case metrics
    /// `GET /openapi.json`, generated from every mounted route.
    case openAPI
    /// `POST …/elementType/{neType}/objectType/mml`, the MML console.
    case mml
    /// The same with the document's upper-case `objectType/MML`.
    case mmlUpperCase
    /// `GET /monitor/operation/list`, long operations paged and filtered.
    case operationList
    /// `GET /monitor/operation/{operationId}`, one long operation's progress and outcome.
    case operation
    /// `PUT /monitor/operation/cancel/{operationId}`, asks a running operation to stop.
    case operationCancel
    /// `GET /common/i18n`, every message in the caller's language, for the web client.
    case i18n

    /// The reserved owner id of the host's endpoints and MML commands.
    static let owner = "omc"

    var method: HTTPMethod {
        switch self {
        case .home, .metrics, .openAPI, .operationList, .operation, .i18n: .get
        case .mml, .mmlUpperCase: .post
        case .operationCancel: .put
        }
    }

    var path: String {
        switch self {
        case .home: "/"
        case .metrics: "/metrics"
        case .openAPI: "/openapi.json"
        case .mml: "/api/rest/opeartionManagement/v1/elementType/{neType}/objectType/mml"
        case .mmlUpperCase: "/api/rest/opeartionManagement/v1/elementType/{neType}/objectType/MML"
        case .operationList: "/monitor/operation/list"
        case .operation: "/monitor/operation/{operationId}"
        case .operationCancel: "/monitor/operation/cancel/{operationId}"
        case .i18n: "/common/i18n"
        }
    }

    var permission: Permission {
        switch self {
        // The login page is translated too, before anyone has a session; catalogs hold no secrets.
        case .home, .metrics, .i18n: .open
        // Everyone sees and cancels their own operations; others' need the rights of ``OperationRights``.
        case .openAPI, .mml, .mmlUpperCase, .operationList, .operation, .operationCancel: .authenticated
        }
    }

    var summary: String {
        switch self {
        case .home: "Default home"
        case .metrics: "Prometheus metrics of the OMC"
        case .openAPI: "OpenAPI 3 document of every mounted route"
        case .mml, .mmlUpperCase: "Run MML commands on an NE type"
        case .operationList: "Long operations (batches, imports, exports), paged and filtered"
        case .operation: "One long operation: phase, progress, rate, errors and outcome"
        case .operationCancel: "Cancel a running long operation"
        case .i18n: "Messages of the OMC in the caller's language"
        }
    }

    /// Each MML command is recorded on its own, so the carrying request is not; a cancellation is.
    var audit: AuditClass { self == .operationCancel ? .update : .none }

    /// The NE type segment of the MML console's path.
    private static let neTypeParameter = RouteParameter.string("neType", maxLength: 32, pattern: "^[A-Za-z0-9_]+$",
                                                               description: "NE type (UDM, PCF, …; OMC for the OMC's own commands)")

    var pathParameters: [RouteParameter] {
        switch self {
        case .home, .metrics, .openAPI: []
        case .mml, .mmlUpperCase: [Self.neTypeParameter]
        }
    }

    var queryParameters: [RouteParameter] {
        switch self {
        case .home, .metrics, .openAPI: []
        case .mml, .mmlUpperCase:
            [.string("ne_id", maxLength: 32, description: "The NE the commands go to (not needed for the OMC's own commands)"),
             .string("neId", maxLength: 32, description: "Alias of ne_id")]
        }
    }

    var body: RouteBody? {
        switch self {
        case .home, .metrics, .openAPI: nil
        case .mml, .mmlUpperCase:
            .json(.object([
                "mml": .array(of: .string(minLength: 1, description: "One MML command, `VERB OBJECT:NAME=value,…`"),
                              maxItems: HostRuntime.maximumCommandsPerRequest, description: "Commands, run in order"),
                "confirm": .boolean(description: "Must be true for high-risk commands to run"),
            ], required: ["mml"], name: "MMLRequest"))
        }
    }

    var answer: RouteAnswer {
        switch self {
        case .home: .message
        case .metrics: .file(mediaType: "text/plain")
        case .openAPI: .json(.object([:], description: "This OpenAPI 3.1 document"))
        case .mml, .mmlUpperCase:
            .data(.array(of: .object([
                "command": .string(), "code": .integer(), "msg": .string(), "output": .string(), "data": .anyValue,
            ], required: ["command", "code", "msg"], name: "MMLResult")))
        }
    }

    var route: MountedRoute {
        MountedRoute(method: method, pattern: RoutePattern(path), owner: Self.owner, permission: permission, audit: audit,
                     summary: summary, bodyLimit: nil, secretFields: [], pathParameters: pathParameters,
                     queryParameters: queryParameters, body: body, answer: answer, target: .builtin(self))
    }
}
