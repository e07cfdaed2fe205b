/// One path segment (`{imsi}`) or query parameter (`?pageNum=`) a route takes, with the rule its value
/// follows. The host checks every declared parameter before the handler runs and refuses the request
/// with one message naming each value that breaks its rule; the OpenAPI document lists them.
public struct RouteParameter: Sendable, Hashable {
    /// What a value must read as.
    public enum ValueType: String, Sendable, Hashable {
        /// Any text (the rules below narrow it).
        case string
        /// A whole number, in decimal.
        case integer
        /// A decimal number.
        case number
        /// `true` or `false`.
        case boolean
    }

    /// The name, as in the path's `{name}` or the query string.
    public let name: String
    /// What a value must read as.
    public let type: ValueType
    /// Whether the request is refused without it. Path parameters are always required; an empty query
    /// value (`?imsi=`) counts as absent, as ``QueryParameters`` reads it.
    public let required: Bool
    /// The inclusive bounds of an integer or number.
    public let range: ClosedRange<Double>?
    /// The accepted values of a string, compared without regard to case (the document's clients mix
    /// `asc` and `ASC`); the OpenAPI document lists them as written here.
    public let allowed: [String]
    /// A regular expression a string must contain a match of; anchor it with `^…$` to match it whole.
    public let pattern: String?
    /// The most characters a string may have.
    public let maxLength: Int?
    /// One sentence for the OpenAPI document.
    public let description: String
    /// The rule in words (`must be 15 decimal digits`), said instead of the generated one (`must
    /// match ^[0-9]{15}$, not '123'`) when a value of the right type breaks the rules above.
    public let rule: LocalizedMessage?

    /// A parameter with every rule spelled out; the static functions below are shorter.
    public init(name: String, type: ValueType, required: Bool = false, range: ClosedRange<Double>? = nil,
                allowed: [String] = [], pattern: String? = nil, maxLength: Int? = nil, description: String = "",
                rule: LocalizedMessage? = nil) {
        self.rule = rule
        self.name = name
        self.type = type
        self.required = required
        self.range = range
        self.allowed = allowed
        self.pattern = pattern
        self.maxLength = maxLength
        self.description = description
    }

    /// Text, optionally bounded in length, matching `pattern`, or one of `oneOf`.
    public static func string(_ name: String, required: Bool = false, maxLength: Int? = nil, pattern: String? = nil,
                              oneOf: [String] = [], description: String = "", rule: LocalizedMessage? = nil) -> RouteParameter {
        RouteParameter(name: name, type: .string, required: required, allowed: oneOf, pattern: pattern,
                       maxLength: maxLength, description: description, rule: rule)
    }

    /// A whole number within `range`.
    public static func integer(_ name: String, required: Bool = false, range: ClosedRange<Int>? = nil,
                               description: String = "", rule: LocalizedMessage? = nil) -> RouteParameter {
        RouteParameter(name: name, type: .integer, required: required,
                       range: range.map { Double($0.lowerBound)...Double($0.upperBound) }, description: description, rule: rule)
    }

    /// A decimal number within `range`.
    public static func number(_ name: String, required: Bool = false, range: ClosedRange<Double>? = nil,
                              description: String = "") -> RouteParameter {
        RouteParameter(name: name, type: .number, required: required, range: range, description: description)
    }

    /// `true` or `false`.
    public static func boolean(_ name: String, required: Bool = false, description: String = "") -> RouteParameter {
        RouteParameter(name: name, type: .boolean, required: required, description: description)
    }

    /// The paging and sorting query parameters ``PageRequest`` reads: `pageNum`, `pageSize`, and
    /// `sortField` (one of `sortable`) with `sortOrder` when the list can be sorted.
    public static func paging(sortable: [String] = []) -> [RouteParameter] {
        var parameters: [RouteParameter] = [
            .integer("pageNum", range: 1...1_000_000, description: "Page number, from 1 (default 1)",
                     rule: "must be an integer from 1 to 1000000"),
            .integer("pageSize", range: 1...PageRequest.maximumPageSize, description: "Rows per page (default 10)",
                     rule: "must be an integer from 1 to \(PageRequest.maximumPageSize)"),
        ]
        if !sortable.isEmpty {
            parameters.append(.string("sortField", oneOf: sortable, description: "Field to sort by",
                                      rule: "must be one of \(sortable.joined(separator: ", "))"))
            parameters.append(.string("sortOrder", oneOf: ["asc", "desc", "ascending", "descending"],
                                      description: "Sort direction (default asc)", rule: "must be asc or desc"))
        }
        return parameters
    }
}
