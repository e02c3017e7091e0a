#!/usr/bin/env bash
# Load (issue 20, proof 4): 200 people at once (staff, residents on the portal, website
# visitors) against `balai serve` on a demo village of 2,500 residents, for 10 minutes, on
# SQLite and then on PostgreSQL. Prints per page the count, median and p95, every error, and the
# server's memory every ten seconds (`HASIL` lines for docs/keandalan.md).
#
# Usage: bench/beban.sh [--no-build] [--debug] [--orang N] [--detik S] [--backend sqlite|postgres]
#   --no-build  use the binaries already built
#   --debug     use target/debug (quicker to build; figures not comparable with release)
#   --backend   only this backend (default both)
#
# Environment:
#   BALAI_BENCH_POSTGRES_URL  a PostgreSQL superuser URL (a database name at the end is
#                             replaced); default postgres://balai:balai@127.0.0.1:55432/postgres
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

BUILD=1
PROFIL=release
ORANG=200
DETIK=600
BACKENDS=(sqlite postgres)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0 ;;
        --debug) PROFIL=debug ;;
        --orang) ORANG="$2"; shift ;;
        --detik) DETIK="$2"; shift ;;
        --backend) BACKENDS=("$2"); shift ;;
        *) echo "bench/beban.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
if [[ $BUILD == 1 ]]; then
    if [[ $PROFIL == release ]]; then
        cargo build --release -p balai -p balai-bench >&2
    else
        cargo build -p balai -p balai-bench >&2
    fi
fi
BIN="target/$PROFIL/balai"
BENCH="target/$PROFIL/balai-bench"
PG_URL=${BALAI_BENCH_POSTGRES_URL:-postgres://balai:balai@127.0.0.1:55432/postgres}
KERJA="$(mktemp -d)"
PID=""
PG_DB=""
bersihkan() {
    [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    [[ -n $PG_DB ]] && psql -X -q -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" "$PG_URL" >/dev/null 2>&1
    PID=""
    PG_DB=""
}
trap 'bersihkan; rm -rf "$KERJA"' EXIT
# Many connections from one client.
ulimit -n 8192 2>/dev/null || true

GAGAL=0
for be in "${BACKENDS[@]}"; do
    case "$be" in
        sqlite) DB="sqlite://$KERJA/beban.db" ;;
        postgres)
            PG_DB="balai_beban_$$"
            psql -X -q -c "CREATE DATABASE \"$PG_DB\"" "$PG_URL" >/dev/null
            DB="${PG_URL%/*}/$PG_DB"
            ;;
        *) echo "bench/beban.sh: unknown backend $be" >&2; exit 2 ;;
    esac
    echo "== beban ($be, $PROFIL): $ORANG orang, $DETIK detik"
    BALAI_LOG_LEVEL=warn BALAI_BERKAS_KUNCI_INDUK="$KERJA/kunci-induk-$be" \
        "$BIN" --database "$DB" demo --residents 2500 >/dev/null 2>&1
    PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    BALAI_LOG_LEVEL=warn BALAI_BERKAS_KUNCI_INDUK="$KERJA/kunci-induk-$be" \
        BALAI_LATIHAN_FOLDER="$KERJA/latihan-$be" \
        "$BIN" --database "$DB" serve --listen "127.0.0.1:$PORT" >"$KERJA/serve-$be.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 200); do
        curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
        sleep 0.3
    done
    "$BENCH" --database "$DB" beban --url "http://127.0.0.1:$PORT" --pid "$PID" \
        --orang "$ORANG" --detik "$DETIK" || GAGAL=1
    if grep -q 'panicked' "$KERJA/serve-$be.log"; then
        echo "server log ($be) has a panic:"
        grep -A5 'panicked' "$KERJA/serve-$be.log"
        GAGAL=1
    fi
    bersihkan
done
exit "$GAGAL"
