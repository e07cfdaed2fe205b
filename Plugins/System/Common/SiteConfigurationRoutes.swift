import Foundation
import PluginAPI

/// `/sys-conf`: the menu tree of the enabled plugins as the caller may see it (the document's
/// shape), with the OMC's version and languages; `/helpDoc`: the help document of a language,
/// served from `<plugin folder>/helpDoc/<language>.pdf`.
enum SiteConfigurationRoutes {
    static let languages = ["en_US", "zh_CN"]

    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/sys-conf", permission: .authenticated, summary: "What the web client needs: menus, version, languages",
                     answer: .json(.object(["code": .integer(), "msg": .string(), "data": .array(of: .anyValue), "system": .anyValue],
                                           name: "SiteConfiguration"))) { request, context in
            var tree: [JSONValue] = []
            for entry in context.host.menus {
                if let node = try await visible(entry, request: request) { tree.append(node) }
            }
            let system: JSONValue = ["version": .string(context.host.version), "languages": .array(languages.map(JSONValue.string)),
                                     "defaultLanguage": "en_US", "neTypes": .array(context.host.neTypes.keys.sorted().map(JSONValue.string))]
            return .json(["code": 200, "msg": "Success", "data": .array(tree), "system": system] as JSONValue)
        }

        plugin.route(.post, "/helpDoc", permission: .authenticated, audit: AuditClass.none, summary: "Where the help document of a language is",
                     body: .json(.object(["uploadPath": .string(maxLength: 256, description: "Accepted, not used: documents live in the OMC's data folder"),
                                          "language": .string(oneOf: languages, description: "en_US or zh_CN")],
                                         required: ["language"], name: "HelpDocumentRequest")),
                     answer: .json(.object(["code": .integer(), "msg": .string(), "data": .string()], name: "HelpDocument"))) { request, context in
            let language = try await language(of: request)
            let path = file(language, context)
            guard FileManager.default.fileExists(atPath: path) else {
                throw OMCError.notFound("no help document is installed for \(language); an administrator installs it as helpDoc/\(language).pdf in the data folder of the system plugin")
            }
            return .json(["code": 1, "data": .string("/helpDoc/file/\(language).pdf"), "msg": "success"] as JSONValue)
        }

        plugin.route(.get, "/helpDoc/file/{fileName}", permission: .authenticated, summary: "Download the help document of a language",
                     parameters: [.string("fileName", oneOf: languages.map { "\($0).pdf" }, rule: "must be en_US.pdf or zh_CN.pdf")],
                     answer: .file(mediaType: "application/pdf")) { request, context in
            let name = try request.pathParameter("fileName")
            let language = String(name.dropLast(4))
            guard languages.contains(language) else { throw OMCError.invalid("fileName", "must be en_US.pdf or zh_CN.pdf") }
            let path = file(language, context)
            guard FileManager.default.fileExists(atPath: path) else {
                throw OMCError.notFound("no help document is installed for \(language); an administrator installs it as helpDoc/\(language).pdf in the data folder of the system plugin")
            }
            return .download(path: path, fileName: "help-\(language).pdf", contentType: "application/pdf", removeWhenSent: false)
        }
    }

    static func language(of request: OMCRequest) async throws -> String {
        let body = try await request.decode(JSONValue.self)
        let given = LenientText.of(body["language"]) ?? ""
        guard let language = languages.first(where: { $0.caseInsensitiveCompare(given) == .orderedSame }) else {
            throw OMCError.invalid("language", "must be en_US or zh_CN")
        }
        return language
    }

    static func file(_ language: String, _ context: PluginContext) -> String {
        "\(context.dataDirectory)/helpDoc/\(language).pdf"
    }

    /// A menu node the caller may see, in the document's shape; directories keep their visible pages.
    static func visible(_ entry: MenuEntry, request: OMCRequest) async throws -> JSONValue? {
        if entry.children.isEmpty {
            guard let permission = entry.permission, try await request.permissions.holds(permission) else { return nil }
            return node(entry, redirect: nil, children: nil)
        }
        var children: [JSONValue] = []
        for child in entry.children {
            if let node = try await visible(child, request: request) { children.append(node) }
        }
        guard let first = children.first?["path"]?.stringValue else { return nil }
        return node(entry, redirect: first.hasPrefix("/") ? first : entry.path + "/" + first, children: children)
    }

    static func node(_ entry: MenuEntry, redirect: String?, children: [JSONValue]?) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(entry.name), "path": .string(entry.path), "component": .string(entry.component),
            "meta": ["icon": .string(entry.icon), "title": .string(entry.title), "hide": .bool(entry.hidden), "cache": .bool(entry.cached),
                     "target": .null],
        ]
        if let redirect { members["redirect"] = .string(redirect) }
        if let children { members["children"] = .array(children) }
        return .object(members)
    }
}
