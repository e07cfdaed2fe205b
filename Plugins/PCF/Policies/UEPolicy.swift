import PluginAPI

/// One UE's policy on a PCF, with the API document's `ueInfo` fields.
struct UEPolicy: Sendable, Equatable, Encodable {
    var imsi: String
    var msisdn: String
    /// RAT/frequency selection priority index.
    var rfsp: Int
    /// Service area restriction name.
    var sar: String
    /// PCC rule names, `|`-separated (`internet|ims_sig`).
    var pccRules: String
    /// Session rule names, `|`-separated.
    var sessRules: String
    var uePolicy: String
    var qosAudio: String
    var qosVideo: String
    /// Header enrichment profile.
    var hdrEnrich: String

    /// The field names, in the order of imports, exports and the NE's records.
    static let fieldNames = ["imsi", "msisdn", "rfsp", "sar", "pccRules", "sessRules", "uePolicy", "qosAudio", "qosVideo", "hdrEnrich"]

    /// A policy from text values by field name; fields absent from `values` keep `base`'s value (or
    /// their default: rfsp 0, names empty). Every value is checked; the first broken rule is thrown,
    /// naming the field.
    init(_ values: [String: String], base: UEPolicy? = nil) throws(OMCError) {
        for name in values.keys where !Self.fieldNames.contains(name) {
            throw OMCError.invalid(name, "is not a UE policy field; the fields are \(Self.fieldNames.joined(separator: ", "))")
        }
        func value(_ name: String, _ current: String?) throws(OMCError) -> String {
            guard let given = values[name] else { return current ?? "" }
            if let problem = PolicyFieldRule.rule(for: name).violation(of: given) { throw OMCError.invalid(name, problem) }
            return given
        }
        imsi = try value("imsi", base?.imsi)
        guard !imsi.isEmpty else { throw OMCError.invalid("imsi", "is required") }
        msisdn = try value("msisdn", base?.msisdn)
        guard !msisdn.isEmpty else { throw OMCError.invalid("msisdn", "is required") }
        let rfspText = try value("rfsp", base.map { String($0.rfsp) })
        rfsp = rfspText.isEmpty ? 0 : Int(rfspText) ?? 0
        sar = try value("sar", base?.sar)
        pccRules = try value("pccRules", base?.pccRules)
        sessRules = try value("sessRules", base?.sessRules)
        uePolicy = try value("uePolicy", base?.uePolicy)
        qosAudio = try value("qosAudio", base?.qosAudio)
        qosVideo = try value("qosVideo", base?.qosVideo)
        hdrEnrich = try value("hdrEnrich", base?.hdrEnrich)
    }

    /// A policy read back from the OMC's copy, whose values were checked when they were stored.
    init(stored imsi: String, msisdn: String, rfsp: Int, sar: String, pccRules: String, sessRules: String, uePolicy: String,
         qosAudio: String, qosVideo: String, hdrEnrich: String) {
        self.imsi = imsi
        self.msisdn = msisdn
        self.rfsp = rfsp
        self.sar = sar
        self.pccRules = pccRules
        self.sessRules = sessRules
        self.uePolicy = uePolicy
        self.qosAudio = qosAudio
        self.qosVideo = qosVideo
        self.hdrEnrich = hdrEnrich
    }

    /// The values in ``fieldNames`` order, as text.
    var values: [String] {
        [imsi, msisdn, String(rfsp), sar, pccRules, sessRules, uePolicy, qosAudio, qosVideo, hdrEnrich]
    }

    /// The document's JSON shape: strings, `rfsp` a number.
    var json: JSONValue {
        var object: [String: JSONValue] = [:]
        for (name, value) in zip(Self.fieldNames, values) { object[name] = .string(value) }
        object["rfsp"] = .number(Double(rfsp))
        return .object(object)
    }

    /// This policy with IMSI and MSISDN advanced by `offset` (batch routes), or `nil` past the last
    /// number of the same length.
    func stepped(by offset: Int) -> UEPolicy? {
        guard let imsi = Self.add(offset, to: imsi), let msisdn = Self.add(offset, to: msisdn) else { return nil }
        var copy = self
        copy.imsi = imsi
        copy.msisdn = msisdn
        return copy
    }

    /// `digits` + `offset`, keeping the length (leading zeros); `nil` when it would overflow it.
    static func add(_ offset: Int, to digits: String) -> String? {
        guard let number = UInt64(digits), digits.utf8.count <= 19 else { return nil }
        let (sum, overflow) = number.addingReportingOverflow(UInt64(offset))
        let text = String(sum)
        guard !overflow, text.utf8.count <= digits.utf8.count else { return nil }
        return String(repeating: "0", count: digits.utf8.count - text.utf8.count) + text
    }

    /// The text values of a JSON body: strings as they are, numbers as integers, `null` left out.
    /// Anything else (objects, arrays, booleans, fractions) is refused naming the field.
    static func values(of body: JSONValue) throws(OMCError) -> [String: String] {
        guard case .object(let members) = body else { throw OMCError.invalid("body", "must be a JSON object of UE policy fields") }
        var values: [String: String] = [:]
        for (name, member) in members {
            switch member {
            case .null: continue
            case .string(let text): values[name] = text
            case .number where member.intValue != nil: values[name] = String(member.intValue ?? 0)
            default: throw OMCError.invalid(name, "must be a string\(name == "rfsp" ? " or an integer" : "")")
            }
        }
        return values
    }
}
