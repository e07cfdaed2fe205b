import Notes
import OMCTesting
import PluginAPI
import Testing

@Suite struct NotesPluginTests {
    @Test func passesTheConformanceCheck() async throws {
        try await MockHost.checkConformance(of: NotesPlugin.self)
    }

    @Test func addsListsAndRemovesNotes() async throws {
        try await MockHost.run([NotesPlugin.self]) { host async throws in
            let added = try await host.send(.post, "/notes", json: ["neId": "UDM-001", "text": "Fan replaced"])
            #expect(added.status == 200 && added.code == 200)
            let id = try #require(added.data?["id"]?.intValue)
            #expect(host.events(of: NoteAdded.self).map(\.neID) == ["UDM-001"])

            let list = await host.send(.get, "/notes/list?neId=UDM-001&pageSize=5")
            #expect(list.json?["total"]?.intValue == 1)
            #expect(await host.send(.get, "/notes/list?text=FAN").json?["total"]?.intValue == 1)
            #expect(await host.send(.get, "/notes/list?text=%25").json?["total"]?.intValue == 0)

            let bad = try await host.send(.post, "/notes", json: ["neId": "UDM-001"])
            #expect(bad.status == 400 && bad.code == 500 && bad.msg == "text: is required")

            #expect(await host.send(.delete, "/notes/\(id)").code == 200)
            #expect(await host.send(.get, "/notes/\(id)").status == 404)
            #expect(host.operations.map(\.title) == ["Add a note", "Add a note", "Remove a note"])
        }
    }

    @Test func answersMMLAndAsksConfirmationForRemoval() async throws {
        try await MockHost.run([NotesPlugin.self]) { host async throws in
            _ = try await host.send(.post, "/notes", json: ["neId": "AMF-01", "text": "licence pending"])
            let listed = try await host.mml(["LST NOTE: NEID=AMF-01", "RMV NOTE: ID=1"], neType: "omc")
            #expect(listed.data?[0]?["output"]?.stringValue?.contains("licence pending") == true)
            #expect(listed.data?[1]?["code"]?.intValue == 500)   // high-risk, not confirmed
            let removed = try await host.mml(["RMV NOTE: ID=1"], neType: "omc", confirm: true)
            #expect(removed.data?[0]?["output"]?.stringValue == "note 1 removed")
        }
    }

    @Test func purgesOldNotesAtNight() async throws {
        let configuration = """
            plugins:
              - id: notes
                config:
                  retentionDays: 1
            """
        try await MockHost.run([NotesPlugin.self], configuration: configuration) { host async throws in
            _ = try await host.send(.post, "/notes", json: ["neId": "SMF-01", "text": "old"])
            await host.clock.advance(by: 2 * 86_400)
            #expect(host.events(of: JobRunFinished.self).count == 1)
            let left = try await host.database.read { db in try db.first("SELECT COUNT(*) AS n FROM notes_note")?.int("n") }
            #expect(left == 0)
        }
    }
}
