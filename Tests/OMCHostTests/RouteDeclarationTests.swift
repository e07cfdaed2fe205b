import Foundation
import OMCTesting
import PluginAPI
import Testing

/// The host checks what a route declares it takes (path, query, JSON or multipart body) before the
/// handler runs, names every failing field in one answer, changes nothing, and documents it all.
@Suite struct RouteDeclarationTests {
    static let valid: JSONValue = [
        "name": "Shenzhen-1", "kind": "core", "code": "SZX01", "racks": 12, "load": 0.5, "active": true,
        "adminPassword": "abc", "address": ["city": "Shenzhen", "zip": "518000"], "tags": ["a", "b"],
    ]

    func sites(_ host: MockHost) async -> Int? { await host.send(.get, "/sites").data?.intValue }

    @Test func refusesEveryBrokenFieldAtOnceAndChangesNothing() async throws {
        let host = try await MockHost.start([SiteCatalogPlugin.self])
        let body: JSONValue = [
            "kind": "cloud", "code": "ab1", "racks": 41, "load": "heavy", "active": "yes", "adminPassword": "Hunter2!",
            "address": ["zip": "12"], "tags": ["a", "toolong", "b", "c"], "unknownMember": 1,
        ]
        let refused = try await host.send(.post, "/sites/Bad1?priority=9&dryRun=maybe&weight=abc&mode=slow", json: body)
        #expect(refused.status == 400 && refused.code == 500)
        let expected = [
            "region: must match ^[a-z]+$, not 'Bad1'",
            "priority: must be an integer from 1 to 5",
            "dryRun: must be true or false, not 'maybe'",
            "weight: must be a number from 0.5 to 2, not 'abc'",
            "mode: must be one of fast, safe, not 'slow'",
            "name: is required",
            "active: must be true or false",
            "address.city: is required",
            "address.zip: must match ^[0-9]{6}$, not '12'",
            "adminPassword: must match ^[a-z]+$",
            "code: must be three capital letters and two digits",
            "kind: must be one of core, edge, not 'cloud'",
            "load: must be a number from 0 to 1",
            "racks: must be an integer from 1 to 40, not 41",
            "tags: must have at most 3 items, not 4",
            "tags[1]: must be at most 4 characters",
        ]
        #expect(refused.msg == expected.joined(separator: "; "))
        #expect(refused.msg?.contains("Hunter2!") == false, "a secret field's value is never quoted")
        let missing = await host.send(.post, "/sites/north", body: [])
        #expect(missing.status == 400)
        #expect(missing.msg == "priority: query parameter is required; request body is empty: a JSON object is required")
        let malformed = await host.send(.post, "/sites/north?priority=1", body: Array("{\"name\": ".utf8))
        #expect(malformed.msg?.hasPrefix("malformed JSON") == true, "\(malformed.text)")
        let notAnObject = try await host.send(.post, "/sites/north?priority=1", json: ["a", "b"] as JSONValue)
        #expect(notAnObject.msg == "body: must be a JSON object")
        #expect(await sites(host) == 0)
        await host.shutdown()
    }

    @Test func letsThroughWhatTheDeclarationAllowsAndTheHandlerStillReadsTheBody() async throws {
        let host = try await MockHost.start([SiteCatalogPlugin.self])
        guard case .object(var members) = Self.valid else { Issue.record("fixture"); return }
        members["unknownMember"] = "kept for the handler"
        members["racks"] = .null
        let added = try await host.send(.post, "/sites/north?priority=2&dryRun=TRUE&weight=1.5&mode=SAFE&_t=1733450000", json: JSONValue.object(members))
        #expect(added.status == 200 && added.data?.intValue == 1, "\(added.text)")
        #expect(await sites(host) == 1)
        await host.shutdown()
    }

    /// A bound at `Int.max` is 2^63 as a Double, one past what converts back to `Int`: writing the
    /// rule must not trap (schemathesis found it with `7.85e-122` as an alarm number).
    @Test func refusesOutOfRangeNumbersAgainstTheWidestIntegerRange() async throws {
        try await MockHost.run([SiteCatalogPlugin.self]) { host in
            for number in ["7.852016067449723e-122", "0", "-1", "99999999999999999999", "1.5"] {
                let refused = await host.send(.get, "/sites/number/\(number)")
                #expect(refused.status == 400 && refused.msg?.hasPrefix("number: must be an integer") == true, "\(number): \(refused.text)")
            }
            #expect(await host.send(.get, "/sites/number/\(Int.max)").status == 200)
        }
    }

    @Test func boundsTheMessageOfAHugeValueAndOfManyFailures() async throws {
        let host = try await MockHost.start([SiteCatalogPlugin.self])
        guard case .object(var members) = Self.valid else { Issue.record("fixture"); return }
        members["kind"] = .string(String(repeating: "x", count: 1_000_000))
        members["tags"] = .array(Array(repeating: .string("too long"), count: 3))
        let huge = try await host.send(.post, "/sites/north?priority=1", json: JSONValue.object(members))
        let message = try #require(huge.msg)
        #expect(huge.status == 400 && message.count <= OMCError.maximumMessageLength + 200, "\(message.count)")
        #expect(message.hasPrefix("kind: must be one of core, edge, not 'xxxx") && message.contains("(1,000,000 characters)"), "\(message.prefix(300))")
        #expect(message.contains("tags[2]: must be at most 4 characters"))

        members["kind"] = "core"
        members["tags"] = .array(Array(repeating: .bool(true), count: 3))
        let wrongItems = try await host.send(.post, "/sites/north?priority=1", json: JSONValue.object(members))
        #expect(wrongItems.msg == "tags[0]: must be a string; tags[1]: must be a string; tags[2]: must be a string")
        #expect(await sites(host) == 0)
        await host.shutdown()
    }

    @Test func checksTheContentTypeOfAMultipartRoute() async throws {
        let host = try await MockHost.start([SiteCatalogPlugin.self])
        let json = try await host.send(.post, "/sites/north/photo", json: ["photo": "not a file"])
        #expect(json.status == 400 && json.msg == "Content-Type: must be multipart/form-data to upload files (field photo)")
        let upload = await host.send(.post, "/sites/north/photo", multipart: [
            MultipartPart(name: "photo", fileName: "site.jpg", contentType: "image/jpeg", content: Array("jpeg".utf8)),
        ])
        #expect(upload.status == 200 && upload.msg == "stored", "\(upload.text)")
        await host.shutdown()
    }

    @Test func theOpenAPIDocumentCarriesTheDeclaration() async throws {
        let host = try await MockHost.start([SiteCatalogPlugin.self])
        let document = try #require(await host.send(.get, "/openapi.json").json)
        #expect(document["openapi"]?.stringValue == "3.1.0")
        let operation = try #require(document["paths"]?["/sites/{region}"]?["post"])
        let parameters = operation["parameters"]?.arrayValue ?? []
        #expect(parameters.compactMap { $0["name"]?.stringValue } == ["region", "priority", "dryRun", "weight", "mode"])
        #expect(parameters[0]["in"] == "path" && parameters[0]["schema"]?["pattern"] == "^[a-z]+$")
        #expect(parameters[1]["required"] == true && parameters[1]["schema"] == ["type": "integer", "minimum": 1, "maximum": 5])
        #expect(parameters[4]["schema"]?["enum"] == ["fast", "safe"])
        #expect(operation["requestBody"]?["content"]?["application/json"]?["schema"] == ["$ref": "#/components/schemas/Site"])
        let site = try #require(document["components"]?["schemas"]?["Site"])
        #expect(site["required"] == ["name", "kind", "address"])
        #expect(site["properties"]?["racks"] == ["type": "integer", "minimum": 1, "maximum": 40])
        #expect(site["properties"]?["tags"] == ["type": "array", "items": ["type": "string", "maxLength": 4], "maxItems": 3])
        #expect(site["properties"]?["address"]?["required"] == ["city"])
        let success = operation["responses"]?["200"]?["content"]?["application/json"]?["schema"]
        #expect(success?["properties"]?["data"] == ["type": "integer", "description": "Sites stored"])
        #expect(operation["responses"]?["400"]?["content"]?["application/json"]?["schema"] == ["$ref": "#/components/schemas/Failure"])
        let upload = try #require(document["paths"]?["/sites/{region}/photo"]?["post"]?["requestBody"]?["content"]?["multipart/form-data"]?["schema"])
        #expect(upload["properties"]?["photo"] == ["type": "string", "format": "binary"] && upload["required"] == ["photo"])
        await host.shutdown()
    }

    @Test func declarationMistakesAreProblemsOfThePlugin() {
        var registrar = PluginRegistrar(manifest: SiteCatalogPlugin.manifest)
        registrar.route(.get, "/things/{id}", permission: .open, summary: "x",
                        parameters: [.string("name")], query: [.integer("page"), .integer("page"), .string("q", pattern: "([")],
                        body: .json(.object(["a": .string()], required: ["b"]))) { _, _ in .success() }
        #expect(registrar.problems == [
            "route GET /things/{id}: path parameter 'name' is not a {segment} of the path",
            "route GET /things/{id}: query parameter 'page' is declared twice",
            "route GET /things/{id}: query parameter 'q': pattern '([' is not a regular expression",
            "route GET /things/{id}: body: required member 'b' has no declared shape",
        ])
    }
}
