import PluginAPI

/// A feature plugin whose one write route declares everything a route can take: a path parameter, query
/// parameters of each type and a JSON body with nested members, so that the host's checking is seen
/// whole. Every call that reaches the handler leaves a row, so a refused request can be shown to have
/// changed nothing.
struct SiteCatalogPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "sitecatalog", version: "1.0.0", kind: .feature, summary: "Sites (route declaration fixture)")

    static let site = ValueSchema.object([
        "name": .string(minLength: 1, maxLength: 16, description: "Site name"),
        "kind": .string(oneOf: ["core", "edge"]),
        "code": .string(pattern: "^[A-Z]{3}[0-9]{2}$", rule: "must be three capital letters and two digits"),
        "racks": .integer(range: 1...40),
        "load": .number(range: 0...1),
        "active": .boolean(),
        "adminPassword": .string(pattern: "^[a-z]+$"),
        "address": .object(["city": .string(maxLength: 10), "zip": .string(pattern: "^[0-9]{6}$")], required: ["city"]),
        "tags": .array(of: .string(maxLength: 4), maxItems: 3),
    ], required: ["name", "kind", "address"], name: "Site")

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.migration("v1_sites", sql: "CREATE TABLE sitecatalog_site (region TEXT NOT NULL, body TEXT NOT NULL)")
        plugin.route(.post, "/sites/{region}", permission: .open, summary: "Add a site",
                     parameters: [.string("region", maxLength: 8, pattern: "^[a-z]+$", description: "Region")],
                     query: [.integer("priority", required: true, range: 1...5), .boolean("dryRun"),
                             .number("weight", range: 0.5...2), .string("mode", oneOf: ["fast", "safe"])],
                     body: .json(Self.site), answer: .data(.integer(description: "Sites stored"))) { request, context in
            let region = try request.pathParameter("region")
            let body = String(decoding: try await request.body.collect(), as: UTF8.self)
            let count = try await context.database.write { db in
                try db.execute("INSERT INTO sitecatalog_site (region, body) VALUES (?, ?)", [.text(region), .text(body)])
                return try db.first("SELECT COUNT(*) AS n FROM sitecatalog_site")?.int("n") ?? 0
            }
            return .success(count)
        }
        plugin.route(.get, "/sites", permission: .open, summary: "Count sites", answer: .data(.integer())) { _, context in
            .success(try await context.database.read { db in try db.first("SELECT COUNT(*) AS n FROM sitecatalog_site")?.int("n") ?? 0 })
        }
        plugin.route(.get, "/sites/number/{number}", permission: .open, summary: "Whether a site number is valid",
                     parameters: [.integer("number", range: 1...Int.max, description: "Any positive Int")]) { _, _ in
            .success(message: "valid")
        }
        plugin.route(.post, "/sites/{region}/photo", permission: .open, summary: "Upload a site photo",
                     body: .multipart(files: ["photo"], fields: [.string("caption", maxLength: 64)])) { _, _ in
            .success(message: "stored")
        }
    }
}
