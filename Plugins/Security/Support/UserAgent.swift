import Foundation

/// Browser and operating system from a `User-Agent` header, in the document's form
/// (`Chrome 86.0.4240.198`, `Windows 10`); `Unknown` when not recognised.
struct UserAgent: Sendable {
    let browser: String
    let operatingSystem: String

    init(_ header: String) {
        browser = Self.browser(header)
        operatingSystem = Self.operatingSystem(header)
    }

    /// Products in the order they must be tried: Chromium-based browsers also claim Chrome and
    /// Safari, Chrome also claims Safari.
    private static let browsers: [(token: String, name: String)] = [
        ("Edg/", "Edge"), ("Edge/", "Edge"), ("OPR/", "Opera"), ("Opera/", "Opera"), ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"), ("CriOS/", "Chrome"), ("Version/", "Safari"), ("curl/", "curl"), ("Wget/", "Wget"),
        ("PostmanRuntime/", "Postman"), ("python-requests/", "Python requests"), ("Go-http-client/", "Go HTTP client"),
        ("Apache-HttpClient/", "Apache HttpClient"), ("okhttp/", "OkHttp"),
    ]

    private static func browser(_ header: String) -> String {
        if header.contains("MSIE ") || header.contains("Trident/") { return "Internet Explorer" }
        for (token, name) in browsers {
            guard let range = header.range(of: token) else { continue }
            let version = header[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            return version.isEmpty ? name : "\(name) \(version)"
        }
        return "Unknown"
    }

    private static func operatingSystem(_ header: String) -> String {
        if let range = header.range(of: "Windows NT ") {
            let version = header[range.upperBound...].prefix { $0.isNumber || $0 == "." }
            let names = ["10.0": "Windows 10", "6.3": "Windows 8.1", "6.2": "Windows 8", "6.1": "Windows 7", "6.0": "Windows Vista", "5.1": "Windows XP"]
            return names[String(version)] ?? "Windows"
        }
        if header.contains("Android") {
            if let range = header.range(of: "Android ") {
                let version = header[range.upperBound...].prefix { $0.isNumber || $0 == "." }
                return version.isEmpty ? "Android" : "Android \(version)"
            }
            return "Android"
        }
        if header.contains("iPhone") || header.contains("iPad") { return "iOS" }
        if let range = header.range(of: "Mac OS X ") {
            let version = header[range.upperBound...].prefix { $0.isNumber || $0 == "_" || $0 == "." }
            return "Mac OS X " + version.replacingOccurrences(of: "_", with: ".")
        }
        if header.contains("CrOS") { return "Chrome OS" }
        if header.contains("Linux") { return "Linux" }
        return "Unknown"
    }
}
