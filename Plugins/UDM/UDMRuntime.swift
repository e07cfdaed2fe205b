import Foundation
import PluginAPI
import Synchronization

/// What the UDM plugin's handlers share once the plugin has started: the secret box (its key is read
/// or created in `start`), the batch journal, the change journal and the progress of running batches.
final class UDMRuntime: Sendable {
    let settings: UDMSettings
    let progress = BatchProgress()
    /// The journal of single changes (table `udm_change`).
    let changes = ChangeJournal(table: "udm_change")
    let anchors = PageAnchors()
    private let box = Mutex<SecretBox?>(nil)
    private let dataFolder = Mutex<String?>(nil)

    init(settings: UDMSettings) {
        self.settings = settings
    }

    /// Makes the data folder owner-only, reads or creates the key and notes the folder.
    func start(_ context: PluginContext) throws {
        let folder = context.dataDirectory // `<data>/udm`, where the key always was
        try OwnerOnlyFolder.tighten(folder)
        let loaded = try SecretBox.load(configured: settings.secretKey, folder: folder)
        box.withLock { $0 = loaded }
        dataFolder.withLock { $0 = folder }
    }

    /// The OMC's copy of `schema`'s records.
    func store(_ schema: RecordSchema) throws -> RecordStore {
        guard let box = box.withLock({ $0 }) else { throw OMCError(.internal, "the UDM plugin has not started") }
        return RecordStore(schema: schema, box: box)
    }

    /// Both stores.
    func stores() throws -> [RecordStore] {
        try [store(.subscription), store(.authentication)]
    }

    /// The batch journal, its files under `<data>/udm/batches`.
    func journal() throws -> BatchJournal {
        guard let folder = dataFolder.withLock({ $0 }) else { throw OMCError(.internal, "the UDM plugin has not started") }
        return BatchJournal(folder: folder + "/batches", progress: progress)
    }

    /// The NE's provisioning client.
    func client(_ neID: String, _ context: PluginContext) async throws -> ProvisioningClient {
        try await ProvisioningClient.resolve(neID, context, bulkTimeout: settings.bulkTimeout)
    }

    /// Settles a single change a stop left: the NE's own record of the IMSI (or its absence)
    /// becomes the OMC's copy.
    var settler: ChangeJournal.Settler {
        { [self] entry, context in
            let schema: RecordSchema = entry.intent.subject == RecordSchema.authentication.resource ? .authentication : .subscription
            let copy = try store(schema)
            let neID = entry.intent.neID
            let imsi = entry.intent.firstKey
            let held = try await client(neID, context).record(schema, imsi: imsi)
            return { db in
                let present = try copy.find(neID: neID, imsi: imsi, in: db) != nil
                switch (held, present) {
                case (let record?, true):
                    try copy.update(record, neID: neID, in: db)
                    return "the NE holds the \(schema.noun) of IMSI \(imsi); the OMC's copy now equals it"
                case (let record?, false):
                    _ = try copy.insert([record], neID: neID, in: db)
                    return "the NE holds the \(schema.noun) of IMSI \(imsi); added to the OMC's copy"
                case (nil, true):
                    _ = try copy.delete([imsi], neID: neID, in: db)
                    return "the NE does not hold the \(schema.noun) of IMSI \(imsi); removed from the OMC's copy"
                case (nil, false):
                    return "neither the NE nor the OMC's copy holds the \(schema.noun) of IMSI \(imsi)"
                }
            }
        }
    }

    /// Settles what a stop left in both journals; `waitForRecent` at start (see ``ChangeJournal``).
    func settleJournals(_ context: PluginContext, waitForRecent: Bool) async throws {
        try await journal().reconcile(stores: try stores(), bulkTimeout: settings.bulkTimeout, context: context)
        await changes.settleAll(context: context, waitForRecent: waitForRecent, settler: settler)
    }
}
