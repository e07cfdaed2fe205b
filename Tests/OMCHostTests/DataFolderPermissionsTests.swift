import Foundation
import OMCTestSupport
import Testing

/// Issue 19, item 9: a data folder left readable by others (a restore, a copy, an older version) is
/// made owner-only at start: the folder, the database with its `-wal` and `-shm` files, and the
/// secret files of the plugins.
@Suite(.serialized) struct DataFolderPermissionsTests {
    static let configuration = """
        server:
          logLevel: warning
        plugins:
          - id: ne
          - id: security
            config: { adminPassword: "First#Start9x" }
          - id: udm
        """

    static func mode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber).intValue & 0o777
    }

    @Test func aLooseDataFolderIsMadeOwnerOnlyAtStart() async throws {
        let files = FileManager.default
        let data = files.temporaryDirectory.appendingPathComponent("omc-modes-\(UUID().uuidString)")
        defer { try? files.removeItem(at: data) }
        let security = data.appendingPathComponent("security")
        let udm = data.appendingPathComponent("udm")
        for folder in [data, security, udm] {
            try files.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        }
        let key = (0..<32).map { _ in UInt8.random(in: 0...255) }
        let loose: [(URL, Data)] = [
            (data.appendingPathComponent("omc.sqlite"), Data()),
            (security.appendingPathComponent("jwt.key"), Data((Data(key).base64EncodedString() + "\n").utf8)),
            (udm.appendingPathComponent("secret.key"), Data(key)),
        ]
        for (file, contents) in loose {
            #expect(files.createFile(atPath: file.path, contents: contents, attributes: [.posixPermissions: 0o644]))
            try files.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        }
        #expect(try Self.mode(data) == 0o755 && Self.mode(loose[0].0) == 0o644)

        let omc = try OMCProcess(configuration: Self.configuration, dataDirectory: data)
        let home = try await omc.request("GET", "/")
        #expect(home.status == 200)
        #expect(try Self.mode(data) == 0o700)
        #expect(try Self.mode(security) == 0o700 && Self.mode(udm) == 0o700)
        for (file, _) in loose { #expect(try Self.mode(file) == 0o600, "\(file.lastPathComponent)") }
        // The pool keeps the write-ahead log open while serving: both files exist now, owner-only too.
        for name in ["omc.sqlite-wal", "omc.sqlite-shm"] {
            let file = data.appendingPathComponent(name)
            #expect(files.fileExists(atPath: file.path), "\(name)")
            if files.fileExists(atPath: file.path) { #expect(try Self.mode(file) == 0o600, "\(name)") }
        }
        let (status, log) = omc.stop()
        #expect(status == 0, "\(log)")
        #expect(log.contains("made owner-only at start"), "the start says what it tightened")
    }
}
