/// The body of `POST /api/rest/traceManagement/v1/subscriptions` (no `id`) and of `PUT` (with
/// `id`), as the API document shows them. `srcIp` and `signalPort`, where the NE sends the traced
/// messages, appear in the document's PUT only; both routes accept them.
struct TraceTaskBody: Decodable {
    let id: Int?
    let traceType: String
    let startTime: String
    let endTime: String
    let neType: String
    let neId: String
    let interfaces: [String]
    let srcIp: String?
    let signalPort: Int?
}
