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

    /// The reserved owner id of the host's endpoints and MML commands.
    static let owner = "omc"

    var method: HTTPMethod {
        switch self {
        case .home, .metrics, .openAPI: .get
        case .mml, .mmlUpperCase: .post
        }
    }

    var path: String {
        switch self {
        case .home: "/"
        case .metrics: "/metrics"
        case .openAPI: "/openapi.json"
        case .mml: "/api/rest/opeartionManagement/v1/elementType/{neType}/objectType/mml"
        case .mmlUpperCase: "/api/rest/opeartionManagement/v1/elementType/{neType}/objectType/MML"
        }
    }

    var permission: Permission {
        switch self {
        case .home, .metrics: .open
        case .openAPI, .mml, .mmlUpperCase: .authenticated
        }
    }

    var summary: String {
        switch self {
        case .home: "Default home"
        case .metrics: "Prometheus metrics of the OMC"
        case .openAPI: "OpenAPI 3 document of every mounted route"
        case .mml, .mmlUpperCase: "Run MML commands on an NE type"
        }
    }

    /// Each MML command is recorded on its own, so the carrying request is not.
    var audit: AuditClass { .none }

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
                              description: "Commands, run in order; at most \(HostRuntime.maximumCommandsPerRequest) per request"),
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
