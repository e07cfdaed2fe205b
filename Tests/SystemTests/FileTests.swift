import Crypto
import Foundation
import OMCTesting
import PluginAPI
import System
import Testing

/// `/file/…` through the host: uploads within the document's rules, resumable chunked uploads that
/// verify what they join, downloads with ranges and entity tags, and no path out of the folder.
@Suite struct FileTests {
    static let plugins: [any OMCPlugin.Type] = [FixtureIdentityPlugin.self, SystemPlugin.self]
    let admin = FixtureIdentityPlugin.admin

    func bytes(_ count: Int, seed: UInt8) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }

    func encoded(_ path: String) -> String {
        Data(path.utf8).base64EncodedString().replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "+", with: "-")
    }

    func chunk(_ content: [UInt8], index: Int, identifier: String, on host: MockHost) async -> MockResponse {
        await host.send(.post, "/file/chunkUpload", multipart: [
            MultipartPart(name: "file", fileName: "firmware.zip.part", content: content),
            .field("index", String(index)), .field("identifier", identifier),
        ], headers: admin)
    }

    @Test func uploadsWithinTheDocumentsRulesAndDownloadsBack() async throws {
        try await MockHost.run(Self.plugins) { host in
            let content = bytes(5000, seed: 7)
            let uploaded = await host.send(.post, "/file/upload", multipart: [
                MultipartPart(name: "file", fileName: "../../Quarterly report!.pdf", content: content), .field("subPath", "common"),
            ], headers: admin)
            #expect(uploaded.code == 200, "\(uploaded.text)")
            let fileName = try #require(uploaded.data?["fileName"]?.stringValue)
            #expect(fileName.hasPrefix("/upload/common/") && fileName.hasSuffix(".pdf"))
            #expect(uploaded.data?["newFileName"]?.stringValue?.hasPrefix("Quarterlyreport_") == true)
            #expect(uploaded.data?["originalFileName"]?.stringValue == "Quarterly report!.pdf")
            #expect(FileManager.default.contents(atPath: host.dataDirectory + fileName).map(Array.init) == content)

            let url = try #require(uploaded.data?["url"]?.stringValue)
            let whole = await host.send(.get, url, headers: admin)
            #expect(whole.status == 200 && whole.body == content)
            let tag = try #require(whole.headers["ETag"])
            #expect(await host.send(.get, url, headers: admin.merging(["If-None-Match": tag]) { a, _ in a }).status == 304)
            let part = await host.send(.get, url, headers: admin.merging(["Range": "bytes=10-19"]) { a, _ in a })
            #expect(part.status == 206 && part.body == Array(content[10...19]) && part.headers["Content-Range"] == "bytes 10-19/5000")
            let tail = await host.send(.get, url, headers: admin.merging(["Range": "bytes=-5"]) { a, _ in a })
            #expect(tail.status == 206 && tail.body == Array(content[4995...]))
            let beyond = await host.send(.get, url, headers: admin.merging(["Range": "bytes=9000-"]) { a, _ in a })
            #expect(beyond.status == 416 && beyond.headers["Content-Range"] == "bytes */5000")

            let exe = await host.send(.post, "/file/upload", multipart: [
                MultipartPart(name: "file", fileName: "tool.exe", content: [1, 2]), .field("subPath", "common"),
            ], headers: admin)
            #expect(exe.status == 400 && exe.msg?.contains("The uploaded file type is not supported") == true)
            let badPath = await host.send(.post, "/file/upload", multipart: [
                MultipartPart(name: "file", fileName: "a.txt", content: [1]), .field("subPath", "../../etc"),
            ], headers: admin)
            #expect(badPath.status == 400)
            let stored = FileManager.default.enumerator(atPath: host.dataDirectory + "/upload")?.allObjects.compactMap { $0 as? String } ?? []
            #expect(stored.filter { $0.hasSuffix(".pdf") || $0.hasSuffix(".txt") || $0.hasSuffix(".exe") }.count == 1)
            #expect(await host.send(.post, "/file/upload", multipart: [MultipartPart(name: "file", fileName: "a.txt", content: [1])],
                                    headers: FixtureIdentityPlugin.viewer).status == 403)
        }
    }

    @Test func resumesAChunkedUploadAndVerifiesWhatItJoins() async throws {
        try await MockHost.run(Self.plugins) { host in
            let parts = [bytes(100_000, seed: 1), bytes(100_000, seed: 2), bytes(40_000, seed: 3)]
            let whole = parts.flatMap { $0 }
            let md5 = Insecure.MD5.hash(data: whole).map { String(format: "%02x", $0) }.joined()
            let identifier = "a1b2c3d4"
            #expect(await chunk(parts[0], index: 0, identifier: identifier, on: host).code == 200)
            #expect(await chunk(parts[2], index: 2, identifier: identifier, on: host).code == 200)
            let check = try await host.send(.post, "/file/chunkCheck", json: ["identifier": .string(identifier), "fileName": "firmware.zip"] as JSONValue,
                                            headers: admin)
            #expect(check.data?.arrayValue?.compactMap(\.stringValue) == ["0", "2"])

            func merge(_ extra: [String: JSONValue]) async throws -> MockResponse {
                var body: [String: JSONValue] = ["identifier": .string(identifier), "fileName": "firmware.zip", "subPath": "download"]
                for (key, value) in extra { body[key] = value }
                return try await host.send(.post, "/file/chunkMerge", json: JSONValue.object(body), headers: admin)
            }
            let gap = try await merge(["totalChunks": 3])
            #expect(gap.status == 400 && gap.msg == "identifier: chunks 1 of 3 are missing; upload them and merge again")
            // Only the missing chunk is sent again.
            #expect(await chunk(parts[1], index: 1, identifier: identifier, on: host).code == 200)
            let wrongSum = try await merge(["md5": .string(String(repeating: "0", count: 32))])
            #expect(wrongSum.status == 400 && wrongSum.msg?.contains("nothing was merged") == true)
            let wrongSize = try await merge(["totalSize": 5])
            #expect(wrongSize.status == 400 && wrongSize.msg == "totalSize: the chunks hold 240000 bytes, not 5; nothing was merged")
            let check2 = try await host.send(.post, "/file/chunkCheck", json: ["identifier": .string(identifier), "fileName": "firmware.zip"] as JSONValue,
                                             headers: admin)
            #expect(check2.data?.arrayValue?.count == 3)

            let merged = try await merge(["totalChunks": 3, "totalSize": .number(Double(whole.count)), "md5": .string(md5)])
            #expect(merged.code == 200, "\(merged.text)")
            let fileName = try #require(merged.data?["fileName"]?.stringValue)
            #expect(fileName.hasPrefix("/upload/download/") && fileName.hasSuffix(".zip"))
            #expect(FileManager.default.contents(atPath: host.dataDirectory + fileName).map(Array.init) == whole)
            let after = try await host.send(.post, "/file/chunkCheck", json: ["identifier": .string(identifier), "fileName": "firmware.zip"] as JSONValue,
                                            headers: admin)
            #expect(after.data?.arrayValue?.isEmpty == true)

            let badIndex = await host.send(.post, "/file/chunkUpload", multipart: [
                MultipartPart(name: "file", fileName: "x.part", content: [1]), .field("index", "-1"), .field("identifier", identifier),
            ], headers: admin)
            #expect(badIndex.status == 400)
            let badIdentifier = await chunk([1], index: 0, identifier: "../escape", on: host)
            #expect(badIdentifier.status == 400)
            let badType = try await host.send(.post, "/file/chunkCheck", json: ["identifier": "x1", "fileName": "setup.exe"] as JSONValue, headers: admin)
            #expect(badType.status == 400)
        }
    }

    @Test func halfUploadedChunksExpire() async throws {
        try await MockHost.run(Self.plugins) { host in
            #expect(await chunk([1, 2, 3], index: 0, identifier: "stale", on: host).code == 200)
            await host.clock.advance(by: 3600)
            let kept = try await host.send(.post, "/file/chunkCheck", json: ["identifier": "stale", "fileName": "a.zip"] as JSONValue, headers: admin)
            #expect(kept.data?.arrayValue?.count == 1)
            await host.clock.advance(by: 24 * 3600)
            let gone = try await host.send(.post, "/file/chunkCheck", json: ["identifier": "stale", "fileName": "a.zip"] as JSONValue, headers: admin)
            #expect(gone.data?.arrayValue?.isEmpty == true)
        }
    }

    @Test func noDownloadPathLeavesTheUploadFolder() async throws {
        try await MockHost.run(Self.plugins) { host in
            let folder = host.dataDirectory + "/upload/common/2027/01"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data("inside".utf8).write(to: URL(fileURLWithPath: folder + "/ok_abcdef.txt"))
            try FileManager.default.createSymbolicLink(atPath: folder + "/link_abcdef.txt", withDestinationPath: host.dataDirectory + "/system/hmac.key")
            try FileManager.default.createSymbolicLink(atPath: folder + "/root", withDestinationPath: "/")
            #expect(await host.send(.get, "/file/download/\(encoded("/upload/common/2027/01/ok_abcdef.txt"))", headers: admin).text == "inside")
            let attempts = [
                "/upload/../system/hmac.key", "/upload/common/../../system/hmac.key", "/etc/passwd", "upload/./common/2027/01/ok_abcdef.txt",
                "/upload/common/2027/01/link_abcdef.txt", "/upload/common/2027/01/root/etc/passwd", "/upload/common%2F..%2F..%2Fsystem%2Fhmac.key",
                "/upload/common/2027/01/ok_abcdef.txt\u{0}.pdf", "/upload\\..\\system\\hmac.key", "/system/hmac.key", "/upload",
            ]
            for attempt in attempts {
                let answer = await host.send(.get, "/file/download/\(encoded(attempt))", headers: admin)
                #expect(answer.status == 400, "\(attempt): \(answer.status) \(answer.text.prefix(120))")
            }
            #expect(await host.send(.get, "/file/download/\(encoded("/upload/common/2027"))", headers: admin).status == 404)
            #expect(await host.send(.get, "/file/download/\(encoded("/upload/common/none.txt"))", headers: admin).status == 404)
            #expect(await host.send(.get, "/file/download/..%2F..%2Fsystem%2Fhmac.key", headers: admin).status == 400)
            #expect(await host.send(.get, "/file/download/%%%", headers: admin).status == 400)
        }
    }
}
