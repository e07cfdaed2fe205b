import Foundation
import PluginAPI

/// The OpenAPI 3 document of every mounted route, generated from the routes' declarations: path
/// parameters, permission (`x-permission`), audit class (`x-audit-class`), owning plugin (tag).
enum OpenAPIDocument {
    static func render(_ assembly: HostAssembly) -> [UInt8] {
        var paths: [String: JSONValue] = [:]
        for route in assembly.routes.routes {
            var operations = paths[route.pattern.text]?.objectMembers ?? [:]
            let parameters: [JSONValue] = route.pattern.segments.compactMap { segment in
                guard case .parameter(let name) = segment else { return nil }
                return .object(["name": .string(name), "in": .string("path"), "required": .bool(true),
                                "schema": .object(["type": .string("string")])])
            }
            var operation: [String: JSONValue] = [
                "summary": .string(route.summary),
                "operationId": .string(operationID(route)),
                "tags": .array([.string(route.owner)]),
                "x-permission": .string(route.permission.description),
                "x-audit-class": .number(Double(route.audit.rawValue)),
                "responses": .object([
                    "200": .object(["description": .string("Success: {code: 200, msg, data} or {code, msg, rows, total}")]),
                    "default": .object(["description": .string("Failure"),
                                        "content": .object(["application/json": .object(["schema": .object(["$ref": .string("#/components/schemas/Failure")])])])]),
                ]),
            ]
            if !parameters.isEmpty { operation["parameters"] = .array(parameters) }
            operation["security"] = route.permission == .open ? .array([]) : .array([.object(["bearer": .array([])])])
            operations[route.method.rawValue.lowercased()] = .object(operation)
            paths[route.pattern.text] = .object(operations)
        }
        let plugins = assembly.plugins.map { "\($0.id) \($0.manifest.version)" }.joined(separator: ", ")
        let document: JSONValue = .object([
            "openapi": .string("3.0.3"),
            "info": .object([
                "title": .string("OMC northbound API"),
                "version": .string(APIVersion.current.description),
                "description": .string("Routes of the OMC host and its enabled plugins: \(plugins.isEmpty ? "none" : plugins)"),
            ]),
            "paths": .object(paths),
            "components": .object([
                "securitySchemes": .object(["bearer": .object(["type": .string("http"), "scheme": .string("bearer")])]),
                "schemas": .object(["Failure": .object([
                    "type": .string("object"),
                    "required": .array([.string("code"), .string("msg")]),
                    "properties": .object(["code": .object(["type": .string("integer")]), "msg": .object(["type": .string("string")])]),
                ])]),
            ]),
        ])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? Array(encoder.encode(document))) ?? Array(#"{"openapi":"3.0.3"}"#.utf8)
    }

    private static func operationID(_ route: MountedRoute) -> String {
        let words = route.pattern.segments.map { segment -> String in
            switch segment {
            case .literal(let text): text
            case .parameter(let name): "by-" + name
            }
        }
        return ([route.method.rawValue.lowercased()] + words).joined(separator: "_")
    }
}

private extension JSONValue {
    var objectMembers: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }
}
