extension OMCResponse {
    /// `202 Accepted` for work that goes on after the request: `{code: 200, msg, data: operation}`,
    /// `Location` naming where to follow it and `Preference-Applied: respond-async`.
    public static func accepted(_ operation: LongOperation) -> OMCResponse {
        let location = "/monitor/operation/\(operation.id)"
        var response = OMCResponse(status: 202, body: .json(DataEnvelope(
            code: 200, msg: "Accepted: follow GET \(location)", data: operation.snapshot)))
        response.headers.set("Location", location)
        response.headers.set("Preference-Applied", "respond-async")
        response.headers.set("X-Operation-Id", operation.id)
        return response
    }
}
