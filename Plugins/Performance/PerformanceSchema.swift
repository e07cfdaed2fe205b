import PluginAPI

/// The plugin's tables. Times are whole seconds since 1970 (UTC), so periods compare as integers.
///
/// - `performance_task`: a measurement task as the operator set it (`status` is what is wanted).
/// - `performance_task_ne`: per NE of a task, what the NE was last told and whether it took it
///   (`state`: active, inactive, refused, unreachable, pending, removing) with the NE's reason.
/// - `performance_series`: one measured series (NE, KPI, object type, dimension), numbered.
/// - `performance_point`: one value of a series for one period (start, granularity in minutes).
/// - `performance_rollup`: hourly (60) and daily (1440) aggregates of a series.
/// - `performance_latest`: the newest value of each series.
enum PerformanceSchema {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.migration("v1_create_tables", sql: """
            CREATE TABLE performance_task (
                id INTEGER PRIMARY KEY,
                ne_type VARCHAR(32) NOT NULL,
                ne_ids TEXT NOT NULL,
                kpi_set TEXT NOT NULL,
                schedule TEXT NOT NULL,
                periods TEXT NOT NULL,
                start_at BIGINT,
                end_at BIGINT,
                granularity INTEGER NOT NULL,
                status VARCHAR(16) NOT NULL,
                created_by VARCHAR(64),
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );
            CREATE INDEX performance_task_type ON performance_task (ne_type, id);
            CREATE TABLE performance_task_ne (
                task_id INTEGER NOT NULL,
                ne_id VARCHAR(32) NOT NULL,
                state VARCHAR(16) NOT NULL,
                reason TEXT,
                attempts INTEGER NOT NULL,
                updated_at BIGINT NOT NULL,
                PRIMARY KEY (task_id, ne_id)
            );
            CREATE INDEX performance_task_ne_state ON performance_task_ne (state);
            CREATE TABLE performance_series (
                id INTEGER PRIMARY KEY,
                ne_type VARCHAR(32) NOT NULL,
                ne_id VARCHAR(32) NOT NULL,
                kpi_id VARCHAR(128) NOT NULL,
                object_type VARCHAR(128) NOT NULL,
                dimension VARCHAR(128) NOT NULL
            );
            CREATE UNIQUE INDEX performance_series_key ON performance_series (ne_type, ne_id, kpi_id, object_type, dimension);
            CREATE TABLE performance_point (
                series_id INTEGER NOT NULL,
                granularity INTEGER NOT NULL,
                period_start BIGINT NOT NULL,
                value DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (series_id, period_start, granularity)
            );
            CREATE INDEX performance_point_start ON performance_point (period_start);
            CREATE TABLE performance_rollup (
                series_id INTEGER NOT NULL,
                level INTEGER NOT NULL,
                period_start BIGINT NOT NULL,
                total DOUBLE PRECISION NOT NULL,
                samples INTEGER NOT NULL,
                minimum DOUBLE PRECISION NOT NULL,
                maximum DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (series_id, level, period_start)
            );
            CREATE TABLE performance_latest (
                series_id INTEGER PRIMARY KEY,
                granularity INTEGER NOT NULL,
                period_start BIGINT NOT NULL,
                value DOUBLE PRECISION NOT NULL
            )
            """)
    }
}
