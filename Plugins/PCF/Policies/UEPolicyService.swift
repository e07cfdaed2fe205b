import PluginAPI

/// What can be done with the UE policies of one PCF, whoever asks (REST routes, MML, imports): every
/// change goes to the NE first and is recorded in the OMC's copy only when the NE accepted it.
/// Multi-record changes are all or nothing: checked whole, sent to the NE in one request, recorded
/// in one transaction. Single and batch changes run through the change journal: a crash between
/// the NE's answer and the OMC's record is settled afterwards from the NE's real state.
struct UEPolicyService: Sendable {
    let settings: PCFSettings
    let changes: ChangeJournal
    let context: PluginContext
    /// Who asks, for the change journal and the operation log.
    let by: ChangeJournal.Operator
    /// The long operation a batch or import reports to. A cancellation is honoured until the change
    /// is sent to the NE (the NE applies it in one request it cannot take back); afterwards the
    /// change completes on both sides and the operation says the cancellation came too late.
    var tracker: LongOperation?

    /// The same service reporting to `tracker`.
    func reporting(to tracker: LongOperation) -> UEPolicyService {
        var tracked = self
        tracked.tracker = tracker
        return tracked
    }

    /// Rows read per database visit in batch changes.
    static let page = 10_000

    /// The policy of `imsi`, or of `msisdn`, from the OMC's copy.
    func find(neID: String, imsi: String?, msisdn: String?) async throws -> UEPolicy? {
        if let imsi { try Self.check("imsi", imsi) }
        if let msisdn { try Self.check("msisdn", msisdn) }
        return try await context.database.read { db -> UEPolicy? in
            if let imsi {
                guard let found = try UEPolicyStore.find(neID: neID, imsi: imsi, in: db) else { return nil }
                return msisdn == nil || found.msisdn == msisdn ? found : nil
            }
            return try msisdn.flatMap { try UEPolicyStore.find(neID: neID, msisdn: $0, in: db) }
        }
    }

    /// Adds one policy; refused when the IMSI or the MSISDN is taken.
    func add(neID: String, _ policy: UEPolicy) async throws {
        let client = try await PCFClient.resolve(neID, context, settings: settings)
        try await journaled(neID: neID, "add", policy.imsi, check: { try await checkFree([policy], neID: neID) }, change: {
            try await client.create([policy])
        }, record: { _, db in try UEPolicyStore.upsert([policy], neID: neID, in: db) })
    }

    /// Changes the `given` fields of the existing policy of `given["imsi"]`.
    func modify(neID: String, _ given: [String: String]) async throws -> UEPolicy {
        let client = try await PCFClient.resolve(neID, context, settings: settings)
        guard let imsi = given["imsi"] else { throw OMCError.invalid("imsi", "is required") }
        try Self.check("imsi", imsi)
        return try await journaled(neID: neID, "modify", imsi, change: {
            guard let current = try await find(neID: neID, imsi: imsi, msisdn: nil) else {
                throw OMCError.notFound("UE policy of IMSI \(imsi) on \(PCFPlugin.neType)/\(neID) does not exist")
            }
            let policy = try UEPolicy(given, base: current)
            if policy.msisdn != current.msisdn { try await checkFree([policy], neID: neID, checkIMSI: false) }
            try await client.modify([policy])
            return policy
        }, record: { policy, db in try UEPolicyStore.upsert([policy], neID: neID, in: db) })
    }

    /// Removes one policy; `false` when neither the NE nor the OMC's copy has it.
    func remove(neID: String, imsi: String) async throws -> Bool {
        try Self.check("imsi", imsi)
        let client = try await PCFClient.resolve(neID, context, settings: settings)
        // The NE is the authority: what it does not have, the OMC's copy drops too.
        return try await journaled(neID: neID, "delete", imsi, change: {
            try await client.delete(imsi: imsi)
        }, record: { _, db in try UEPolicyStore.delete([imsi], neID: neID, in: db) })
    }

    /// Adds `count` policies: `base`, then `base` with IMSI and MSISDN advanced by 1, 2, …
    func batchAdd(neID: String, base: UEPolicy, count: Int) async throws -> Int {
        try checkBatchSize(count)
        let client = try await PCFClient.resolve(neID, context, settings: settings)
        guard base.stepped(by: count - 1) != nil else {
            throw OMCError.invalid("number", "\(count) UEs from IMSI \(base.imsi) and MSISDN \(base.msisdn) would run past the last number of the same length")
        }
        let policies = (0..<count).compactMap { base.stepped(by: $0) }
        let last = policies.last?.imsi ?? base.imsi
        try await journaled(neID: neID, "batch add", base.imsi, through: last, check: {
            try await checkFree(policies, neID: neID, ranged: true)
        }, change: { try await client.create(policies) }, record: { _, db in try UEPolicyStore.upsert(policies, neID: neID, in: db) })
        return count
    }

    /// Sets the `given` fields (all but imsi; msisdn advanced with the IMSI) on the `count` UEs from
    /// `given["imsi"]`, which must all exist.
    func batchModify(neID: String, given: [String: String], count: Int) async throws -> Int {
        try checkBatchSize(count)
        let client = try await PCFClient.resolve(neID, context, settings: settings)
        guard let first = given["imsi"] else { throw OMCError.invalid("imsi", "is required") }
        try Self.check("imsi", first)
        guard let last = UEPolicy.add(count - 1, to: first) else {
            throw OMCError.invalid("number", "\(count) UEs from IMSI \(first) would run past 999999999999999")
        }
        let current = try await context.database.read { db in
            try UEPolicyStore.range(neID: neID, from: first, through: last, limit: count, in: db)
        }
        guard current.count == count else {
            let present = Set(current.map(\.imsi))
            let missing = (0..<count).lazy.compactMap { UEPolicy.add($0, to: first) }.first { !present.contains($0) } ?? first
            throw OMCError.notFound("UE policy of IMSI \(missing) on \(PCFPlugin.neType)/\(neID) does not exist; nothing was changed")
        }
        var fields = given
        fields["imsi"] = nil
        let firstMSISDN = fields.removeValue(forKey: "msisdn")
        if let firstMSISDN { try Self.check("msisdn", firstMSISDN) }
        var policies: [UEPolicy] = []
        policies.reserveCapacity(count)
        for (offset, policy) in current.enumerated() {
            var values = fields
            if let firstMSISDN {
                guard let msisdn = UEPolicy.add(offset, to: firstMSISDN) else {
                    throw OMCError.invalid("msisdn", "\(count) MSISDNs from \(firstMSISDN) would run past the last number of the same length")
                }
                values["msisdn"] = msisdn
            }
            policies.append(try UEPolicy(values, base: policy))
        }
        if firstMSISDN != nil { try await checkFree(policies, neID: neID, checkIMSI: false) }
        let changed = policies
        try await journaled(neID: neID, "batch modify", first, through: last, change: { try await client.modify(changed) },
                            record: { _, db in try UEPolicyStore.upsert(changed, neID: neID, in: db) })
        return count
    }

    /// Removes the policies among the `count` IMSIs from `imsi` that exist; returns how many.
    func batchDelete(neID: String, imsi: String, count: Int) async throws -> Int {
        try Self.check("imsi", imsi)
        try checkBatchSize(count)
        let client = try await PCFClient.resolve(neID, context, settings: settings)
        guard let last = UEPolicy.add(count - 1, to: imsi) else {
            throw OMCError.invalid("number", "\(count) UEs from IMSI \(imsi) would run past 999999999999999")
        }
        let imsis = try await context.database.read { db in
            try UEPolicyStore.range(neID: neID, from: imsi, through: last, limit: count, in: db).map(\.imsi)
        }
        guard !imsis.isEmpty else { return 0 }
        try await journaled(neID: neID, "batch delete", imsi, through: last, change: { try await client.delete(imsis: imsis) },
                            record: { _, db in try UEPolicyStore.delete(imsis, neID: neID, in: db) })
        return imsis.count
    }

    /// Adds or replaces `policies` (an import): one NE request, one transaction.
    func importPolicies(_ policies: [UEPolicy], neID: String) async throws {
        try checkBatchSize(policies.count)
        let client = try await PCFClient.resolve(neID, context, settings: settings)
        guard let first = policies.lazy.map(\.imsi).min(), let last = policies.lazy.map(\.imsi).max() else { return }
        try await journaled(neID: neID, "import", first, through: last, check: {
            try await checkFree(policies, neID: neID, checkIMSI: false)
        }, change: { try await client.create(policies, replace: true) },
        record: { _, db in try UEPolicyStore.upsert(policies, neID: neID, in: db) })
    }

    /// Runs a change of the IMSIs `first` through `last` through the change journal, with the
    /// deadline the NE request has: the host's short one for one UE, the bulk one for several.
    @discardableResult
    private func journaled<Answer: Sendable>(neID: String, _ operation: String, _ first: String, through last: String? = nil,
                                             check: () async throws -> Void = {}, change: () async throws -> Answer,
                                             record: @escaping @Sendable (Answer, any DatabaseConnection) throws -> Void) async throws -> Answer {
        let intent = ChangeJournal.Intent(neID: neID, subject: "ueInfo", operation: operation, firstKey: first, lastKey: last, by: by)
        let deadline = last == nil || last == first ? context.host.neTimeout : settings.bulkTimeout
        let tracker = tracker
        tracker?.progress(phase: "checking", done: 0)
        return try await changes.run(intent, deadline: deadline, context: context, check: {
            try await check()
            try tracker?.checkCancellation()
            tracker?.progress(phase: "applying on NE \(neID)", done: 0)
        }, change: {
            let answer = try await change()
            if tracker?.isCancelled == true {
                tracker?.error("the cancellation came after NE \(neID) had applied the change; it is recorded in the OMC too, so both agree")
            }
            tracker?.progress(phase: "recorded", done: tracker?.snapshot.total ?? 0)
            return answer
        }, record: record, settler: Self.settler(settings))
    }

    /// Settles a change a stop left: the NE's own policies of the entry's IMSIs become the OMC's copy
    /// of those IMSIs.
    static func settler(_ settings: PCFSettings) -> ChangeJournal.Settler {
        { entry, context in
            let neID = entry.intent.neID
            let (first, last) = (entry.intent.firstKey, entry.intent.lastKey)
            let held = try await PCFClient.resolve(neID, context, settings: settings).policies(from: first, through: last)
            return { db in
                let kept = Set(held.map(\.imsi))
                let stale = try UEPolicyStore.range(neID: neID, from: first, through: last, limit: Int(Int32.max), in: db)
                    .map(\.imsi).filter { !kept.contains($0) }
                try UEPolicyStore.delete(stale, neID: neID, in: db)
                try UEPolicyStore.upsert(held, neID: neID, in: db)
                return "the NE holds \(held.count) UE policies of IMSI \(entry.keys); the OMC's copy now equals it (\(stale.count) removed)"
            }
        }
    }

    /// Refuses `policies` whose IMSI (unless `checkIMSI` is false) or MSISDN another policy of the NE
    /// holds. `ranged`: the policies are consecutive numbers, checked by two range queries.
    private func checkFree(_ policies: [UEPolicy], neID: String, checkIMSI: Bool = true, ranged: Bool = false) async throws {
        guard let first = policies.first, let last = policies.last else { return }
        let clash = try await context.database.read { db -> OMCError? in
            if ranged {
                if let taken = try UEPolicyStore.range(neID: neID, from: first.imsi, through: last.imsi, limit: 1, in: db).first {
                    return OMCError(.conflict, "UE policy of IMSI \(taken.imsi) already exists on \(PCFPlugin.neType)/\(neID); nothing was added")
                }
                if let taken = try UEPolicyStore.msisdns(neID: neID, from: first.msisdn, through: last.msisdn, limit: 1, in: db).first {
                    return OMCError(.conflict, "MSISDN \(taken) already belongs to a UE policy on \(PCFPlugin.neType)/\(neID); nothing was added")
                }
                return nil
            }
            for policy in policies {
                if checkIMSI, try UEPolicyStore.find(neID: neID, imsi: policy.imsi, in: db) != nil {
                    return OMCError(.conflict, "UE policy of IMSI \(policy.imsi) already exists on \(PCFPlugin.neType)/\(neID)")
                }
                if let holder = try UEPolicyStore.find(neID: neID, msisdn: policy.msisdn, in: db), holder.imsi != policy.imsi {
                    return OMCError(.conflict, "MSISDN \(policy.msisdn) already belongs to IMSI \(holder.imsi) on \(PCFPlugin.neType)/\(neID)")
                }
            }
            return nil
        }
        if let clash { throw clash }
    }

    private func checkBatchSize(_ count: Int) throws(OMCError) {
        guard (1...settings.batchMaxRecords).contains(count) else {
            throw OMCError.invalid("number", "must be an integer from 1 to \(settings.batchMaxRecords)")
        }
    }

    static func check(_ field: String, _ value: String) throws(OMCError) {
        if let problem = PolicyFieldRule.rule(for: field).violation(of: value) { throw OMCError.invalid(field, problem) }
    }
}
