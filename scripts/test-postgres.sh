#!/bin/sh
# Runs the tests that try the SQL a fresh database runs on PostgreSQL, against a throwaway cluster
# started here and removed on exit (the suite itself never needs a server: without
# OMC_TEST_POSTGRES those tests are skipped). Needs PostgreSQL's server binaries and a built suite
# (`swift build --build-tests`). Usage: scripts/test-postgres.sh
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
dir=$(mktemp -d /tmp/omc-pg.XXXXXX)
as_owner() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
cleanup() { as_owner "$bin/pg_ctl -D $dir/data -m fast stop" >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_owner "$bin/initdb -D $dir/data -A trust -U postgres" >/dev/null
as_owner "$bin/pg_ctl -D $dir/data -o '-p 55433 -k $dir -c listen_addresses=' -l $dir/server.log -w start" >/dev/null
OMC_TEST_POSTGRES="host=$dir port=55433 user=postgres dbname=postgres" \
    swift test --skip-build --filter theFreshDatabaseSQLRunsOnPostgreSQL
