import Foundation
import PluginAPI

/// Checks a request against what its route declares (``RouteDeclaration``) before the handler runs,
/// and collects every problem, so that one answer names each failing field and its rule.
///
/// Lenient where the handlers always were: query parameters and body members that are not declared
/// pass unchecked (the document's clients send extras such as `_t`), an empty query value counts as
/// absent, `null` for a member that is not required counts as absent, a whole number where a string
/// is declared is checked as its text, and accepted values of an enumeration compare without regard
/// to case. Values of secret fields are never quoted.
struct RequestValidator {
    /// The most problems a refusal lists; further ones are only counted, so that a 100,000-item
    /// array of wrong values costs a bounded message and bounded work.
    static let maximumProblems = 50

    let isSecret: (String) -> Bool
    private(set) var problems: [LocalizedMessage] = []
    private(set) var omitted = 0

    init(isSecret: @escaping (String) -> Bool) {
        self.isSecret = isSecret
    }

    /// The refusal for `route`'s declared parameters and body, `nil` when the request follows them.
    /// `body` is the collected body for routes that declare a JSON body.
    static func refusal(for route: MountedRoute, pathParameters: [String: String], query: QueryParameters,
                        body: [UInt8]?, contentType: String?, isSecret: @escaping (String) -> Bool) -> OMCError? {
        var validator = RequestValidator(isSecret: isSecret)
        for parameter in route.pathParameters {
            validator.check(pathParameters[parameter.name].flatMap { $0.isEmpty ? nil : $0 }, against: parameter, required: true,
                            where: "path parameter")
        }
        for parameter in route.queryParameters {
            validator.check(query[parameter.name], against: parameter, required: parameter.required, where: "query parameter")
        }
        switch route.body {
        case .json(let schema, let required):
            let bytes = body ?? []
            if required || !bytes.allSatisfy(RequestValidator.isBlank) { validator.checkJSON(bytes, against: schema) }
        case .multipart(let files, _):
            if !(contentType?.lowercased().hasPrefix("multipart/form-data") ?? false) {
                validator.report("Content-Type", files.isEmpty ? "must be multipart/form-data to upload files" : "must be multipart/form-data to upload files (field \(files.joined(separator: ", ")))")
            }
        case nil: break
        }
        return validator.error
    }

    /// The refusal of `value` for `schema`, naming members under `path` (`targetParams.days`); `nil` when it follows it.
    static func refusal(for value: JSONValue, against schema: ValueSchema, at path: String,
                        isSecret: @escaping (String) -> Bool) -> OMCError? {
        var validator = RequestValidator(isSecret: isSecret)
        validator.check(value, against: schema, at: path, field: path)
        return validator.error
    }

    var error: OMCError? {
        guard !problems.isEmpty else { return nil }
        let listed = problems.joined(separator: "; ")
        return OMCError(.invalidInput, omitted == 0 ? listed : "\(listed); and at least \(omitted) more problems")
    }

    /// JSON's white space: a body of only these is no body.
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    mutating func report(_ field: String, _ rule: LocalizedMessage) {
        if problems.count < Self.maximumProblems { problems.append("\(field): \(rule)") } else { omitted += 1 }
    }

    // MARK: Path and query

    private mutating func check(_ value: String?, against parameter: RouteParameter, required: Bool, where kind: LocalizedMessage) {
        guard let value else {
            if required { report(parameter.name, "\(kind) is required") }
            return
        }
        let rule: LocalizedMessage?
        switch parameter.type {
        case .string:
            rule = stringRule(value, minLength: 0, maxLength: parameter.maxLength, pattern: parameter.pattern, allowed: parameter.allowed)
                .map { $0.rule + ($0.quotes ? echo(value, field: parameter.name) : "") }
        case .integer:
            let number = Int(value).map(Double.init)
            rule = number.map { numberRule($0, range: parameter.range, integer: true) } ?? Self.integerRule(parameter.range) + echo(value, field: parameter.name)
        case .number:
            let number = Double(value).flatMap { $0.isFinite ? $0 : nil }
            rule = number.map { numberRule($0, range: parameter.range, integer: false) } ?? Self.numberRule(parameter.range) + echo(value, field: parameter.name)
        case .boolean:
            rule = ["true", "false"].contains(value.lowercased()) ? nil : "must be true or false" + echo(value, field: parameter.name)
        }
        if let rule { report(parameter.name, parameter.rule ?? rule) }
    }

    // MARK: JSON body

    private mutating func checkJSON(_ bytes: [UInt8], against schema: ValueSchema) {
        let value: JSONValue
        do {
            // The handlers' own decoder: the same words for an empty body and for malformed JSON.
            value = try JSONBody.decode(JSONValue.self, from: bytes)
        } catch {
            problems.append(error.localized)
            return
        }
        check(value, against: schema, at: "body", field: "body")
    }

    /// `path` is what the message names (`neInfo.port`, `mml[2]`); `field` the member's own name, for secrecy.
    private mutating func check(_ value: JSONValue, against schema: ValueSchema, at path: String, field: String) {
        switch schema.kind {
        case .any:
            return
        case .string(let minLength, let maxLength, let pattern, let allowed, _):
            let text: String
            switch value {
            case .string(let string): text = string
            case .number: guard let number = value.intValue else { return report(path, "must be a string") }
                text = String(number)
            default: return report(path, "must be a string")
            }
            if let broken = stringRule(text, minLength: minLength, maxLength: maxLength, pattern: pattern, allowed: allowed) {
                report(path, schema.rule ?? (broken.rule + (broken.quotes ? echo(text, field: field) : "")))
            }
        case .integer(let range, let orDigits):
            let bounds = range.map { Double($0.lowerBound)...Double($0.upperBound) }
            var number = value.numberValue
            if orDigits, case .string(let text) = value {
                number = Int(text.trimmingCharacters(in: .whitespaces)).map(Double.init)
            }
            guard let number, number.rounded() == number else {
                if let rule = schema.rule, value.numberValue != nil || orDigits { return report(path, rule) }
                return report(path, Self.integerRule(bounds) + (orDigits ? " (a number or a string of digits)" : ""))
            }
            if let rule = numberRule(number, range: bounds, integer: true) { report(path, schema.rule ?? (rule + found(value))) }
        case .number(let range):
            guard let number = value.numberValue else { return report(path, Self.numberRule(range)) }
            if let rule = numberRule(number, range: range, integer: false) { report(path, schema.rule ?? (rule + found(value))) }
        case .boolean:
            if value.boolValue == nil { report(path, "must be true or false") }
        case .array(let items, let maxItems):
            guard let elements = value.arrayValue else { return report(path, "must be an array") }
            if let maxItems, elements.count > maxItems { report(path, "must have at most \(maxItems) items, not \(elements.count)") }
            for (index, element) in elements.enumerated() {
                check(element, against: items, at: path + "[\(index)]", field: field)
                if problems.count >= Self.maximumProblems, omitted > 0 { return }
            }
        case .object(let properties, let required):
            let isBody = path == "body"
            guard case .object(let members) = value else { return report(path, isBody ? "must be a JSON object" : "must be an object") }
            let prefix = isBody ? "" : path + "."
            for name in required where members[name] == nil {
                report(prefix + name, "is required")
            }
            if let refusal = schema.othersRefused {
                for name in members.keys.sorted() where properties[name] == nil { report(prefix + name, refusal) }
            }
            for (name, shape) in properties.sorted(by: { $0.key < $1.key }) {
                guard let member = members[name] else { continue }
                if member == .null {
                    if required.contains(name), let expected = Self.expected(shape) { report(prefix + name, "must be \(expected), not null") }
                    continue
                }
                check(member, against: shape, at: prefix + name, field: name)
            }
        }
    }

    // MARK: Rules

    /// The rule `text` breaks and whether quoting it helps (not for a length: the value is long).
    private func stringRule(_ text: String, minLength: Int, maxLength: Int?, pattern: String?,
                            allowed: [String]) -> (rule: LocalizedMessage, quotes: Bool)? {
        if !allowed.isEmpty {
            let lower = text.lowercased()
            return allowed.contains { $0.lowercased() == lower } ? nil : ("must be one of \(allowed.joined(separator: ", "))", true)
        }
        let length = text.count
        if length < minLength { return (minLength == 1 ? "must not be empty" : "must be at least \(minLength) characters", false) }
        if let maxLength, length > maxLength { return ("must be at most \(maxLength) characters", false) }
        if let pattern, let expression = PatternCache.shared.expression(pattern),
           expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
            return ("must match \(pattern)", true)
        }
        return nil
    }

    private func numberRule(_ number: Double, range: ClosedRange<Double>?, integer: Bool) -> LocalizedMessage? {
        guard let range, !range.contains(number) else { return nil }
        return integer ? Self.integerRule(range) : Self.numberRule(range)
    }

    private static func integerRule(_ range: ClosedRange<Double>?) -> LocalizedMessage {
        guard let range else { return "must be an integer" }
        // Bounds are written as declared: a bound near Int64's limit does not convert to Int exactly.
        return "must be an integer from \(written(range.lowerBound)) to \(written(range.upperBound))"
    }

    private static func numberRule(_ range: ClosedRange<Double>?) -> LocalizedMessage {
        guard let range else { return "must be a number" }
        return "must be a number from \(written(range.lowerBound)) to \(written(range.upperBound))"
    }

    /// What a value of `shape` is, in `JSONBody`'s words (`a string`); `nil` when anything goes.
    private static func expected(_ shape: ValueSchema) -> LocalizedMessage? {
        switch shape.kind {
        case .string: "a string"
        case .integer: "an integer"
        case .number: "a number"
        case .boolean: "true or false"
        case .array: "an array"
        case .object: "an object"
        case .any: nil
        }
    }

    /// `2` for 2.0, `0.5` for 0.5: bounds as an operator writes them.
    private static func written(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 9e15 ? String(Int64(number)) : String(number)
    }

    /// `, not '…'` quoting what was sent, except for secret fields. Long values are shortened by
    /// ``OMCError``'s bounds when the message grows long.
    private func echo(_ text: String, field: String) -> LocalizedMessage {
        isSecret(field) ? "" : ", not '\(text)'"
    }

    /// `, not 70000` quoting the number sent.
    private func found(_ value: JSONValue) -> LocalizedMessage {
        guard let number = value.numberValue else { return "" }
        return ", not \(Self.written(number))"
    }
}
