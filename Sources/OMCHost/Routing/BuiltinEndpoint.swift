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

    /// The operation id segment of the operation routes.
    private static let operationIDParameter = RouteParameter.string("operationId", maxLength: 64, pattern: "^[A-Za-z0-9_-]+$",
                                                                    description: "The operation's id, as a start answered it")

    var pathParameters: [RouteParameter] {
        switch self {
        case .home, .metrics, .openAPI, .operationList, .i18n: []
        case .mml, .mmlUpperCase: [Self.neTypeParameter]
        case .operation, .operationCancel: [Self.operationIDParameter]
        }
    }

    var queryParameters: [RouteParameter] {
        switch self {
        case .home, .metrics, .openAPI, .operation, .operationCancel: []
        case .mml, .mmlUpperCase:
            [.string("ne_id", maxLength: 32, description: "The NE the commands go to (not needed for the OMC's own commands)"),
             .string("neId", maxLength: 32, description: "Alias of ne_id")]
        case .operationList:
            [.string("state", oneOf: OperationState.allCases.map(\.rawValue), description: "Only operations in this state",
                     rule: "must be one of \(OperationState.allCases.map(\.rawValue).joined(separator: ", "))"),
             .string("kind", maxLength: 128, description: "Only operations of this kind (`udm.sub.batchAdd`)"),
             .string("owner", maxLength: 64, description: "Only operations started by this user name"),
             .string("requestId", maxLength: 128, description: "Only the operation a request with this X-Request-Id started")]
                + RouteParameter.paging()
        case .i18n:
            [.string("language", oneOf: Language.allCases.map(\.rawValue), description: "en_US or zh_CN; overrides Accept-Language",
                     rule: "must be one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")]
        }
    }

    var body: RouteBody? {
        switch self {
        case .home, .metrics, .openAPI, .operationList, .operation, .operationCancel, .i18n: nil
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
        case .operationList: .rows(Self.operationShape)
        case .operation, .operationCancel: .data(Self.operationShape)
        case .i18n:
            .data(.object([
                "language": .string(description: "The language of `messages`"),
                "languages": .array(of: .string(), description: "Every language the OMC speaks"),
                "messages": .object([:], description: "Message id (the English text, {0} for values) to its text in `language`"),
            ], required: ["language", "languages", "messages"], name: "MessageCatalog"))
        }
    }

    /// A long operation as ``OperationSnapshot`` encodes it.
    private static var operationShape: ValueSchema {
        .object([
            "operationId": .string(), "kind": .string(description: "`<plugin>.<noun>.<verb>`"), "title": .string(),
            "pluginId": .string(), "ownerId": .string(), "owner": .string(),
            "state": .string(oneOf: OperationState.allCases.map(\.rawValue)),
            "phase": .string(), "done": .integer(), "total": .integer(description: "null when unknown"),
            "rate": .number(description: "done per second over the current phase"),
            "errors": .array(of: .string(), description: "The first problems met"), "errorCount": .integer(),
            "result": .anyValue, "message": .string(), "cancelRequested": .boolean(), "settlement": .string(),
            "startedAt": .string(description: "ISO 8601 UTC"), "endedAt": .string(description: "ISO 8601 UTC"),
        ], required: ["operationId", "kind", "title", "pluginId", "state", "phase", "done", "rate", "errors", "errorCount",
                      "cancelRequested", "startedAt"], name: "Operation")
    }

    var route: MountedRoute {
        MountedRoute(method: method, pattern: RoutePattern(path), owner: Self.owner, permission: permission, audit: audit,
                     summary: summary, bodyLimit: nil, secretFields: [], pathParameters: pathParameters,
                     queryParameters: queryParameters, body: body, answer: answer, target: .builtin(self))
    }
}
