import PluginAPI

/// What the record routes take and answer, as the host checks it before a handler runs and the
/// OpenAPI document shows it. Each field's rule is said in ``FieldRule``'s own words. Every field
/// accepts the empty string, which the document's clients send for "not set": an optional field then
/// takes its default and a required one is refused by ``RecordSchema/record(_:base:)`` ("is required").
extension RecordSchema {
    /// The `{neId}` segment: an NE id as NE management registers it.
    static let neIDParameter = RouteParameter.string("neId", maxLength: 32, pattern: "^[A-Za-z0-9_-]{1,32}$",
                                                     description: "The UDM's NE id", rule: "must be 1 to 32 letters, digits, '_' or '-'")
    /// The `{imsi}` segment.
    static let imsiParameter = RouteParameter.string("imsi", maxLength: 15, pattern: "^[0-9]{15}$", description: "IMSI, 15 digits",
                                                     rule: "must be 15 decimal digits")
    /// The `{num}` segment of batches.
    static let countParameter = RouteParameter.string("num", maxLength: 9, pattern: "^[0-9]{1,9}$",
                                                      description: "How many records, from 1", rule: "must be a positive integer")

    /// The body of add and batch add (`requireAll`), or of modify (only `imsi` required).
    func bodyShape(requireAll: Bool) -> ValueSchema {
        var properties: [String: ValueSchema] = [:]
        for field in fields { properties[field.name] = field.rule.shape.described(field.help.english) }
        // The document's answers carry them; a client sending a record back is not refused.
        properties["id"] = ValueSchema.anyValue.described("Ignored")
        properties["neId"] = ValueSchema.anyValue.described("Ignored: the path names the NE")
        let required = requireAll ? fields.filter(\.required).map(\.name) : ["imsi"]
        let name = resource == "sub" ? "Subscription" : "AuthenticationData"
        return .object(properties, required: required, name: requireAll ? name : name + "Change",
                       description: "A \(noun) record", othersRefused: "is not a \(noun) field; the fields are \(names.joined(separator: ", "))")
    }

    /// A record as answered: the fields as strings, with `id` and `neId`.
    var recordShape: ValueSchema {
        var properties: [String: ValueSchema] = ["id": .string(description: "The OMC's id of the record"), "neId": .string()]
        for field in fields { properties[field.name] = .string(description: field.help.english + (field.secret ? " (masked unless the caller may see secrets)" : "")) }
        return .object(properties, required: ["id", "neId"] + names, name: resource == "sub" ? "SubscriptionRecord" : "AuthenticationRecord")
    }

    /// The list's filters, paging and sorting (``RecordQuery``).
    var listQuery: [RouteParameter] {
        [.string("neId", maxLength: 32, description: "Only this NE's records"),
         .string("imsi", maxLength: 15, pattern: "^[0-9]{1,15}$", description: "IMSI prefix", rule: "filter must be 1 to 15 decimal digits"),
         .string("msisdn", maxLength: 15, pattern: "^[0-9]{1,15}$", description: "MSISDN prefix", rule: "filter must be 1 to 15 decimal digits")]
            + RouteParameter.paging(sortable: ["imsi", "neId"] + sortable)
    }
}

extension FieldRule {
    /// The rule as a string shape (numbers are accepted as their text).
    var shape: ValueSchema {
        let template = "[A-Za-z0-9_.-]{1,64}"
        let octet = "(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])"
        let (pattern, maxLength): (String, Int) = switch self {
        case .digits(let lengths): ("[0-9]{\(lengths.lowerBound),\(lengths.upperBound)}", lengths.upperBound)
        case .hex(let length): ("[0-9A-Fa-f]{\(length)}", length)
        case .integer(let range): ("[0-9]{1,\(String(range.upperBound).count)}", 6)
        case .oneOf(let values): ("(" + values.joined(separator: "|") + ")", values.map(\.count).max() ?? 0)
        case .template: (template, 64)
        case .numberList: ("[0-9]{1,5}([,|][0-9]{1,5})*", 256)
        case .ipv4: ("(\(octet)\\.){3}\(octet)", 15)
        }
        return .string(maxLength: maxLength, pattern: "^(\(pattern))?$", rule: wording)
    }
}
