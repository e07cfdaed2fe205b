import Foundation
import NEMaintenance
import NEManagement
import OMCTestSupport
import OMCTesting
import PluginAPI
import Testing

/// Software packages kept by the OMC: upload (checked against its NE type, version and SHA-256),
/// list, download, delete, and every refusal leaving the package list as it was.
@Suite(.serialized) struct PackageTests {
    @Test func passesTheConformanceCheck() async throws {
        try await MockHost.checkConformance(of: NEMaintenancePlugin.self, dependencies: [NEManagementPlugin.self])
    }

    @Test(.enabled(if: PostgreSQLScratch.isConfigured, "OMC_TEST_POSTGRES names a PostgreSQL server"))
    func theFreshDatabaseSQLRunsOnPostgreSQL() throws {
        let sql = try MockHost.freshMigrationSQL(of: NEMaintenancePlugin.self, dependencies: [NEManagementPlugin.self])
        #expect(!sql.isEmpty)
        let result = try PostgreSQLScratch.run(sql)
        #expect(result.status == 0, "\(result.errors)")
    }

    @Test func declaresEveryRouteInTheOpenAPIDocument() async throws {
        try await MockHost.run(MaintenanceSite.plugins) { host in
            let document = await host.send(.get, "/openapi.json")
            let paths = document.json?["paths"]
            for path in ["/api/rest/systemManagement/v1/{neType}/software", "/api/rest/systemManagement/v1/{neType}/software/{version}",
                         "/api/rest/systemManagement/v1/{neType}/software/{version}/{neId}",
                         "/api/rest/systemManagement/v1/elementType/{neType}/objectType/software",
                         "/api/rest/systemManagement/v1/elementType/{neType}/objectType/cm",
                         "/api/rest/systemManagement/v1/elementType/{neType}/objectType/cm/diff"] {
                #expect(paths?[path] != nil, "\(path) is missing from /openapi.json")
            }
            #expect(paths?["/api/rest/systemManagement/v1/{neType}/software/{version}/{neId}"]?["patch"] != nil)
        }
    }

    @Test func uploadsListsDownloadsAndDeletesPackages() async throws {
        try await MaintenanceSite.run(generate: "AMF:1") { site in
            let bytes = try MaintenanceSite.package(neType: "AMF", version: "2.0.0", payload: 300_000)
            let uploaded = await MaintenanceSite.upload(site, neType: "amf", version: "2.0.0", bytes: bytes,
                                                        fields: [.field("sha256", MaintenanceSite.sha256(bytes))])
            #expect(uploaded.code == 200, "\(uploaded.text)")
            #expect(uploaded.data?["sha256"]?.stringValue == MaintenanceSite.sha256(bytes))
            #expect(uploaded.data?["size"]?.intValue == bytes.count)
            #expect(uploaded.data?["neType"]?.stringValue == "AMF")

            let list = await site.send(.get, "/api/rest/systemManagement/v1/AMF/software")
            #expect(list.json?["total"]?.intValue == 1)
            #expect(list.json?["rows"]?[0]?["version"]?.stringValue == "2.0.0")
            #expect(list.json?["rows"]?[0]?["fileName"]?.stringValue == "amf-2.0.0.zip")

            let download = await site.send(.get, "/api/rest/systemManagement/v1/AMF/software/2.0.0")
            #expect(download.status == 200 && download.body == bytes)
            #expect(download.downloadFileName == "amf-2.0.0.zip")

            let again = await MaintenanceSite.upload(site, neType: "AMF", version: "2.0.0", bytes: bytes)
            #expect(again.status == 409 && again.msg?.contains("already holds package AMF 2.0.0") == true)

            #expect(await site.send(.delete, "/api/rest/systemManagement/v1/AMF/software/2.0.0").code == 200)
            #expect(await site.send(.get, "/api/rest/systemManagement/v1/AMF/software").json?["total"]?.intValue == 0)
            #expect(await site.send(.get, "/api/rest/systemManagement/v1/AMF/software/2.0.0").status == 404)
            #expect(await site.send(.delete, "/api/rest/systemManagement/v1/AMF/software/2.0.0").status == 404)
        }
    }

    @Test func refusesPackagesThatAreNotWhatTheySay() async throws {
        try await MaintenanceSite.run(generate: "AMF:1") { site in
            let smf = try MaintenanceSite.package(neType: "SMF", version: "2.0.0")
            let wrongType = await MaintenanceSite.upload(site, neType: "AMF", version: "2.0.0", bytes: smf)
            #expect(wrongType.status == 400 && wrongType.msg == "file: is a package for SMF, not AMF", "\(wrongType.text)")

            let other = try MaintenanceSite.package(neType: "AMF", version: "2.0.1")
            let wrongVersion = await MaintenanceSite.upload(site, neType: "AMF", version: "2.0.0", bytes: other)
            #expect(wrongVersion.status == 400 && wrongVersion.msg == "file: installs version 2.0.1, not 2.0.0")

            let good = try MaintenanceSite.package(neType: "AMF", version: "2.0.0")
            let damaged = await MaintenanceSite.upload(site, neType: "AMF", version: "2.0.0", bytes: good,
                                                       fields: [.field("sha256", String(repeating: "a", count: 64))])
            #expect(damaged.status == 400 && damaged.msg?.hasPrefix("sha256: the file arrived with SHA-256") == true)

            let junk = await MaintenanceSite.upload(site, neType: "AMF", version: "2.0.0", bytes: Array("not a zip".utf8))
            #expect(junk.status == 400 && junk.msg == "file: is not a software package: not a zip archive")

            let badVersion = await MaintenanceSite.upload(site, neType: "AMF", version: "..", bytes: good)
            #expect(badVersion.status == 400 && badVersion.msg?.hasPrefix("version:") == true)

            let unknownType = await MaintenanceSite.upload(site, neType: "XYZ", version: "2.0.0", bytes: good)
            #expect(unknownType.status == 404 && unknownType.msg?.contains("'XYZ' is not provided") == true)

            // Nothing of the refused uploads stayed.
            #expect(await site.send(.get, "/api/rest/systemManagement/v1/AMF/software").json?["total"]?.intValue == 0)
            let folder = "\(site.host.dataDirectory)/nemaint/packages/AMF"
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).isEmpty)
        }
    }
}
