import Testing
@testable import NESimulator

/// A UDM batch sent in parts: nothing changes until the commit, which applies every part at once
/// and at most once; an abort drops the parts and refuses the batch for good.
@Suite("UDM staged batches")
struct UDMStagingTests {
    static func records(from first: UInt64, count: Int) -> [UDMStore.Record] {
        (0..<UInt64(count)).map { UDMStore.Record(imsi: first + $0, json: "{\"imsi\":\"\(first + $0)\"}") }
    }

    @Test("parts change nothing until the commit, which applies them once")
    func commitAppliesEveryPart() async throws {
        let store = UDMStore()
        #expect(try await store.stage(.sub, .create, records: Self.records(from: 460_000_000_000_000, count: 3), batch: "b1") == 3)
        #expect(try await store.stage(.sub, .create, records: Self.records(from: 460_000_000_000_003, count: 2), batch: "b1") == 5)
        #expect(await store.count(.sub) == 0)
        #expect(try await store.commit(batch: "b1") == 5)
        let (held, staged) = (await store.count(.sub), await store.stagedBatchCount)
        #expect(held == 5 && staged == 0)
        #expect(try await store.commit(batch: "b1") == 0, "a repeated commit changes nothing")
        #expect(await store.abort(batch: "b1") == true, "an abort of an applied batch reports it applied")
        #expect(await store.count(.sub) == 5)
    }

    @Test("an abort drops the parts and refuses the batch afterwards")
    func abortDropsTheParts() async throws {
        let store = UDMStore()
        _ = try await store.stage(.auth, .create, records: Self.records(from: 460_000_000_000_000, count: 4), batch: "b2")
        #expect(await store.abort(batch: "b2") == false)
        let (staged, held) = (await store.stagedBatchCount, await store.count(.auth))
        #expect(staged == 0 && held == 0)
        await #expect(throws: NEReplyError.self) { try await store.commit(batch: "b2") }
        await #expect(throws: NEReplyError.self) {
            try await store.stage(.auth, .create, records: Self.records(from: 460_000_000_000_010, count: 1), batch: "b2")
        }
        await #expect(throws: NEReplyError.self) { try await store.commit(batch: "never-staged") }
    }

    @Test("a commit that clashes applies nothing")
    func clashingCommitAppliesNothing() async throws {
        let store = UDMStore()
        _ = try await store.create(.sub, Self.records(from: 460_000_000_000_002, count: 1), batch: nil)
        _ = try await store.stage(.sub, .create, records: Self.records(from: 460_000_000_000_000, count: 5), batch: "b3")
        await #expect(throws: NEReplyError.self) { try await store.commit(batch: "b3") }
        #expect(await store.count(.sub) == 1)
        _ = try await store.stage(.sub, .delete, imsis: [460_000_000_000_002], batch: "b4")
        #expect(await store.count(.sub) == 1)
        #expect(try await store.commit(batch: "b4") == 1)
        #expect(await store.count(.sub) == 0)
    }
}
