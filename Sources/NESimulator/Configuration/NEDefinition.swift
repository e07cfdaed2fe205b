import Foundation

/// One NE to play, as the configuration file or `--generate` describes it.
public struct NEDefinition: Sendable, Hashable {
    /// NE type, upper-cased (`UDM`); any name made of letters, digits, `-` and `_`.
    public var type: String
    /// NE id within its type (`001`).
    public var id: String
    /// Display name; `<TYPE>_<id>` unless configured.
    public var name: String
    /// Port to listen on; 0 picks a free one.
    public var port: Int
    /// Software version the NE reports.
    public var version: String
    /// Serial number the NE reports.
    public var serialNum: String
    /// Licensed capacity the NE reports.
    public var capability: Int
    /// Province code the NE reports.
    public var province: String
    /// Licence expiry date, `yyyy-MM-dd`.
    public var expiryDate: String
    /// Seconds between scheduled alarm pushes; 0 means none.
    public var alarmIntervalSeconds: Double
    /// Seconds between scheduled KPI pushes; 0 means none.
    public var kpiIntervalSeconds: Double
    /// Line of the entry in the configuration file, for messages; `nil` for generated NEs.
    public var line: Int?

    /// An NE with the identity defaults that the configuration file lets one leave out.
    public init(type: String, id: String, name: String? = nil, port: Int = 0, version: String = NEDefinition.defaultVersion,
                serialNum: String? = nil, capability: Int = NEDefinition.defaultCapability, province: String = NEDefinition.defaultProvince,
                expiryDate: String = NEDefinition.defaultExpiryDate, alarmIntervalSeconds: Double = 0, kpiIntervalSeconds: Double = 0,
                line: Int? = nil) {
        self.type = type.uppercased()
        self.id = id
        self.name = name ?? "\(type.uppercased())_\(id)"
        self.port = port
        self.version = version
        self.serialNum = serialNum ?? NEDefinition.defaultSerialNumber(id: id)
        self.capability = capability
        self.province = province
        self.expiryDate = expiryDate
        self.alarmIntervalSeconds = alarmIntervalSeconds
        self.kpiIntervalSeconds = kpiIntervalSeconds
        self.line = line
    }

    /// `UDM/001`, the way the API document keys NEs.
    public var key: String { "\(type)/\(id)" }

    /// Version reported when none is configured.
    public static let defaultVersion = "1.0.0"
    /// Capacity reported when none is configured.
    public static let defaultCapability = 100_000
    /// Province reported when none is configured.
    public static let defaultProvince = "GD"
    /// Expiry date reported when none is configured.
    public static let defaultExpiryDate = "2099-12-31"

    /// An eight-digit serial number made from the id, so that generated NEs differ from one another.
    static func defaultSerialNumber(id: String) -> String {
        let digits = id.filter(\.isASCII).filter(\.isNumber)
        // Without digits, a fixed hash of the id (not `hashValue`, which changes from run to run).
        let hash = id.unicodeScalars.reduce(UInt32(2_166_136_261)) { ($0 ^ $1.value) &* 16_777_619 }
        let text = digits.isEmpty ? String(hash % 100_000_000) : String(digits.suffix(8))
        return String(repeating: "0", count: max(0, 8 - text.count)) + text
    }

    /// Whether `text` can be an NE type or id: 1–32 ASCII letters, digits, `-` or `_` (they appear in
    /// URL paths and folder names).
    public static func isValidName(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 32 && text.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
        }
    }

    /// Whether `text` is a real calendar date written `yyyy-MM-dd`.
    public static func isValidDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1 else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: date) else { return false }
        return days.contains(day)
    }
}
