/// An error a handler throws to answer with `{"code": status, "msg": message}` and that HTTP status.
public struct NEReplyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// HTTP status and envelope code.
    public let status: Int
    /// What was wrong, in words.
    public let message: String

    /// An error answer.
    public init(status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
