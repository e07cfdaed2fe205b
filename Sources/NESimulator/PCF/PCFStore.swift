/// A PCF's UE policies (one JSON object per IMSI), with an MSISDN index. Every change is checked
/// whole before anything is applied: all or nothing.
public actor PCFStore {
    private var policies: [String: [String: JSONValue]] = [:]
    private var imsiByMSISDN: [String: String] = [:]

    /// An empty store.
    public init() {}

    /// How many UE policies the PCF holds.
    public var count: Int { policies.count }

    /// The policy of `imsi`.
    public func policy(imsi: String) -> [String: JSONValue]? { policies[imsi] }

    /// The policy of `msisdn`.
    public func policy(msisdn: String) -> [String: JSONValue]? { imsiByMSISDN[msisdn].flatMap { policies[$0] } }

    /// Up to `limit` policies with an IMSI above `after`, in IMSI order.
    public func page(after: String?, limit: Int) -> [[String: JSONValue]] {
        let keys = after.map { after in policies.keys.filter { $0 > after } } ?? Array(policies.keys)
        return keys.sorted().prefix(limit).compactMap { policies[$0] }
    }

    /// Adds `records`; with `replace`, existing IMSIs are replaced, otherwise one existing IMSI refuses all.
    public func create(_ records: [[String: JSONValue]], replace: Bool) throws(NEReplyError) -> Int {
        let keyed = try Self.keyed(records)
        if !replace, let clash = keyed.first(where: { policies[$0.imsi] != nil }) {
            throw NEReplyError(status: 409, "UE policy of IMSI \(clash.imsi) already exists; nothing was added")
        }
        try checkMSISDNs(keyed)
        for (imsi, record) in keyed { store(imsi, record) }
        return keyed.count
    }

    /// Replaces `records`, all of which must exist.
    public func modify(_ records: [[String: JSONValue]]) throws(NEReplyError) -> Int {
        let keyed = try Self.keyed(records)
        if let missing = keyed.first(where: { policies[$0.imsi] == nil }) {
            throw NEReplyError(status: 404, "UE policy of IMSI \(missing.imsi) does not exist; nothing was changed")
        }
        try checkMSISDNs(keyed)
        for (imsi, record) in keyed { store(imsi, record) }
        return keyed.count
    }

    /// Removes the policies of `imsis` that exist; returns how many were removed.
    public func delete(_ imsis: [String]) -> Int {
        var removed = 0
        for imsi in imsis {
            guard let old = policies.removeValue(forKey: imsi) else { continue }
            if let msisdn = old["msisdn"]?.stringValue, imsiByMSISDN[msisdn] == imsi { imsiByMSISDN[msisdn] = nil }
            removed += 1
        }
        return removed
    }

    private func store(_ imsi: String, _ record: [String: JSONValue]) {
        if let old = policies[imsi]?["msisdn"]?.stringValue, imsiByMSISDN[old] == imsi { imsiByMSISDN[old] = nil }
        policies[imsi] = record
        if let msisdn = record["msisdn"]?.stringValue { imsiByMSISDN[msisdn] = imsi }
    }

    /// An MSISDN belongs to one IMSI at most.
    private func checkMSISDNs(_ keyed: [(imsi: String, record: [String: JSONValue])]) throws(NEReplyError) {
        var seen: [String: String] = [:]
        for (imsi, record) in keyed {
            guard let msisdn = record["msisdn"]?.stringValue else { continue }
            if let other = seen[msisdn] ?? imsiByMSISDN[msisdn], other != imsi {
                throw NEReplyError(status: 409, "MSISDN \(msisdn) already belongs to IMSI \(other); nothing was changed")
            }
            seen[msisdn] = imsi
        }
    }

    /// Checks every record's IMSI and MSISDN and that no IMSI repeats.
    private static func keyed(_ records: [[String: JSONValue]]) throws(NEReplyError) -> [(imsi: String, record: [String: JSONValue])] {
        var seen = Set<String>()
        var keyed: [(imsi: String, record: [String: JSONValue])] = []
        keyed.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            guard let imsi = record["imsi"]?.stringValue, isDigits(imsi, 15...15) else {
                throw NEReplyError(status: 400, "record \(index + 1): imsi must be 15 decimal digits")
            }
            if let msisdn = record["msisdn"], !(msisdn.stringValue.map { isDigits($0, 5...15) } ?? false) {
                throw NEReplyError(status: 400, "record \(index + 1): msisdn must be 5 to 15 decimal digits")
            }
            guard seen.insert(imsi).inserted else {
                throw NEReplyError(status: 400, "record \(index + 1): IMSI \(imsi) appears twice")
            }
            keyed.append((imsi, record))
        }
        return keyed
    }

    static func isDigits(_ text: String, _ lengths: ClosedRange<Int>) -> Bool {
        lengths.contains(text.utf8.count) && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}
