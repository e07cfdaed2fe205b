import PluginAPI

/// The OMC's copy of each PCF's UE policies: one row per (NE, IMSI), an MSISDN index per NE.
enum PCFMigrations {
    static func declare(_ plugin: inout PluginRegistrar) {
        // Recorded by SQLite sites before SQL was checked; `WITHOUT ROWID` changes nothing the plugin
        // relies on, so no conversion follows (DECISIONS 131). A fresh database runs the baseline below instead.
        plugin.sqliteOnlyMigration("v1_pcf_ue_policy", sql: """
            CREATE TABLE pcf_ue_policy (
                ne_id TEXT NOT NULL,
                imsi TEXT NOT NULL,
                msisdn TEXT NOT NULL,
                rfsp INTEGER NOT NULL,
                sar TEXT NOT NULL,
                pcc_rules TEXT NOT NULL,
                sess_rules TEXT NOT NULL,
                ue_policy TEXT NOT NULL,
                qos_audio TEXT NOT NULL,
                qos_video TEXT NOT NULL,
                hdr_enrich TEXT NOT NULL,
                PRIMARY KEY (ne_id, imsi)
            ) WITHOUT ROWID
            """)
        plugin.migration("v1_pcf_ue_policy_msisdn", sql: "CREATE UNIQUE INDEX pcf_ue_policy_msisdn ON pcf_ue_policy (ne_id, msisdn)")
        // The same table in portable SQL, which a fresh database runs instead of the two above (DECISIONS 135).
        plugin.baseline("v1_1_baseline", sql: """
            CREATE TABLE pcf_ue_policy (
                ne_id TEXT NOT NULL,
                imsi TEXT NOT NULL,
                msisdn TEXT NOT NULL,
                rfsp INTEGER NOT NULL,
                sar TEXT NOT NULL,
                pcc_rules TEXT NOT NULL,
                sess_rules TEXT NOT NULL,
                ue_policy TEXT NOT NULL,
                qos_audio TEXT NOT NULL,
                qos_video TEXT NOT NULL,
                hdr_enrich TEXT NOT NULL,
                PRIMARY KEY (ne_id, imsi)
            );
            CREATE UNIQUE INDEX pcf_ue_policy_msisdn ON pcf_ue_policy (ne_id, msisdn)
            """, replaces: ["v1_pcf_ue_policy", "v1_pcf_ue_policy_msisdn"])
    }
}
