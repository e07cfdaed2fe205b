import PluginAPI

/// The UDM plugin's tables. Written out rather than generated from ``RecordSchema`` because a
/// migration that has run must never change.
enum UDMMigrations {
    static func declare(_ plugin: inout PluginRegistrar) {
        // Recorded by SQLite sites before SQL was checked: `BLOB` is SQLite's name for the bytes
        // PostgreSQL calls `BYTEA`; SQLite stores sealed Ki and OPc unchanged either way, so no
        // conversion follows (DECISIONS 131). A fresh database runs the baseline below instead.
        plugin.sqliteOnlyMigration("v1_records", sql: """
            CREATE TABLE udm_sub (
                id INTEGER PRIMARY KEY, ne_id TEXT NOT NULL, imsi TEXT NOT NULL, msisdn TEXT NOT NULL,
                ambr TEXT NOT NULL, nssai TEXT NOT NULL, rat TEXT NOT NULL, arfb TEXT NOT NULL, sar TEXT NOT NULL,
                cn TEXT NOT NULL, smData TEXT NOT NULL, smfSel TEXT NOT NULL, epsDat TEXT NOT NULL, epsFlag TEXT NOT NULL,
                epsOdb TEXT NOT NULL, hplmnOdb TEXT NOT NULL, ard TEXT NOT NULL, epstpl TEXT NOT NULL,
                contextId TEXT NOT NULL, apnContext TEXT NOT NULL, staticIp TEXT NOT NULL);
            CREATE UNIQUE INDEX udm_sub_ne_imsi ON udm_sub (ne_id, imsi);
            CREATE INDEX udm_sub_ne_msisdn ON udm_sub (ne_id, msisdn);
            CREATE INDEX udm_sub_imsi ON udm_sub (imsi);
            CREATE INDEX udm_sub_msisdn ON udm_sub (msisdn);
            CREATE TABLE udm_auth (
                id INTEGER PRIMARY KEY, ne_id TEXT NOT NULL, imsi TEXT NOT NULL, ki BLOB NOT NULL, opc BLOB NOT NULL,
                amf TEXT NOT NULL, algoIndex TEXT NOT NULL, status TEXT NOT NULL);
            CREATE UNIQUE INDEX udm_auth_ne_imsi ON udm_auth (ne_id, imsi);
            CREATE INDEX udm_auth_imsi ON udm_auth (imsi);
            CREATE TABLE udm_count (ne_id TEXT NOT NULL, resource TEXT NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (ne_id, resource));
            CREATE TABLE udm_batch (
                id TEXT PRIMARY KEY, ne_id TEXT NOT NULL, resource TEXT NOT NULL, operation TEXT NOT NULL,
                file TEXT NOT NULL, total INTEGER NOT NULL, created_at TEXT NOT NULL)
            """)
        // Bumped by every change of a record kind, in the change's transaction: list-page anchors
        // (PageAnchors) read it in their snapshot to know whether they are still valid.
        plugin.migration("v2_data_version", sql: """
            CREATE TABLE udm_version (resource TEXT PRIMARY KEY, version INTEGER NOT NULL);
            INSERT INTO udm_version (resource, version) VALUES ('sub', 0), ('auth', 0)
            """)
        // Who started a batch, so that a batch settled after a stop is logged in their name.
        plugin.migration("v3_batch_operator", sql: """
            ALTER TABLE udm_batch ADD COLUMN operator_name TEXT;
            ALTER TABLE udm_batch ADD COLUMN operator_department TEXT;
            ALTER TABLE udm_batch ADD COLUMN operator_address TEXT
            """)
        // What the three migrations above leave, in portable SQL: a fresh database runs this instead
        // of them (DECISIONS 135). Ki and OPc are `BYTEA`; ids are assigned by the plugin.
        plugin.baseline("v1_1_baseline", sql: """
            CREATE TABLE udm_sub (
                id INTEGER PRIMARY KEY, ne_id TEXT NOT NULL, imsi TEXT NOT NULL, msisdn TEXT NOT NULL,
                ambr TEXT NOT NULL, nssai TEXT NOT NULL, rat TEXT NOT NULL, arfb TEXT NOT NULL, sar TEXT NOT NULL,
                cn TEXT NOT NULL, smData TEXT NOT NULL, smfSel TEXT NOT NULL, epsDat TEXT NOT NULL, epsFlag TEXT NOT NULL,
                epsOdb TEXT NOT NULL, hplmnOdb TEXT NOT NULL, ard TEXT NOT NULL, epstpl TEXT NOT NULL,
                contextId TEXT NOT NULL, apnContext TEXT NOT NULL, staticIp TEXT NOT NULL);
            CREATE UNIQUE INDEX udm_sub_ne_imsi ON udm_sub (ne_id, imsi);
            CREATE INDEX udm_sub_ne_msisdn ON udm_sub (ne_id, msisdn);
            CREATE INDEX udm_sub_imsi ON udm_sub (imsi);
            CREATE INDEX udm_sub_msisdn ON udm_sub (msisdn);
            CREATE TABLE udm_auth (
                id INTEGER PRIMARY KEY, ne_id TEXT NOT NULL, imsi TEXT NOT NULL, ki BYTEA NOT NULL, opc BYTEA NOT NULL,
                amf TEXT NOT NULL, algoIndex TEXT NOT NULL, status TEXT NOT NULL);
            CREATE UNIQUE INDEX udm_auth_ne_imsi ON udm_auth (ne_id, imsi);
            CREATE INDEX udm_auth_imsi ON udm_auth (imsi);
            CREATE TABLE udm_count (ne_id TEXT NOT NULL, resource TEXT NOT NULL, total INTEGER NOT NULL, PRIMARY KEY (ne_id, resource));
            CREATE TABLE udm_batch (
                id TEXT PRIMARY KEY, ne_id TEXT NOT NULL, resource TEXT NOT NULL, operation TEXT NOT NULL,
                file TEXT NOT NULL, total INTEGER NOT NULL, created_at TEXT NOT NULL,
                operator_name TEXT, operator_department TEXT, operator_address TEXT);
            CREATE TABLE udm_version (resource TEXT PRIMARY KEY, version INTEGER NOT NULL);
            INSERT INTO udm_version (resource, version) VALUES ('sub', 0), ('auth', 0)
            """, replaces: ["v1_records", "v2_data_version", "v3_batch_operator"])
    }
}
