extension Sequence where Element == LocalizedMessage {
    /// The messages one after another, each rendered in the caller's language, with `separator`
    /// (shown as it is) between them: every failing field of a request in one message.
    public func joined(separator: String) -> LocalizedMessage {
        var arguments: [LocalizedMessage.Argument] = []
        for message in self {
            if !arguments.isEmpty { arguments.append(.text(separator)) }
            arguments.append(.message(message))
        }
        return LocalizedMessage(id: arguments.indices.map { "{\($0)}" }.joined(), arguments: arguments)
    }
}
