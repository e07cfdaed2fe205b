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
    /// `GET /common/i18n`, every message in the caller's language, for the web client.
    case i18n

    /// The reserved owner id of the host's endpoints and MML commands.
    static let owner = "omc"

    var method: HTTPMethod {
        switch self {
        case .home, .metrics, .openAPI, .i18n: .get
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
        case .i18n: "/common/i18n"
        }
    }

    var permission: Permission {
        switch self {
        // The login page is translated too, before anyone has a session; catalogs hold no secrets.
        case .home, .metrics, .i18n: .open
        case .openAPI, .mml, .mmlUpperCase: .authenticated
        }
    }

    var summary: String {
        switch self {
        case .home: "Default home"
        case .metrics: "Prometheus metrics of the OMC"
        case .openAPI: "OpenAPI 3 document of every mounted route"
        case .mml, .mmlUpperCase: "Run MML commands on an NE type"
        case .i18n: "Messages of the OMC in the caller's language"
        }
    }

    /// Each MML command is recorded on its own, so the carrying request is not.
    var audit: AuditClass { .none }

    var route: MountedRoute {
        MountedRoute(method: method, pattern: RoutePattern(path), owner: Self.owner, permission: permission, audit: audit,
                     summary: summary, bodyLimit: nil, secretFields: [], target: .builtin(self))
    }
}
