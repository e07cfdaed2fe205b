/// What one MML command produced: a code (200 for success), a message and the text output.
public struct MMLOutcome: Sendable, Hashable {
    /// 200 on success; 400 for a bad parameter, 404 for something missing, 500 for an unknown command.
    public let code: Int
    /// `Success`, or what went wrong.
    public let msg: String
    /// Text the command printed.
    public let output: String

    /// An outcome.
    public init(code: Int, msg: String, output: String = "") {
        self.code = code
        self.msg = msg
        self.output = output
    }

    /// A successful outcome with `output`.
    public static func success(_ output: String) -> MMLOutcome {
        MMLOutcome(code: 200, msg: "Success", output: output)
    }

    /// A failed outcome.
    public static func failure(_ code: Int, _ message: String) -> MMLOutcome {
        MMLOutcome(code: code, msg: message)
    }

    /// `{"command", "code", "msg", "output"}`, one element of the MML answer's `data`.
    func json(command: String) -> JSONValue {
        var fields: [String: JSONValue] = ["command": .string(command), "code": .int(code), "msg": .string(msg)]
        if code == 200 || !output.isEmpty { fields["output"] = .string(output) }
        return .object(fields)
    }
}
