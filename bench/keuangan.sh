#!/usr/bin/env bash
# Village finance: the realisation report PDF of one village with 2,000 payments, and the
# district comparison over 300 villages with five years of budgets each, on a fresh SQLite
# file and a fresh PostgreSQL database. Prints the figures (HASIL lines and a table).
#
# Usage: bench/keuangan.sh [--no-build]
# Environment: BALAI_BENCH_POSTGRES_URL (superuser URL; default the test cluster of scripts/test.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ ${1:-} == --no-build ]] || cargo build --release -p balai-bench >&2
BIN=target/release/balai-bench
PG_URL=${BALAI_BENCH_POSTGRES_URL:-postgres://balai:balai@127.0.0.1:55432/postgres}
TMP="$(mktemp -d)"
DB=balai_bench_keuangan
trap 'rm -rf "$TMP"; psql -X -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true' EXIT
echo "## SQLite"
"$BIN" --database "sqlite://$TMP/keuangan.db" keuangan
echo "## PostgreSQL"
psql -X -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"$BIN" --database "${PG_URL%/*}/$DB" keuangan
