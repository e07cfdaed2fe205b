import PluginAPI

/// The Security plugin's tables, all prefixed `security_`. Column names are the API document's field
/// names in snake case (`userName` is `user_name`); ids are integers, times are milliseconds since
/// 1970 (the document's `loginDate: "1683968355811"`), `status` is `"1"` for normal and `"0"` for
/// disabled (the document's convention), `del_flag` is `"0"` for present. `SCHEMA.md` lists which
/// type owns each table.
enum SecuritySchema {
    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v1_organisation", sql: """
            CREATE TABLE security_dept (
                dept_id INTEGER PRIMARY KEY,
                parent_id INTEGER NOT NULL DEFAULT 0,
                ancestors TEXT NOT NULL DEFAULT '0',
                dept_name TEXT NOT NULL,
                order_num INTEGER NOT NULL DEFAULT 0,
                leader TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                email TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL DEFAULT '1',
                del_flag TEXT NOT NULL DEFAULT '0',
                create_by TEXT NOT NULL DEFAULT '',
                create_time INTEGER NOT NULL,
                update_by TEXT NOT NULL DEFAULT '',
                update_time INTEGER
            );
            CREATE INDEX security_dept_by_parent ON security_dept (parent_id);
            CREATE TABLE security_post (
                post_id INTEGER PRIMARY KEY,
                post_code TEXT NOT NULL UNIQUE,
                post_name TEXT NOT NULL,
                post_sort INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT '1',
                create_by TEXT NOT NULL DEFAULT '',
                create_time INTEGER NOT NULL,
                update_by TEXT NOT NULL DEFAULT '',
                update_time INTEGER,
                remark TEXT NOT NULL DEFAULT ''
            )
            """)
        plugin.migration("v1_roles", sql: """
            CREATE TABLE security_role (
                role_id INTEGER PRIMARY KEY,
                role_name TEXT NOT NULL,
                role_key TEXT NOT NULL UNIQUE,
                role_sort INTEGER NOT NULL DEFAULT 0,
                data_scope TEXT NOT NULL DEFAULT '1',
                menu_check_strictly INTEGER NOT NULL DEFAULT 1,
                dept_check_strictly INTEGER NOT NULL DEFAULT 1,
                status TEXT NOT NULL DEFAULT '1',
                del_flag TEXT NOT NULL DEFAULT '0',
                built_in INTEGER NOT NULL DEFAULT 0,
                profile TEXT,
                create_by TEXT NOT NULL DEFAULT '',
                create_time INTEGER NOT NULL,
                update_by TEXT NOT NULL DEFAULT '',
                update_time INTEGER,
                remark TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE security_role_permission (
                role_id INTEGER NOT NULL REFERENCES security_role (role_id) ON DELETE CASCADE,
                permission TEXT NOT NULL,
                PRIMARY KEY (role_id, permission)
            );
            CREATE TABLE security_role_menu (
                role_id INTEGER NOT NULL REFERENCES security_role (role_id) ON DELETE CASCADE,
                menu_id TEXT NOT NULL,
                PRIMARY KEY (role_id, menu_id)
            );
            CREATE TABLE security_role_dept (
                role_id INTEGER NOT NULL REFERENCES security_role (role_id) ON DELETE CASCADE,
                dept_id INTEGER NOT NULL REFERENCES security_dept (dept_id) ON DELETE CASCADE,
                PRIMARY KEY (role_id, dept_id)
            )
            """)
        plugin.migration("v1_users", sql: """
            CREATE TABLE security_user (
                user_id INTEGER PRIMARY KEY,
                dept_id INTEGER REFERENCES security_dept (dept_id) ON DELETE SET NULL,
                user_name TEXT NOT NULL,
                nick_name TEXT NOT NULL DEFAULT '',
                user_type TEXT NOT NULL DEFAULT 'sys',
                email TEXT NOT NULL DEFAULT '',
                phonenumber TEXT NOT NULL DEFAULT '',
                sex TEXT NOT NULL DEFAULT '0',
                avatar TEXT NOT NULL DEFAULT '',
                password_hash TEXT NOT NULL,
                password_changed_at INTEGER NOT NULL,
                must_change_password INTEGER NOT NULL DEFAULT 0,
                admin_locked INTEGER NOT NULL DEFAULT 0,
                status TEXT NOT NULL DEFAULT '1',
                del_flag TEXT NOT NULL DEFAULT '0',
                login_ip TEXT NOT NULL DEFAULT '',
                login_date INTEGER,
                create_by TEXT NOT NULL DEFAULT '',
                create_time INTEGER NOT NULL,
                update_by TEXT NOT NULL DEFAULT '',
                update_time INTEGER,
                remark TEXT NOT NULL DEFAULT ''
            );
            CREATE UNIQUE INDEX security_user_by_name ON security_user (lower(user_name));
            CREATE INDEX security_user_by_dept ON security_user (dept_id);
            CREATE TABLE security_user_role (
                user_id INTEGER NOT NULL REFERENCES security_user (user_id) ON DELETE CASCADE,
                role_id INTEGER NOT NULL REFERENCES security_role (role_id) ON DELETE CASCADE,
                PRIMARY KEY (user_id, role_id)
            );
            CREATE INDEX security_user_role_by_role ON security_user_role (role_id);
            CREATE TABLE security_user_post (
                user_id INTEGER NOT NULL REFERENCES security_user (user_id) ON DELETE CASCADE,
                post_id INTEGER NOT NULL REFERENCES security_post (post_id) ON DELETE CASCADE,
                PRIMARY KEY (user_id, post_id)
            )
            """)
        plugin.migration("v1_sessions", sql: """
            CREATE TABLE security_session (
                session_id TEXT PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES security_user (user_id) ON DELETE CASCADE,
                user_name TEXT NOT NULL,
                dept_name TEXT NOT NULL DEFAULT '',
                ipaddr TEXT NOT NULL DEFAULT '',
                login_location TEXT NOT NULL DEFAULT '',
                browser TEXT NOT NULL DEFAULT '',
                os TEXT NOT NULL DEFAULT '',
                login_time INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE INDEX security_session_by_user ON security_session (user_id);
            CREATE TABLE security_captcha (
                uuid TEXT PRIMARY KEY,
                code TEXT NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE TABLE security_login_failure (
                user_key TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                window_start INTEGER NOT NULL,
                locked_until INTEGER
            )
            """)
        // Recorded by SQLite sites before SQL was checked; its trigger is removed by v4 below. A fresh
        // database runs the baseline instead.
        plugin.sqliteOnlyMigration("v1_logs", sql: """
            CREATE TABLE security_login_log (
                info_id INTEGER PRIMARY KEY,
                user_name TEXT NOT NULL,
                ipaddr TEXT NOT NULL DEFAULT '',
                login_location TEXT NOT NULL DEFAULT '',
                browser TEXT NOT NULL DEFAULT '',
                os TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                msg TEXT NOT NULL DEFAULT '',
                login_time INTEGER NOT NULL
            );
            CREATE INDEX security_login_log_by_time ON security_login_log (login_time);
            CREATE TABLE security_oper_log (
                oper_id INTEGER PRIMARY KEY,
                title TEXT NOT NULL,
                business_type INTEGER NOT NULL,
                method TEXT NOT NULL,
                request_method TEXT NOT NULL,
                operator_type INTEGER NOT NULL DEFAULT 1,
                oper_name TEXT NOT NULL DEFAULT '',
                dept_name TEXT NOT NULL DEFAULT '',
                oper_url TEXT NOT NULL,
                oper_ip TEXT NOT NULL DEFAULT '',
                oper_location TEXT NOT NULL DEFAULT '',
                oper_param TEXT NOT NULL DEFAULT '',
                json_result TEXT NOT NULL DEFAULT '',
                status TEXT NOT NULL,
                error_msg TEXT NOT NULL DEFAULT '',
                oper_time INTEGER NOT NULL,
                cost_time INTEGER NOT NULL,
                request_id TEXT NOT NULL DEFAULT '',
                plugin_id TEXT
            );
            CREATE INDEX security_oper_log_by_time ON security_oper_log (oper_time);
            CREATE TRIGGER security_oper_log_is_append_only BEFORE UPDATE ON security_oper_log
            BEGIN SELECT RAISE(ABORT, 'the operation log cannot be edited'); END
            """)
        plugin.migration("v2_login_sources", sql: """
            CREATE TABLE security_login_source (
                source TEXT PRIMARY KEY,
                failures INTEGER NOT NULL,
                window_start INTEGER NOT NULL
            )
            """)
        plugin.migration("v3_api_tokens", sql: """
            CREATE TABLE security_api_token (
                token_id INTEGER PRIMARY KEY,
                user_id INTEGER NOT NULL REFERENCES security_user (user_id) ON DELETE CASCADE,
                token_name TEXT NOT NULL,
                token_hash TEXT NOT NULL UNIQUE,
                permissions TEXT NOT NULL,
                create_time INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                last_used_at INTEGER,
                UNIQUE (user_id, token_name)
            );
            CREATE INDEX security_api_token_by_user ON security_api_token (user_id)
            """)
        // The operation log stays append-only by a rule the host enforces on every engine, not by an
        // SQLite trigger (DECISIONS 132).
        plugin.appendOnly("security_oper_log")
        plugin.sqliteOnlyMigration("v4_oper_log_rule_by_host", sql: "DROP TRIGGER IF EXISTS security_oper_log_is_append_only")
        // A fresh database starts here, with portable SQL only; the migrations above run only where
        // part of them is already recorded (DECISIONS 135).
        plugin.baseline("v1_1_baseline", sql: baselineSQL, replaces: baselineReplaces)
    }
}
