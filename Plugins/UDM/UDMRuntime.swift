import Foundation
import PluginAPI
import Synchronization

/// What the UDM plugin's handlers share once the plugin has started: the secret box (its key is read
/// or created in `start`), the batch journal and the progress of running batches.
final class UDMRuntime: Sendable {
    let settings: UDMSettings
    let progress = BatchProgress()
    let anchors = PageAnchors()
    private let box = Mutex<SecretBox?>(nil)
    private let dataFolder = Mutex<String?>(nil)

    init(settings: UDMSettings) {
        self.settings = settings
    }

    /// Makes the data folder owner-only, reads or creates the key and notes the folder.
    func start(_ context: PluginContext) throws {
        let folder = context.host.dataDirectory + "/udm"
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
}
