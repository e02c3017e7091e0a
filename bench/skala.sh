#!/usr/bin/env bash
# District scale on one PostgreSQL (docs/benchmarks.md, "District scale"; docs/skala.md):
# N demo residents spread over villages of Jawa Tengah (2,500 per village by default, so
# 5,000,000 residents = 2,000 villages), then on that database: one village's list and search,
# statistics for one village, its kabupaten and the whole filled area, the district overview
# query, and one village's initial sync pull into a fresh SQLite node.
#
#   bench/skala.sh [--residents 5000000] [--per-desa 2500] [--paralel 2] [--batas-menit 60]
#                  [--keep] [--no-build]
#
# Needs cargo, psql, curl; BALAI_BENCH_POSTGRES_URL (default
# postgres://balai:balai@127.0.0.1:55432/postgres). Database balai_bench_skala (kept with --keep).
set -euo pipefail
cd "$(dirname "$0")/.."
PENDUDUK=5000000; PER_DESA=2500; PARALEL=2; BATAS=60; SIMPAN=0; BANGUN=1
while [ $# -gt 0 ]; do
  case "$1" in
    --residents) PENDUDUK="$2"; shift ;;
    --per-desa) PER_DESA="$2"; shift ;;
    --paralel) PARALEL="$2"; shift ;;
    --batas-menit) BATAS="$2"; shift ;;
    --keep) SIMPAN=1 ;;
    --no-build) BANGUN=0 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "opsi tidak dikenal: $1" >&2; exit 2 ;;
  esac
  shift
done
PG=${BALAI_BENCH_POSTGRES_URL:-postgres://balai:balai@127.0.0.1:55432/postgres}
[ "$BANGUN" = 1 ] && cargo build --release -q -p balai -p balai-bench
B=target/release/balai
BB=target/release/balai-bench
NAMA=balai_bench_skala
DB="${PG%/*}/$NAMA"
DESA=3325082004
TMP=$(mktemp -d)
PORT=$((20000 + $$ % 20000))
bersih() {
  [ -n "${SERVER:-}" ] && kill "$SERVER" 2>/dev/null || true
  [ "$SIMPAN" = 1 ] || psql -q "$PG" -c "DROP DATABASE IF EXISTS $NAMA" >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap bersih EXIT
export BALAI_LOG_LEVEL=warn
echo "mesin: $(nproc) inti, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), beban $(cut -d' ' -f1-3 /proc/loadavg)"
if ! psql -tA "$PG" -c "SELECT 1 FROM pg_database WHERE datname = '$NAMA'" | grep -q 1; then
  psql -q "$PG" -c "CREATE DATABASE $NAMA" >/dev/null
  $BB --database "$DB" isi --residents "$PENDUDUK" --per-desa "$PER_DESA" --paralel "$PARALEL" \
      --batas-menit "$BATAS" --desa $DESA | grep -E "^(HASIL|isi|batas)"
  psql -q "$DB" -c "ANALYZE" >/dev/null
fi
echo "penduduk: $(psql -tA "$DB" -c 'SELECT COUNT(*) FROM penduduk'), desa: $(psql -tA "$DB" -c 'SELECT COUNT(*) FROM desa'), ukuran: $(psql -tA "$DB" -c "SELECT pg_size_pretty(pg_database_size('$NAMA'))")"
$BB --database "$DB" daftar --desa $DESA --runs 50 --warmup 5 | grep "^HASIL"
$BB --database "$DB" statistik --desa $DESA --runs 5 --warmup 1 --jenis jenis-kelamin,umur,pekerjaan | grep "^HASIL"
$BB --database "$DB" statistik --desa $DESA --cakupan 33 --runs 3 --warmup 1 --jenis jenis-kelamin,umur | grep "^HASIL"
# The district overview (`/jaringan`) for the kabupaten and for the province.
for W in 3325 33; do
  AWAL=$(date +%s.%N)
  psql -q "$DB" -c "SELECT d.desa_id, (SELECT COUNT(*) FROM penduduk p WHERE p.desa_id = d.desa_id AND p.status_dasar = 1),
      (SELECT COUNT(*) FROM surat x WHERE x.desa_id = d.desa_id AND x.status IN ('diterbitkan','diserahkan')),
      (SELECT COUNT(*) FROM warga_akun w WHERE w.desa_id = d.desa_id)
      FROM desa d WHERE d.desa_id LIKE '$W%'" >/dev/null
  echo "HASIL jaringan wilayah=$W detik=$(echo "$(date +%s.%N) - $AWAL" | bc)"
done
TOKEN=$($B --database "$DB" sync token --desa $DESA | tail -1)
$B --database "$DB" serve --listen 127.0.0.1:$PORT >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
AWAL=$(date +%s.%N)
KELUARAN=$($B --database "sqlite://$TMP/simpul.db" sync init --server "http://127.0.0.1:$PORT" --token "$TOKEN" | head -1)
echo "tarikan awal satu desa: $KELUARAN"
echo "HASIL sinkron_awal_skala detik=$(echo "$(date +%s.%N) - $AWAL" | bc)"
