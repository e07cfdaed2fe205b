import PluginAPI

/// The OMC's copy of the PCFs' UE policies (table `pcf_ue_policy`). Only ``UEPolicyService``
/// changes it, after the NE accepted the change.
enum UEPolicyStore {
    static let columns = "imsi, msisdn, rfsp, sar, pcc_rules, sess_rules, ue_policy, qos_audio, qos_video, hdr_enrich"

    /// The policy of a row; the values were checked before they were stored, so they are not again.
    static func policy(_ row: DatabaseRow) -> UEPolicy? {
        guard let imsi = row.string("imsi"), let msisdn = row.string("msisdn") else { return nil }
        return UEPolicy(stored: imsi, msisdn: msisdn, rfsp: row.int("rfsp") ?? 0, sar: row.string("sar") ?? "",
                        pccRules: row.string("pcc_rules") ?? "", sessRules: row.string("sess_rules") ?? "",
                        uePolicy: row.string("ue_policy") ?? "", qosAudio: row.string("qos_audio") ?? "",
                        qosVideo: row.string("qos_video") ?? "", hdrEnrich: row.string("hdr_enrich") ?? "")
    }

    static func find(neID: String, imsi: String, in db: any DatabaseConnection) throws -> UEPolicy? {
        try db.first("SELECT \(columns) FROM pcf_ue_policy WHERE ne_id = ? AND imsi = ?", [.text(neID), .text(imsi)]).flatMap(policy)
    }

    static func find(neID: String, msisdn: String, in db: any DatabaseConnection) throws -> UEPolicy? {
        try db.first("SELECT \(columns) FROM pcf_ue_policy WHERE ne_id = ? AND msisdn = ?", [.text(neID), .text(msisdn)]).flatMap(policy)
    }

    /// One page of an NE's policies in IMSI order, and how many it has.
    static func page(neID: String, offset: Int, limit: Int, in db: any DatabaseConnection) throws -> (policies: [UEPolicy], total: Int) {
        let policies = try db.query("SELECT \(columns) FROM pcf_ue_policy WHERE ne_id = ? ORDER BY imsi LIMIT ? OFFSET ?",
                                    [.text(neID), .int(limit), .int(offset)]).compactMap(policy)
        let total = try db.first("SELECT COUNT(*) AS total FROM pcf_ue_policy WHERE ne_id = ?", [.text(neID)])?.int("total") ?? 0
        return (policies, total)
    }

    /// Up to `limit` policies with an IMSI from `first` through `last` (same length), in IMSI order.
    static func range(neID: String, from first: String, through last: String, after: String? = nil, limit: Int,
                      in db: any DatabaseConnection) throws -> [UEPolicy] {
        try db.query("SELECT \(columns) FROM pcf_ue_policy WHERE ne_id = ? AND imsi >= ? AND imsi <= ? AND imsi > ? AND length(imsi) = ? ORDER BY imsi LIMIT ?",
                     [.text(neID), .text(first), .text(last), .text(after ?? ""), .int(first.utf8.count), .int(limit)]).compactMap(policy)
    }

    /// Up to `limit` MSISDNs from `first` through `last` (same length) that some policy of `neID` holds.
    static func msisdns(neID: String, from first: String, through last: String, limit: Int, in db: any DatabaseConnection) throws -> [String] {
        try db.query("SELECT msisdn FROM pcf_ue_policy WHERE ne_id = ? AND msisdn >= ? AND msisdn <= ? AND length(msisdn) = ? ORDER BY msisdn LIMIT ?",
                     [.text(neID), .text(first), .text(last), .int(first.utf8.count), .int(limit)]).compactMap { $0.string("msisdn") }
    }

    /// Adds or replaces `policies`. A policy replaces the one of its IMSI and, as the NE does, any
    /// other IMSI's policy holding its MSISDN.
    static func upsert(_ policies: [UEPolicy], neID: String, in db: any DatabaseConnection) throws {
        for policy in policies {
            let values: [SQLValue] = policy.values.enumerated().map { index, value in index == 2 ? .int(policy.rfsp) : .text(value) }
            try db.execute("DELETE FROM pcf_ue_policy WHERE ne_id = ? AND msisdn = ? AND imsi <> ?",
                           [.text(neID), values[1], values[0]])
            try db.execute(upsertSQL, [.text(neID)] + values)
        }
    }

    private static let upsertSQL = """
        INSERT INTO pcf_ue_policy (ne_id, \(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (ne_id, imsi) DO UPDATE SET msisdn = excluded.msisdn, rfsp = excluded.rfsp, sar = excluded.sar,
            pcc_rules = excluded.pcc_rules, sess_rules = excluded.sess_rules, ue_policy = excluded.ue_policy,
            qos_audio = excluded.qos_audio, qos_video = excluded.qos_video, hdr_enrich = excluded.hdr_enrich
        """

    static func delete(_ imsis: [String], neID: String, in db: any DatabaseConnection) throws {
        for imsi in imsis { try db.execute("DELETE FROM pcf_ue_policy WHERE ne_id = ? AND imsi = ?", [.text(neID), .text(imsi)]) }
    }
}
