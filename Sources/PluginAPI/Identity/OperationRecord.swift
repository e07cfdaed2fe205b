public import Foundation

/// One entry of the operation log: a mutating request, a refused request, an MML command, or work
/// a plugin finished on an operator's behalf, with its outcome. Sinks receive it with secrets
/// masked in `title`, `url`, `parameters` and `result`, and every field bounded, by the host.
public struct OperationRecord: Sendable {
    /// What was done: the route's summary or the MML command's name.
    public let title: String
    /// The document's `businessType`.
    public let businessType: AuditClass
    /// `POST`, `PUT`, … or `MML`.
    public let method: String
    /// The path (and query) or the MML endpoint.
    public let url: String
    /// Who did it; `nil` when no identity plugin is enabled.
    public let operatorName: String?
    /// Their department.
    public let departmentName: String?
    /// Their IP address.
    public let clientAddress: String?
    /// Query and body (or the MML text), secrets masked, at most 2,000 characters.
    public let parameters: String
    /// The answer's `msg` (or the MML output), secrets masked, at most 2,000 characters.
    public let result: String
    /// Whether it succeeded.
    public let succeeded: Bool
    /// How long it took.
    public let durationMilliseconds: Int
    /// When it started.
    public let time: Date
    /// The request id, to find the matching log lines.
    public let requestID: String
    /// The plugin that handled it; `nil` for the host's own routes.
    public let pluginID: String?

    /// An entry: the host builds these for requests and MML, a plugin for ``PluginContext/operationLog``.
    public init(title: String, businessType: AuditClass, method: String, url: String, operatorName: String?,
                departmentName: String?, clientAddress: String?, parameters: String, result: String,
                succeeded: Bool, durationMilliseconds: Int, time: Date, requestID: String, pluginID: String?) {
        self.title = title
        self.businessType = businessType
        self.method = method
        self.url = url
        self.operatorName = operatorName
        self.departmentName = departmentName
        self.clientAddress = clientAddress
        self.parameters = parameters
        self.result = result
        self.succeeded = succeeded
        self.durationMilliseconds = durationMilliseconds
        self.time = time
        self.requestID = requestID
        self.pluginID = pluginID
    }
}
