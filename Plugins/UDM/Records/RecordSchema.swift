import PluginAPI

/// One of the UDM's two record kinds, subscription data and authentication data, described once so
/// that routes, MML, storage, provisioning, import and export are the same code for both.
struct RecordSchema: Sendable {
    /// The API document's path segment and the permission's resource: `sub` or `auth`.
    let resource: String
    /// The OMC's table holding its copy.
    let table: String
    /// `subscription` or `authentication data`, for messages.
    let noun: LocalizedMessage
    /// The MML object: `SUB` or `AUTHDAT`.
    let mmlObject: String
    /// Every field, `imsi` first, in the order of CSV columns.
    let fields: [RecordField]
    /// Fields that a batch add increments for each record (`imsi`, `msisdn`).
    let stepped: [String]
    /// Fields besides imsi and neId a list can be sorted by.
    let sortable: [String]

    /// Subscription data: the API document's 4G and 5G fields.
    static let subscription = RecordSchema(
        resource: "sub", table: "udm_sub", noun: "subscription", mmlObject: "SUB",
        fields: [
            RecordField("imsi", .digits(15...15), required: true, help: "IMSI, 15 digits"),
            RecordField("msisdn", .digits(5...15), required: true, help: "MSISDN, 5 to 15 digits"),
            RecordField("ambr", .template, required: true, help: "UE AMBR template"),
            RecordField("nssai", .template, required: true, help: "subscribed S-NSSAI template"),
            RecordField("rat", .template, help: "RAT restriction template"),
            RecordField("arfb", .template, help: "forbidden area template"),
            RecordField("sar", .template, help: "service area restriction template"),
            RecordField("cn", .template, help: "core network type restriction template"),
            RecordField("smData", .template, required: true, help: "session management data template (DNNs, QoS)"),
            RecordField("smfSel", .template, help: "SMF selection template"),
            RecordField("epsDat", .template, help: "4G EPS subscription template; required when epsFlag is 1"),
            RecordField("epsFlag", .oneOf(["0", "1"]), default: "0", help: "1 when the subscriber has 4G service"),
            RecordField("epsOdb", .template, help: "4G operator-determined barring template"),
            RecordField("hplmnOdb", .template, help: "home PLMN operator-determined barring template"),
            RecordField("ard", .template, help: "access restriction data template"),
            RecordField("epstpl", .template, help: "4G subscription template"),
            RecordField("contextId", .numberList, help: "default APN context id"),
            RecordField("apnContext", .numberList, help: "APN context ids, separated by , or |"),
            RecordField("staticIp", .ipv4, help: "static IPv4 address of the 4G UE (optional)"),
        ],
        stepped: ["imsi", "msisdn"], sortable: ["msisdn"])

    /// Authentication data: Ki and OPc (secrets), AMF, algorithm index, status.
    static let authentication = RecordSchema(
        resource: "auth", table: "udm_auth", noun: "authentication data", mmlObject: "AUTHDAT",
        fields: [
            RecordField("imsi", .digits(15...15), required: true, help: "IMSI, 15 digits"),
            RecordField("ki", .hex(32), required: true, secret: true, help: "subscriber key Ki, 32 hex digits"),
            RecordField("opc", .hex(32), required: true, secret: true, help: "operator variant key OPc, 32 hex digits"),
            RecordField("amf", .hex(4), default: "8000", help: "authentication management field, 4 hex digits"),
            RecordField("algoIndex", .integer(0...15), default: "0", help: "authentication algorithm index, 0 to 15 (0 = Milenage)"),
            RecordField("status", .oneOf(["0", "1"]), default: "1", help: "1 active, 0 suspended"),
        ],
        stepped: ["imsi"], sortable: [])

    /// Field names in order.
    var names: [String] { fields.map(\.name) }

    /// Position of `name` among the fields.
    func position(of name: String) -> Int? { fields.firstIndex { $0.name == name } }

    /// Positions of the secret fields.
    var secretPositions: [Int] { fields.indices.filter { fields[$0].secret } }

    /// Names of the secret fields, which the operation log masks.
    var secretNames: [String] { fields.filter(\.secret).map(\.name) }

    /// Builds and checks a record from `given` values; fields not given keep `base`'s value (a
    /// modification) or take their default. Errors name the field and the rule.
    func record(_ given: [String: String], base: UDMRecord? = nil) throws(OMCError) -> UDMRecord {
        var values: [String] = []
        values.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            let value = given[field.name] ?? base?.values[index] ?? field.defaultValue
            if value.isEmpty {
                if field.required { throw OMCError.invalid(field.name, "is required") }
            } else if let problem = field.rule.violation(of: value) {
                throw OMCError.invalid(field.name, problem)
            }
            values.append(value)
        }
        let record = UDMRecord(values: values)
        if resource == "sub", record.value("epsFlag", in: self) == "1", record.value("epsDat", in: self).isEmpty {
            throw OMCError.invalid("epsDat", "is required when epsFlag is 1")
        }
        return record
    }

    /// The record `offset` places after `record` in a batch: stepped fields incremented, keeping
    /// their number of digits; `nil` when one would overflow.
    func stepping(_ record: UDMRecord, by offset: Int) -> UDMRecord? {
        var values = record.values
        for name in stepped {
            guard let index = position(of: name), let stepped = Self.add(offset, to: values[index]) else { return nil }
            values[index] = stepped
        }
        return UDMRecord(values: values)
    }

    /// An IMSI's 15 digits from its number.
    static func imsiText(_ number: UInt64) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(0, 15 - digits.count)) + digits
    }

    /// `digits + offset`, zero-padded to the same length; `nil` on overflow.
    static func add(_ offset: Int, to digits: String) -> String? {
        guard let number = UInt64(digits) else { return nil }
        let (sum, overflow) = number.addingReportingOverflow(UInt64(offset))
        guard !overflow else { return nil }
        let text = String(sum)
        guard text.utf8.count <= digits.utf8.count else { return nil }
        return String(repeating: "0", count: digits.utf8.count - text.utf8.count) + text
    }
}
