import Foundation
import PluginAPI
import Synchronization

/// A plugin offering job targets to test the scheduler: one that counts runs per label, one that
/// fails like an NE, and one that holds until a test opens its gate.
struct FixtureTargetsPlugin: OMCPlugin {
    static let manifest = PluginManifest(id: "fixture", version: "1.0.0", kind: .feature, summary: "Job targets for tests")

    init(configuration: PluginConfiguration) throws {}

    func register(_ plugin: inout PluginRegistrar) throws {
        plugin.jobTarget("count", summary: "Counts a run under its label",
                         parameters: .object(["label": .string(minLength: 1, maxLength: 32)], required: ["label"])) { parameters, _ in
            let label = parameters["label"]?.stringValue ?? ""
            return "run \(RunCounter.shared.add(label)) of \(label)"
        }
        plugin.jobTarget("fail", summary: "Fails as an unreachable NE does") { _, _ in
            throw OMCError(.neFailure, "NE UDM/001 (127.0.0.1:9) refused the connection")
        }
        plugin.jobTarget("hold", summary: "Holds until the test opens the gate",
                         parameters: .object(["label": .string(maxLength: 32)])) { parameters, _ in
            let label = parameters["label"]?.stringValue ?? ""
            _ = RunCounter.shared.add(label)
            await Gate.shared.wait()
            return "released"
        }
        plugin.job("tick", schedule: .every(seconds: 3600), summary: "A host job that succeeds") { _ in }
        plugin.cache("fixture_gadgets", remark: "Gadgets by id", GadgetCache.shared)
        plugin.migration("v1_gadget", sql: "CREATE TABLE fixture_gadget (id INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, weight INTEGER NOT NULL, secret_key TEXT NOT NULL)")
        plugin.dataTable(DataTableDeclaration(name: "gadget", table: "fixture_gadget", columns: [
            DataColumn("id", kind: .integer), DataColumn("name", access: .writable), DataColumn("weight", kind: .integer, access: .writable),
            DataColumn("secret_key", access: .secret),
        ], readPermission: "fixture:gadget:query", writePermission: "fixture:gadget:edit") { change, context in
            // The owner's rule: names are 1 to 16 letters.
            if case .text(let name)? = change.changes["name"], name.isEmpty || name.count > 16 || !name.allSatisfy(\.isLetter) {
                throw OMCError.invalid("name", "must be 1 to 16 letters")
            }
            let sets = change.changes.keys.sorted().map { "\($0) = ?" }.joined(separator: ", ")
            let values = change.changes.keys.sorted().compactMap { change.changes[$0] }
            return try await context.database.write { db in
                try db.execute("UPDATE fixture_gadget SET \(sets) WHERE \(change.filter.sql)", values + change.filter.arguments)
                return db.changedRowCount
            }
        })
    }
}

/// Runs counted per label (each test uses its own labels).
final class RunCounter: Sendable {
    static let shared = RunCounter()
    private let counts = Mutex<[String: Int]>([:])

    func add(_ label: String) -> Int {
        counts.withLock { counts in
            counts[label, default: 0] += 1
            return counts[label] ?? 0
        }
    }

    func count(_ label: String) -> Int { counts.withLock { $0[label] ?? 0 } }
}

/// Holds the `hold` target's runs until ``open()``.
final class Gate: Sendable {
    static let shared = Gate()
    private let waiting = Mutex<(open: Bool, continuations: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = waiting.withLock { state in
                if state.open { return true }
                state.continuations.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let continuations = waiting.withLock { state in
            state.open = true
            defer { state.continuations = [] }
            return state.continuations
        }
        for continuation in continuations { continuation.resume() }
    }
}

/// A cache for the cache monitor's tests; one entry carries a password, which the host must mask.
final class GadgetCache: InspectableCache {
    static let shared = GadgetCache()
    private let entries = Mutex<[String: JSONValue]>([:])

    func fill() {
        entries.withLock { $0 = ["gadget-1": ["name": "spanner", "password": "hunter2"], "gadget-2": ["name": "wrench"]] }
    }

    var count: Int { entries.withLock { $0.count } }
    func keys() -> [String] { entries.withLock { Array($0.keys) }.sorted() }
    func value(forKey key: String) -> JSONValue? { entries.withLock { $0[key] } }
    @discardableResult func remove(key: String) -> Bool { entries.withLock { $0.removeValue(forKey: key) != nil } }
    func removeAll() { entries.withLock { $0.removeAll() } }
}
