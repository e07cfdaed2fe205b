import Testing
@testable import NESimulator

/// Configuration sections, object and list.
@Suite("Config store")
struct ConfigStoreTests {
    let store = ConfigStore(sections: [
        ConfigSection(name: "system", initial: .object(["logLevel": "info", "maxConnections": 10])),
        ConfigSection(name: "dnnList", initial: .list([["dnn": "internet"]])),
        ConfigSection(name: "System", initial: .object(["logLevel": "warning"])),
    ])

    @Test("a later section of the same name replaces the earlier one; names ignore case")
    func override() async throws {
        #expect(try await store.read("SYSTEM") == ["logLevel": "warning"])
        #expect(await store.sectionNames == ["System", "dnnList"])
    }

    @Test("lists: POST appends, GET and PUT by loc, DELETE removes")
    func lists() async throws {
        #expect(try await store.append("dnnlist", record: ["dnn": "ims"]) == 1)
        #expect(try await store.read("dnnList") == [["dnn": "internet"], ["dnn": "ims"]])
        #expect(try await store.read("dnnList", loc: "1") == ["dnn": "ims"])
        #expect(try await store.merge("dnnList", body: ["qos": 9], loc: "1") == ["dnn": "ims", "qos": 9])
        #expect(try await store.remove("dnnList", loc: "0") == ["dnn": "internet"])
        #expect(try await store.read("dnnList") == [["dnn": "ims", "qos": 9]])
    }

    @Test("mistakes give 400 or 404 with a reason")
    func mistakes() async {
        let cases: [(Int, @Sendable () async throws(NEReplyError) -> Void)] = [
            (404, { [store] () async throws(NEReplyError) in _ = try await store.read("nope") }),
            (400, { [store] () async throws(NEReplyError) in _ = try await store.merge("system", body: ["logLevel": 3]) }),
            (400, { [store] () async throws(NEReplyError) in _ = try await store.merge("system", body: [1, 2]) }),
            (400, { [store] () async throws(NEReplyError) in _ = try await store.merge("system", body: ["x": nil]) }),
            (400, { [store] () async throws(NEReplyError) in _ = try await store.merge("dnnList", body: ["a": 1]) }),
            (400, { [store] () async throws(NEReplyError) in _ = try await store.append("system", record: ["a": 1]) }),
            (400, { [store] () async throws(NEReplyError) in _ = try await store.remove("dnnList", loc: nil) }),
            (400, { [store] () async throws(NEReplyError) in _ = try await store.remove("dnnList", loc: "-1") }),
            (404, { [store] () async throws(NEReplyError) in _ = try await store.remove("dnnList", loc: "99") }),
            (400, { [store] () async throws(NEReplyError) in _ = try await store.read("dnnList", loc: "x") }),
        ]
        for (index, (status, operation)) in cases.enumerated() {
            do {
                try await operation()
                Issue.record("case \(index) did not fail")
            } catch {
                #expect(error.status == status, "case \(index): \(error.message)")
                #expect(!error.message.isEmpty)
            }
        }
    }
}
