import PluginAPI

/// The answer to one command of an MML request, in the order sent:
/// `{"command": "dsp authdat:imsi=…", "code": 200, "msg": "Success", "output": "…", "data": …}`.
struct MMLResult: Encodable, Sendable {
    let command: String
    let code: Int
    /// Rendered in the caller's language when the answer is encoded.
    let msg: LocalizedMessage
    let output: String?
    let data: JSONValue?

    static func success(_ command: String, _ reply: MMLReply) -> MMLResult {
        MMLResult(command: command, code: 200, msg: .verbatim("Success"), output: reply.output, data: reply.data)
    }

    static func failure(_ command: String, _ error: OMCError) -> MMLResult {
        MMLResult(command: command, code: error.envelopeCode, msg: error.localized, output: nil, data: nil)
    }
}

/// The body of an MML request: `{"mml": ["date", "dsp authdat:imsi=460000100000030"], "confirm": false}`.
struct MMLRequestBody: Decodable {
    let mml: [String]
    /// Must be `true` for high-risk commands to run.
    let confirm: Bool?
}
