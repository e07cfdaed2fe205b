import Foundation
import PluginAPI

/// The body of `POST …/objectType/neInfo`, as the API document shows it. `port` may be a number or,
/// as in the document's example, a string.
struct NEInfoBody: Decodable {
    let neType: String
    let neId: String
    let neName: String
    let ip: String
    let port: FlexibleInteger
    let pvFlag: String
    let province: String
    let vendorName: String
    let dn: String
}

/// The body of `PUT …/objectType/neInfo?ne_id=`: the document's four fields, plus the address and
/// name, which an operator must be able to correct.
struct NEInfoUpdate: Decodable {
    let pvFlag: String
    let province: String
    let vendorName: String
    let dn: String
    let neName: String?
    let ip: String?
    let port: FlexibleInteger?
}

/// An integer sent as a JSON number or a string of digits.
struct FlexibleInteger: Decodable {
    let value: Int

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Int(text.trimmingCharacters(in: .whitespaces)) {
            value = number
        } else {
            throw DecodingError.typeMismatch(Int.self, .init(codingPath: decoder.codingPath, debugDescription: "expected an integer"))
        }
    }
}

/// The rules an NE's registration data follows; each failure names the field.
enum NEInfoRules {
    static let pvFlags = ["PNF", "VNF"]

    static func checkID(_ id: String, field: String = "neId") throws(OMCError) {
        guard (1...32).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw OMCError.invalid(field, "must be 1 to 32 letters, digits, '_' or '-'")
        }
    }

    static func checkText(_ value: String, field: String, max: Int, required: Bool) throws(OMCError) {
        if required, value.trimmingCharacters(in: .whitespaces).isEmpty { throw OMCError.invalid(field, "must not be empty") }
        if value.count > max { throw OMCError.invalid(field, "must be at most \(max) characters") }
        if value.contains(where: { $0.isNewline || ($0.asciiValue.map { $0 < 0x20 } ?? false) }) {
            throw OMCError.invalid(field, "must not contain control characters")
        }
    }

    static func checkAddress(_ ip: String) throws(OMCError) {
        var v4 = in_addr()
        var v6 = in6_addr()
        guard inet_pton(AF_INET, ip, &v4) == 1 || inet_pton(AF_INET6, ip, &v6) == 1 else {
            throw OMCError.invalid("ip", "must be an IPv4 or IPv6 address, not '\(ip)'")
        }
    }

    static func checkPort(_ port: Int) throws(OMCError) {
        guard (1...65535).contains(port) else { throw OMCError.invalid("port", "must be an integer from 1 to 65535") }
    }

    static func checkPVFlag(_ flag: String) throws(OMCError) {
        guard pvFlags.contains(flag.uppercased()) else { throw OMCError.invalid("pvFlag", "must be PNF or VNF") }
    }

    /// The NE type must be one an enabled plugin provides.
    static func checkType(_ type: String, host: HostInfo) throws(OMCError) {
        guard host.neTypes[type.uppercased()] != nil else {
            let known = host.neTypes.keys.sorted()
            throw OMCError.invalid("neType", known.isEmpty ? "'\(type)' is not provided by any enabled plugin; no NE-type plugin is enabled"
                : "'\(type)' is not provided by any enabled plugin; enabled NE types: \(known.joined(separator: ", "))")
        }
    }
}
