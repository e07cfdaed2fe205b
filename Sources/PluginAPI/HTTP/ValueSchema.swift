/// The shape of a JSON value a route takes or answers: the part of JSON Schema the host checks and
/// the OpenAPI document carries (objects with members, strings with length, pattern and accepted
/// values, bounded numbers, booleans, arrays of one shape).
///
/// The host checks request bodies against it leniently where the handlers always were: members not
/// declared are let through (the document's clients send extras) unless the object says
/// `othersRefused`, `null` for a member that is not
/// required counts as absent, and a whole number where a string is declared is checked as its decimal
/// text (`"imsi": 460001000000001`); the handler's decoding decides whether it takes it.
public struct ValueSchema: Sendable, Hashable {
    /// The kind of value, with its rules.
    public indirect enum Kind: Sendable, Hashable {
        /// Text of `minLength...maxLength` characters, containing a match of `pattern`, one of `allowed`
        /// (compared without regard to case). `format` (`ipv4`, `date-time`, …) only documents.
        case string(minLength: Int, maxLength: Int?, pattern: String?, allowed: [String], format: String?)
        /// A whole number within the bounds; with `orDigits`, also a string of decimal digits (the
        /// document's clients send `"port": "33030"`).
        case integer(ClosedRange<Int>?, orDigits: Bool)
        /// A number within the bounds.
        case number(ClosedRange<Double>?)
        /// `true` or `false`.
        case boolean
        /// An array of values of one shape, at most `maxItems` of them.
        case array(items: ValueSchema, maxItems: Int?)
        /// An object with these members, of which `required` must be present.
        case object(properties: [String: ValueSchema], required: [String])
        /// Any JSON value (not checked).
        case any
    }

    /// The kind and its rules.
    public let kind: Kind
    /// One sentence for the OpenAPI document.
    public let description: String
    /// The name under which the OpenAPI document lists the shape in `components/schemas`, if any.
    public let name: String?
    /// The rule in words (`must be 15 decimal digits`), said instead of the generated one when a value
    /// of the right type breaks the bounds, pattern or accepted values.
    public let rule: LocalizedMessage?
    /// For an object that refuses members it does not declare: what a refusal says after the
    /// member's name (`is not a subscription field; the fields are imsi, …`). `nil` lets them through.
    public let othersRefused: LocalizedMessage?

    /// A shape; the static functions below are shorter.
    public init(kind: Kind, description: String = "", name: String? = nil, rule: LocalizedMessage? = nil, othersRefused: LocalizedMessage? = nil) {
        self.kind = kind
        self.description = description
        self.name = name
        self.rule = rule
        self.othersRefused = othersRefused
    }

    /// Text of `minLength...maxLength` characters matching `pattern`, or one of `oneOf`.
    public static func string(minLength: Int = 0, maxLength: Int? = nil, pattern: String? = nil, oneOf: [String] = [],
                              format: String? = nil, description: String = "", rule: LocalizedMessage? = nil) -> ValueSchema {
        ValueSchema(kind: .string(minLength: minLength, maxLength: maxLength, pattern: pattern, allowed: oneOf, format: format),
                    description: description, rule: rule)
    }

    /// A whole number within `range`; with `orDigits`, a string of digits is accepted too.
    public static func integer(range: ClosedRange<Int>? = nil, orDigits: Bool = false, description: String = "",
                               rule: LocalizedMessage? = nil) -> ValueSchema {
        ValueSchema(kind: .integer(range, orDigits: orDigits), description: description, rule: rule)
    }

    /// A number within `range`.
    public static func number(range: ClosedRange<Double>? = nil, description: String = "") -> ValueSchema {
        ValueSchema(kind: .number(range), description: description)
    }

    /// `true` or `false`.
    public static func boolean(description: String = "") -> ValueSchema {
        ValueSchema(kind: .boolean, description: description)
    }

    /// An array of `items`, at most `maxItems` of them.
    public static func array(of items: ValueSchema, maxItems: Int? = nil, description: String = "") -> ValueSchema {
        ValueSchema(kind: .array(items: items, maxItems: maxItems), description: description)
    }

    /// An object with `properties`, of which `required` must be present. `name` lists it in the
    /// OpenAPI document's `components/schemas` (a generated client names its model after it).
    /// With `othersRefused`, a member not in `properties` is refused with that rule.
    public static func object(_ properties: [String: ValueSchema], required: [String] = [], name: String? = nil,
                              description: String = "", othersRefused: LocalizedMessage? = nil) -> ValueSchema {
        ValueSchema(kind: .object(properties: properties, required: required), description: description, name: name,
                    othersRefused: othersRefused)
    }

    /// Any JSON value.
    public static let anyValue = ValueSchema(kind: .any)

    /// The same shape with `text` as its description.
    public func described(_ text: String) -> ValueSchema {
        ValueSchema(kind: kind, description: text, name: name, rule: rule, othersRefused: othersRefused)
    }
}
