/// A failure a handler reports to its caller. The host turns it into the API document's failure
/// envelope `{"code": …, "msg": …}` with the matching HTTP status, and changes nothing else.
public struct OMCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The class of failure; it decides the HTTP status and the envelope code.
    public enum Kind: Sendable, Hashable {
        /// The request is malformed or breaks a rule: HTTP 400.
        case invalidInput
        /// No valid session: HTTP 401.
        case unauthenticated
        /// The caller lacks the right: HTTP 403.
        case forbidden
        /// The addressed record, NE or route does not exist: HTTP 404.
        case notFound
        /// The route exists, but not for this method: HTTP 405.
        case methodNotAllowed
        /// The request clashes with existing data (duplicate key): HTTP 409.
        case conflict
        /// The body is larger than the route accepts: HTTP 413.
        case tooLarge
        /// Too many requests or attempts: HTTP 429.
        case tooManyRequests
        /// The network element refused or answered garbage: HTTP 502.
        case neFailure
        /// The network element did not answer in time: HTTP 504.
        case neTimeout
        /// A fault in the OMC itself: HTTP 500.
        case `internal`
    }

    /// The class of failure.
    public let kind: Kind
    /// What was wrong, in words an operator understands; the host sends it to the caller as `msg`,
    /// rendered in the caller's language.
    public let localized: LocalizedMessage
    /// ``localized`` in English, as the operation log and the OMC's log record it.
    public let message: String

    /// A failure of the given kind. A message longer than ``maximumMessageLength`` is bounded (see
    /// ``maximumEchoLength``), in every language, so no error echoes a whole oversized input.
    public init(_ kind: Kind, _ message: LocalizedMessage) {
        self.kind = kind
        localized = message.bounded
        self.message = localized.english
    }

    /// A field that breaks a rule: `msg` reads `"<field>: <rule>"`; the field name is never translated.
    public static func invalid(_ field: String, _ rule: LocalizedMessage) -> OMCError {
        OMCError(.invalidInput, "\(field): \(rule)")
    }

    /// A record that does not exist.
    public static func notFound(_ message: LocalizedMessage) -> OMCError {
        OMCError(.notFound, message)
    }

    /// The HTTP status for this failure.
    public var httpStatus: Int {
        switch kind {
        case .invalidInput: 400
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        case .methodNotAllowed: 405
        case .conflict: 409
        case .tooLarge: 413
        case .tooManyRequests: 429
        case .neFailure: 502
        case .neTimeout: 504
        case .internal: 500
        }
    }

    /// The `code` of the failure envelope. The API document answers every failure with `500` except
    /// a missing session (`401`) and a missing right (`403`); unknown routes answer `404`.
    public var envelopeCode: Int {
        switch kind {
        case .unauthenticated: 401
        case .forbidden: 403
        case .notFound: 404
        default: 500
        }
    }

    /// The message, in English.
    public var description: String { message }

    /// Errors are equal when they are of the same kind and read the same in English, however their
    /// messages were put together.
    public static func == (lhs: OMCError, rhs: OMCError) -> Bool {
        lhs.kind == rhs.kind && lhs.message == rhs.message
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(message)
    }
}
