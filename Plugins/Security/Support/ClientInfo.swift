/// Where a request comes from, as the login log and the online list show it.
struct ClientInfo: Sendable {
    let address: String
    let location: String
    let browser: String
    let operatingSystem: String

    init(address: String?, userAgent: String?) {
        self.address = address ?? ""
        location = IPLocation.describe(address)
        let agent = UserAgent(userAgent ?? "")
        browser = agent.browser
        operatingSystem = agent.operatingSystem
    }
}

/// The document's `loginLocation`: private and loopback addresses are "Intranet IP"; the OMC has
/// no geolocation database, so other addresses are "Unknown".
enum IPLocation {
    static func describe(_ address: String?) -> String {
        guard let address, !address.isEmpty else { return "Unknown" }
        let lower = address.lowercased()
        if lower == "::1" || lower.hasPrefix("fe80:") || lower.hasPrefix("fc") || lower.hasPrefix("fd") { return "Intranet IP" }
        let octets = (lower.hasPrefix("::ffff:") ? String(lower.dropFirst(7)) : lower).split(separator: ".").compactMap { Int($0) }
        guard octets.count == 4 else { return "Unknown" }
        switch (octets[0], octets[1]) {
        case (10, _), (127, _), (192, 168), (169, 254): return "Intranet IP"
        case (172, 16...31): return "Intranet IP"
        default: return "Unknown"
        }
    }
}
