import PluginAPI

/// Checks shared by every route that names an NE type or an NE.
enum NEKeys {
    /// `type` upper-cased when an enabled plugin provides it; a 404 naming the enabled types otherwise.
    static func neType(_ type: String, _ context: PluginContext) throws(OMCError) -> String {
        let upper = type.uppercased()
        guard context.host.neTypes[upper] != nil else {
            let known = context.host.neTypes.keys.sorted().joined(separator: ", ")
            throw OMCError.notFound("NE type '\(type)' is not provided by any enabled plugin; enabled NE types: \(known)")
        }
        return upper
    }

    /// The registered NE `type`/`id`, or a 404.
    static func element(_ type: String, _ id: String, _ context: PluginContext) async throws -> NetworkElement {
        guard let element = try await context.network.element(type: type, id: id) else {
            throw OMCError.notFound("NE \(type)/\(id) is not registered")
        }
        return element
    }

    /// The management path of `element`'s `objectType` (`…/elementType/udm/objectType/software`).
    static func path(_ element: NetworkElement, _ objectType: String) -> String {
        "/api/rest/systemManagement/v1/elementType/\(element.neType.lowercased())/objectType/\(objectType)"
    }

    /// The version rule of paths and package manifests.
    static let versionPattern = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
    static let versionRule: LocalizedMessage = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"

    /// `version` when it follows ``versionPattern``.
    static func version(_ version: String) throws(OMCError) -> String {
        guard (1...64).contains(version.count), version.first.map({ $0.isASCII && ($0.isLetter || $0.isNumber) }) == true,
              version.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }) else {
            throw OMCError.invalid("version", versionRule)
        }
        return version
    }
}
