/// JSON written by hand for the hottest answer, one record read by IMSI: ten thousand answers a
/// second leave no room for a generic encoder's per-key work. Keys are sorted, as the host's
/// encoder sorts them (DECISIONS 30).
enum JSONText {
    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// `{"code":200,"data":{…},"msg":"Success"}` for an object of string members.
    static func success(_ members: [(key: String, value: String)]) -> [UInt8] {
        let object = members.sorted { $0.key < $1.key }.map { quoted($0.key) + ":" + quoted($0.value) }.joined(separator: ",")
        return Array(("{\"code\":200,\"data\":{" + object + "},\"msg\":\"Success\"}").utf8)
    }
}
