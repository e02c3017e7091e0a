#!/usr/bin/env bash
# Administrative books (issue 24): B.1 and B.3 pages and PDFs for a village of 10,000 residents
# with a year of events, on a fresh SQLite file and a fresh PostgreSQL database. Prints the
# figures (HASIL lines and a table). Targets: page p95 under 100 ms, PDF under 1 s.
#
# Usage: bench/buku.sh [--no-build]
# Environment: BALAI_BENCH_POSTGRES_URL (superuser URL; default the test cluster of scripts/test.sh)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ ${1:-} == --no-build ]] || cargo build --release -p balai-bench >&2
BIN=target/release/balai-bench
PG_URL=${BALAI_BENCH_POSTGRES_URL:-postgres://balai:balai@127.0.0.1:55432/postgres}
TMP="$(mktemp -d)"
DB=balai_bench_buku
trap 'rm -rf "$TMP"; psql -X -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true' EXIT
echo "## SQLite"
"$BIN" --database "sqlite://$TMP/buku.db" buku
echo "## PostgreSQL"
psql -X -q "$PG_URL" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
"$BIN" --database "${PG_URL%/*}/$DB" buku
