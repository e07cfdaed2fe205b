public import Foundation
import Synchronization

/// Keeps an NE and the OMC's copy of its records equal across a crash in the middle of a change that
/// the NE applies in one request (one record, or a range of records sent together).
///
/// 1. ``run(_:context:change:record:settler:)`` commits a journal row naming the change (NE, kind of
///    record, operation, key range, the user who asked; never the values, which may be secret).
/// 2. The NE is asked.
/// 3. One transaction records the NE's answer in the OMC's copy and deletes the row.
///
/// A row found later means the OMC stopped (or lost the NE's answer) between 1 and 3. Once the NE
/// can no longer be working on that change (its deadline has passed), the plugin's ``Settler``
/// reads the NE's real state of the row's keys, and one transaction makes the OMC's copy equal to
/// it and deletes the row; the settlement is written to the operation log in the original user's
/// name (``PluginContext/operationLog``). Plugins settle
/// at start (``settleAll(context:waitForRecent:settler:)`` with `waitForRecent`), from a periodic
/// job, and before a new change touching the same keys (``run``, through
/// ``settleOverlapping(_:context:settler:)``).
///
/// Keys must have one fixed width (IMSIs of 15 digits), so that text order is numeric order.
/// The plugin declares the journal's table with ``declare(_:)``.
public final class ChangeJournal: Sendable {
    /// A change about to be sent to an NE.
    public struct Intent: Sendable {
        /// The NE's id.
        public let neID: String
        /// What kind of record (`sub`, `auth`, `ueInfo`).
        public let subject: String
        /// What is done (`add`, `modify`, `delete`, `batch add`, …), for the log.
        public let operation: String
        /// The first key changed.
        public let firstKey: String
        /// The last key changed; `firstKey` for one record.
        public let lastKey: String
        /// Who asked.
        public let by: Operator

        /// A change of the keys `firstKey` through `lastKey` (one key when `lastKey` is `nil`).
        public init(neID: String, subject: String, operation: String, firstKey: String, lastKey: String? = nil, by: Operator) {
            self.neID = neID
            self.subject = subject
            self.operation = operation
            self.firstKey = firstKey
            self.lastKey = lastKey ?? firstKey
            self.by = by
        }
    }

    /// The operator a change is made for, as the journal keeps them for the operation log.
    public struct Operator: Sendable {
        /// The login name (with the API token's name when one was used, ``Caller/auditName``); `nil`
        /// when no identity plugin is enabled.
        public let name: String?
        /// Their department.
        public let department: String?
        /// Their IP address, when the change came over HTTP.
        public let address: String?

        /// An operator.
        public init(name: String?, department: String?, address: String?) {
            self.name = name
            self.department = department
            self.address = address
        }

        /// The caller of a request.
        public init(_ request: OMCRequest) {
            self.init(name: request.caller?.auditName, department: request.caller?.departmentName, address: request.clientAddress)
        }

        /// The caller of an MML command.
        public init(_ invocation: MMLInvocation) {
            self.init(name: invocation.caller?.auditName, department: invocation.caller?.departmentName, address: nil)
        }
    }

    /// A journal row: a change whose outcome the OMC's copy may not have.
    public struct Entry: Sendable {
        /// The row's id.
        public let id: String
        /// What was asked.
        public let intent: Intent
        /// When it was asked.
        public let createdAt: Date
        /// When the NE can no longer be working on it: the request's deadline has passed.
        public let settleAfter: Date

        /// `460001234567890` or `460001234567890…460001234567999`, for messages.
        public var keys: String { intent.firstKey == intent.lastKey ? intent.firstKey : "\(intent.firstKey)…\(intent.lastKey)" }
    }

    /// Brings the OMC's copy of an entry's keys in line with the NE: reads the NE's real state of
    /// `entry`'s keys (throwing when the NE cannot answer, so that the entry stays for later) and
    /// returns the database work that makes the OMC's copy equal to it. The journal runs that work
    /// in the transaction that deletes the entry; it returns words for the log ("the NE has it").
    public typealias Settler = @Sendable (_ entry: Entry, _ context: PluginContext) async throws
        -> @Sendable (any DatabaseConnection) throws -> String

    /// The journal's table, named after the plugin (`udm_change`).
    public let table: String
    /// Margin added to an NE request's deadline before its entry may be settled.
    public static let settleMargin: Duration = .seconds(1)
    /// Entries this process is running: never settled behind the request's back.
    private let running = Mutex<Set<String>>([])

    /// A journal kept in `table` (letters, digits and `_`; prefixed by the plugin's id).
    public init(table: String) {
        precondition(!table.isEmpty && table.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") },
                     "a journal table name is letters, digits and _")
        self.table = table
    }

    /// Declares the migration creating the journal's table.
    public func declare(_ plugin: inout PluginRegistrar) {
        plugin.migration("v1_\(table)", sql: """
            CREATE TABLE \(table) (
                id TEXT PRIMARY KEY,
                ne_id TEXT NOT NULL,
                subject TEXT NOT NULL,
                operation TEXT NOT NULL,
                first_key TEXT NOT NULL,
                last_key TEXT NOT NULL,
                user_name TEXT,
                user_department TEXT,
                user_address TEXT,
                created_at TEXT NOT NULL,
                settle_after TEXT NOT NULL
            )
            """)
    }

    /// Runs one change: earlier unsettled changes of overlapping keys are settled first; `check`
    /// refuses the change against the OMC's copy (nothing is journaled then); the intent is
    /// committed; `change` asks the NE; `record` writes the NE's answer into the OMC's copy in the
    /// transaction that deletes the entry. When the NE refuses (any ``OMCError`` but `neTimeout` and
    /// `neFailure`) nothing changed and the entry goes. When the NE does not answer, the entry stays
    /// for the settler and the error says so. `deadline` is the NE request's.
    @discardableResult
    public func run<Answer: Sendable>(_ intent: Intent, deadline: Duration, context: PluginContext,
                                      check: () async throws -> Void = {},
                                      change: () async throws -> Answer,
                                      record: @escaping @Sendable (Answer, any DatabaseConnection) throws -> Void,
                                      settler: Settler) async throws -> Answer {
        try await settleOverlapping(intent, context: context, settler: settler)
        try await check()
        let now = context.clock.now()
        let entry = Entry(id: UUID().uuidString.lowercased(), intent: intent, createdAt: now,
                          settleAfter: now.addingTimeInterval(Self.seconds(deadline + Self.settleMargin)))
        running.withLock { _ = $0.insert(entry.id) }
        defer { running.withLock { _ = $0.remove(entry.id) } }
        try await insert(entry, context: context)
        let answer: Answer
        do {
            answer = try await change()
        } catch let refusal as OMCError where refusal.kind != .neTimeout && refusal.kind != .neFailure {
            try await delete(entry, context: context)
            throw refusal
        } catch {
            context.logger.warning("\(describe(entry)) got no answer: \(error)")
            guard (error as? OMCError)?.kind != .neTimeout else {
                throw OMCError(.neTimeout, "\(error); the OMC will ask the NE whether the change took effect once that deadline "
                    + "has passed, and bring its copy in line")
            }
            // The NE failed rather than ran late: it is no longer working on the change, so the
            // entry is settled at once, or else by the next change of these keys without waiting.
            do {
                try await settle(entry, context: context, settler: settler)
            } catch {
                try? await settleNow(entry, context: context)
            }
            throw OMCError(.neFailure, "\(error); the OMC's copy follows what the NE holds")
        }
        let table = self.table
        let id = entry.id
        try await context.database.write { db in
            try record(answer, db)
            try db.execute("DELETE FROM \(table) WHERE id = ?", [.text(id)])
        }
        return answer
    }

    /// Settles every entry a stop left. With `waitForRecent` (at start), entries whose NE may still
    /// be working on them are waited for; otherwise they are left for the next call. Entries whose
    /// NE cannot answer stay, with a warning.
    public func settleAll(context: PluginContext, waitForRecent: Bool, settler: Settler) async {
        let entries: [Entry]
        do {
            entries = try await pending(neID: nil, context: context)
        } catch {
            context.logger.error("cannot read the change journal \(table): \(error)")
            return
        }
        for entry in entries {
            if entry.settleAfter > context.clock.now() {
                guard waitForRecent else { continue }
                try? await context.clock.sleep(until: entry.settleAfter)
            }
            do {
                try await settle(entry, context: context, settler: settler)
            } catch {
                context.logger.warning("\(describe(entry)) is still unsettled: \(error)")
            }
        }
    }

    /// Settles the entries of `intent`'s NE whose keys overlap `intent`'s, so that a new change
    /// starts from the NE's real state. Throws (409) when one is too recent to settle, or the error
    /// of the NE that cannot answer.
    public func settleOverlapping(_ intent: Intent, context: PluginContext, settler: Settler) async throws {
        let overlapping = try await pending(neID: intent.neID, context: context).filter { entry in
            entry.intent.subject == intent.subject && entry.intent.firstKey.utf8.count == intent.firstKey.utf8.count
                && entry.intent.firstKey <= intent.lastKey && intent.firstKey <= entry.intent.lastKey
        }
        for entry in overlapping {
            let wait = entry.settleAfter.timeIntervalSince(context.clock.now())
            guard wait <= 0 else {
                throw OMCError(.conflict, "an earlier \(entry.intent.operation) of \(entry.intent.subject) \(entry.keys) on NE \(entry.intent.neID) "
                    + "got no answer and is not settled yet; try again in \(Int(wait.rounded(.up))) s")
            }
            try await settle(entry, context: context, settler: settler)
        }
    }

    /// The entries no request of this process is running, oldest first.
    private func pending(neID: String?, context: PluginContext) async throws -> [Entry] {
        let table = self.table
        let rows = try await context.database.read { db in
            if let neID { return try db.query("SELECT * FROM \(table) WHERE ne_id = ? ORDER BY created_at", [.text(neID)]) }
            return try db.query("SELECT * FROM \(table) ORDER BY created_at", [])
        }
        let inFlight = running.withLock { $0 }
        return rows.compactMap(Self.entry).filter { !inFlight.contains($0.id) }
    }

    private func settle(_ entry: Entry, context: PluginContext, settler: Settler) async throws {
        let started = ContinuousClock.now
        let align = try await settler(entry, context)
        let table = self.table
        let id = entry.id
        let outcome = try await context.database.write { db -> String? in
            // A settlement of the same entry by another caller (start and the job) may have won.
            guard try db.first("SELECT id FROM \(table) WHERE id = ?", [.text(id)]) != nil else { return nil }
            let outcome = try align(db)
            try db.execute("DELETE FROM \(table) WHERE id = ?", [.text(id)])
            return outcome
        }
        guard let outcome else { return }
        let intent = entry.intent
        context.logger.warning("\(describe(entry)), asked by \(intent.by.name ?? "an unauthenticated caller") at "
            + "\(Self.timestamp(entry.createdAt)), settled with the NE: \(outcome)",
            ["user": intent.by.name ?? "", "ne": intent.neID, "settled": entry.id])
        let elapsed = ContinuousClock.now - started
        await context.operationLog.record(OperationRecord(
            title: "Settle the \(intent.operation) of \(intent.subject) left unanswered", businessType: Self.auditClass(intent.operation),
            method: "JOB", url: "\(table) \(entry.id) on NE \(intent.neID)", operatorName: intent.by.name,
            departmentName: intent.by.department, clientAddress: intent.by.address,
            parameters: "\(intent.operation) of \(intent.subject) \(entry.keys) on NE \(intent.neID), asked at \(Self.timestamp(entry.createdAt))",
            result: outcome, succeeded: true,
            durationMilliseconds: Int(elapsed.components.seconds) * 1000 + Int(elapsed.components.attoseconds / 1_000_000_000_000_000),
            time: context.clock.now(), requestID: "change-\(entry.id)", pluginID: context.pluginID))
    }

    /// The operation log's class of `operation` (`add`, `batch delete`, `import`, …).
    private static func auditClass(_ operation: String) -> AuditClass {
        if operation.hasSuffix("add") { return .insert }
        if operation.hasSuffix("delete") { return .delete }
        if operation == "import" { return .import }
        return .update
    }

    private func insert(_ entry: Entry, context: PluginContext) async throws {
        let table = self.table
        let intent = entry.intent
        let values: [SQLValue] = [
            .text(entry.id), .text(intent.neID), .text(intent.subject), .text(intent.operation), .text(intent.firstKey),
            .text(intent.lastKey), Self.optional(intent.by.name), Self.optional(intent.by.department), Self.optional(intent.by.address),
            .text(Self.timestamp(entry.createdAt)), .text(Self.timestamp(entry.settleAfter)),
        ]
        try await context.database.write { db in
            try db.execute("INSERT INTO \(table) (id, ne_id, subject, operation, first_key, last_key, user_name, user_department, user_address, "
                + "created_at, settle_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        }
    }

    /// Lets `entry` be settled without waiting for its deadline.
    private func settleNow(_ entry: Entry, context: PluginContext) async throws {
        let table = self.table
        let id = entry.id
        let now = Self.timestamp(context.clock.now())
        try await context.database.write { db in try db.execute("UPDATE \(table) SET settle_after = ? WHERE id = ?", [.text(now), .text(id)]) }
    }

    private func delete(_ entry: Entry, context: PluginContext) async throws {
        let table = self.table
        let id = entry.id
        try await context.database.write { db in try db.execute("DELETE FROM \(table) WHERE id = ?", [.text(id)]) }
    }

    private func describe(_ entry: Entry) -> String {
        "\(entry.intent.operation) of \(entry.intent.subject) \(entry.keys) on NE \(entry.intent.neID) (journal \(entry.id))"
    }

    private static func entry(_ row: DatabaseRow) -> Entry? {
        guard let id = row.string("id"), let neID = row.string("ne_id"), let subject = row.string("subject"),
              let operation = row.string("operation"), let first = row.string("first_key"), let last = row.string("last_key"),
              let created = row.string("created_at").flatMap(date), let settleAfter = row.string("settle_after").flatMap(date) else {
            return nil
        }
        let by = Operator(name: row.string("user_name"), department: row.string("user_department"), address: row.string("user_address"))
        return Entry(id: id, intent: Intent(neID: neID, subject: subject, operation: operation, firstKey: first, lastKey: last, by: by),
                     createdAt: created, settleAfter: settleAfter)
    }

    private static func optional(_ text: String?) -> SQLValue {
        text.map(SQLValue.text) ?? .null
    }

    /// Timestamps sort as text: UTC, fixed width, milliseconds.
    private static func timestamp(_ date: Date) -> String {
        DocumentTime.formatInstant(date)
    }

    private static func date(_ text: String) -> Date? {
        DocumentTime.parseInstant(text)
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
