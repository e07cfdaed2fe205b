import PluginAPI

/// Splits one line of CSV (RFC 4180 quoting: `"a,b"`, `""` for a quote) or tab-separated text into
/// fields. Records never span lines, because no field rule admits a line break.
enum CSVLine {
    static func fields(_ line: [UInt8], separator: UInt8) throws(OMCError) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var quoted = false
        var wasQuoted = false
        while index < line.count {
            let byte = line[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < line.count, line[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == separator {
                fields.append(String(decoding: field, as: UTF8.self).trimmingSpaces(unless: wasQuoted))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            } else if byte == 0x22, separator == 0x2C, field.allSatisfy({ $0 == 0x20 }) {
                field.removeAll(keepingCapacity: true)
                quoted = true
                wasQuoted = true
            } else {
                field.append(byte)
            }
            index += 1
        }
        if quoted { throw OMCError(.invalidInput, "a quoted field is not closed") }
        fields.append(String(decoding: field, as: UTF8.self).trimmingSpaces(unless: wasQuoted))
        return fields
    }
}

extension String {
    /// Spaces around an unquoted field are not part of it.
    fileprivate func trimmingSpaces(unless quoted: Bool) -> String {
        quoted ? self : String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
