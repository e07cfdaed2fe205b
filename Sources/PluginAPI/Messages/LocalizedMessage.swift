/// Text a caller reads (an error, a refusal), kept as its English template and the values put into
/// it, so that the host can render it in the caller's language when it answers.
///
/// Write it as a string literal, with interpolations as usual: `"\(field): must be an integer from
/// \(min) to \(max)"` keeps the template `"{0}: must be an integer from {1} to {2}"`, which is the
/// message's id in every catalog, and the three values. Values are never translated (they are what
/// the caller sent, an NE's answer, a name); a value that is itself a ``LocalizedMessage`` is
/// rendered in the same language. Text computed at run time that must reach the caller as it is
/// (an NE's own answer) is ``verbatim(_:)``.
public struct LocalizedMessage: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible, Encodable {
    /// A value put into a template.
    public enum Argument: Sendable, Hashable {
        /// Text shown as it is, in every language.
        case text(String)
        /// A message rendered in the caller's language.
        case message(LocalizedMessage)
    }

    /// The English template with `{0}`, `{1}`… where the values go: the id translations are keyed by.
    public let id: String
    /// The values, in placeholder order.
    public let arguments: [Argument]
    /// Whether long quoted values are shortened when rendered (``OMCError`` messages are).
    let isBounded: Bool

    /// A message from its template and values.
    public init(id: String, arguments: [Argument] = []) {
        self.id = id
        self.arguments = arguments
        isBounded = false
    }

    init(id: String, arguments: [Argument], isBounded: Bool) {
        self.id = id
        self.arguments = arguments
        self.isBounded = isBounded
    }

    /// A message without values.
    public init(stringLiteral value: String) {
        self.init(id: value)
    }

    /// A message with values.
    public init(stringInterpolation: StringInterpolation) {
        self.init(id: stringInterpolation.template, arguments: stringInterpolation.arguments)
    }

    /// Text computed at run time that must reach the caller as it is, never translated.
    public static func verbatim(_ text: String) -> LocalizedMessage {
        LocalizedMessage(id: "{0}", arguments: [.text(text)])
    }

    /// The same message, with long quoted values shortened when rendered (see ``OMCError``).
    var bounded: LocalizedMessage {
        LocalizedMessage(id: id, arguments: arguments, isBounded: true)
    }

    /// The message in the language of `translations`: the translated template (the English one when
    /// it has no translation) with the values put in. English when `translations` is `nil`.
    public func rendered(_ translations: MessageTranslations?) -> String {
        let template = translations?.text(for: id) ?? id
        let text = Self.fill(template) { index in
            guard arguments.indices.contains(index) else { return nil }
            switch arguments[index] {
            case .text(let value): return value
            case .message(let message): return message.rendered(translations)
            }
        }
        return isBounded ? OMCError.bounded(text) : text
    }

    /// `lhs` followed by `rhs`, as if written as one literal: a long message split over lines keeps
    /// one id (`"a \(x) " + "b \(y)"` has the id `"a {0} b {1}"`).
    public static func + (lhs: LocalizedMessage, rhs: LocalizedMessage) -> LocalizedMessage {
        let shift = lhs.arguments.count
        let rhsTemplate = shift == 0 ? rhs.id : fill(rhs.id) { "{\($0 + shift)}" }
        return LocalizedMessage(id: lhs.id + rhsTemplate, arguments: lhs.arguments + rhs.arguments, isBounded: lhs.isBounded || rhs.isBounded)
    }

    /// The message in English, as the operation log and the OMC's own log record it.
    public var english: String { rendered(nil) }

    /// The message in English.
    public var description: String { english }

    /// Messages are equal when they read the same in English, however they were put together.
    public static func == (lhs: LocalizedMessage, rhs: LocalizedMessage) -> Bool {
        lhs.english == rhs.english
    }

    /// Hashes what ``==`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(english)
    }

    /// The message as a JSON string, in the language the host put under
    /// ``MessageTranslations/codingKey`` in the encoder's user info (English without one).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rendered(encoder.userInfo[MessageTranslations.codingKey] as? MessageTranslations))
    }

    /// `template` with each `{n}` replaced by `value(n)`; a placeholder without a value stays as written.
    static func fill(_ template: String, _ value: (Int) -> String?) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"),
                  let index = Int(rest[afterOpen..<close]), rest[afterOpen..<close].allSatisfy(\.isASCII),
                  let text = value(index) else {
                result.append("{")
                rest = rest[afterOpen...]
                continue
            }
            result += text
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Collects the template and values of an interpolated literal.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        var template = ""
        var arguments: [Argument] = []

        /// Room for the literal's text and values.
        public init(literalCapacity: Int, interpolationCount: Int) {
            template.reserveCapacity(literalCapacity + 3 * interpolationCount)
            arguments.reserveCapacity(interpolationCount)
        }

        /// A piece of the template.
        public mutating func appendLiteral(_ literal: String) {
            template += literal
        }

        /// A message, rendered in the caller's language.
        public mutating func appendInterpolation(_ message: LocalizedMessage) {
            append(.message(message))
        }

        /// A value, shown as it is; an ``OMCError`` (also one caught as `any Error`) brings its
        /// message, rendered in the caller's language.
        public mutating func appendInterpolation(_ value: some Any) {
            if let error = value as? OMCError {
                append(.message(error.localized))
            } else {
                append(.text(String(describing: value)))
            }
        }

        private mutating func append(_ argument: Argument) {
            template += "{\(arguments.count)}"
            arguments.append(argument)
        }
    }
}
