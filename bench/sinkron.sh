#!/usr/bin/env bash
# District sync figures (docs/benchmarks.md, "District sync"):
#  1. initial pull (`balai sync init`) of a village of about 10,000 residents from a district
#     server on PostgreSQL into a fresh SQLite node: seconds and bytes on the wire;
#  2. a typical day at the village office on the node (30 letters with PDFs, 20 registry edits,
#     5 payments through the SPP flow), then one `balai sync`: seconds and bytes on the wire.
#
#   bench/sinkron.sh [--no-build] [--residents N] [--debug]
#
# --debug uses the debug build: the bytes on the wire are the same, the seconds are not.
#
# Needs cargo, psql, curl and BALAI_BENCH_POSTGRES_URL (default
# postgres://balai:balai@127.0.0.1:55432/postgres); makes and drops database balai_bench_sinkron_<pid>.
set -euo pipefail
cd "$(dirname "$0")/.."
BANGUN=1
PENDUDUK=10000
PROFIL=release
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BANGUN=0 ;;
    --residents) PENDUDUK="$2"; shift ;;
    --debug) PROFIL=debug ;;
    -h|--help) sed -n 2,14p "$0"; exit 0 ;;
    *) echo "opsi tidak dikenal: $1" >&2; exit 2 ;;
  esac
  shift
done
PG=${BALAI_BENCH_POSTGRES_URL:-postgres://balai:balai@127.0.0.1:55432/postgres}
DESA=3325082005
if [ "$BANGUN" = 1 ]; then
  if [ "$PROFIL" = release ]; then cargo build --release -q -p balai -p balai-bench; else cargo build -q -p balai -p balai-bench; fi
fi
B=target/$PROFIL/balai
BB=target/$PROFIL/balai-bench
NAMA=balai_bench_sinkron_$$
KAB="${PG%/*}/$NAMA"
TMP=$(mktemp -d)
PORT=$((20000 + $$ % 20000))
bersih() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
  psql -q "$PG" -c "DROP DATABASE IF EXISTS $NAMA" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap bersih EXIT
export BALAI_LOG_LEVEL=warn
psql -q "$PG" -c "CREATE DATABASE $NAMA" >/dev/null
echo "mesin: $(nproc) inti, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), beban $(cut -d' ' -f1-3 /proc/loadavg)"
$B --database "$KAB" demo --desa $DESA --residents "$PENDUDUK" --seed 5 >/dev/null 2>&1
TOKEN=$($B --database "$KAB" sync token --desa $DESA | tail -1)
$B --database "$KAB" serve --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
SIMPUL="sqlite://$TMP/simpul.db"
AWAL=$(date +%s.%N)
KELUARAN=$($B --database "$SIMPUL" sync init --server "http://127.0.0.1:$PORT" --token "$TOKEN" | head -1)
AKHIR=$(date +%s.%N)
echo "tarikan awal: $KELUARAN"
echo "HASIL sinkron_awal penduduk=$PENDUDUK detik=$(echo "$AKHIR - $AWAL" | bc)"
$BB --database "$SIMPUL" hari --desa $DESA
AWAL=$(date +%s.%N)
KELUARAN=$($B --database "$SIMPUL" sync)
AKHIR=$(date +%s.%N)
echo "satu hari: $KELUARAN"
echo "HASIL sinkron_hari detik=$(echo "$AKHIR - $AWAL" | bc)"
