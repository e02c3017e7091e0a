#!/usr/bin/env bash
# Balai benchmarks: import, resident list and search, statistics, idle memory, binary size,
# letters (PDF render and size, concurrent issuing and numbering, verification page), resident
# portal (page weight, login latency).
# Results go to docs/benchmarks.md by hand; this script prints them and keeps a log.
#
#   bench/run.sh            full run (about 13 minutes on 2 cores plus the build: 100k imports, 1M on PostgreSQL)
#   bench/run.sh --quick    10k imports, 100k on SQLite only (a few minutes)
#
# Options:
#   --quick            skip the 100k imports and everything on 1M residents
#   --runs N           timed runs per list query (default 200; 30 with --quick); a query type
#                      stops after 30 s of timed runs once 20 are done
#   --warmup N         untimed runs per list query first (default 20; 5 with --quick)
#   --pg-100k-runs N   times the 100k import runs on PostgreSQL (default 3, like the others;
#                      1 saves two minutes)
#   --import-timeout M stop one import run after M minutes (default 60)
#   --fill-minutes M   stop filling the 1M PostgreSQL district after M minutes (default 20):
#                      villages in progress finish, no new village is started
#   --fill-workers N   villages filled side by side on PostgreSQL (default 2)
#   --keep             keep the scratch folder and the balai_bench_* databases
#   --no-build         use the binaries already in target/release
#
# Environment:
#   BALAI_BENCH_POSTGRES_URL  a superuser URL of a PostgreSQL cluster (a database name at the
#                             end is replaced); default postgres://balai:balai@127.0.0.1:55432/postgres
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PG_URL=${BALAI_BENCH_POSTGRES_URL:-postgres://balai:balai@127.0.0.1:55432/postgres}
PG_BASE=${PG_URL%/*}

QUICK=0
RUNS=""
WARMUP=""
PG_100K_RUNS=3
IMPORT_TIMEOUT_MINUTES=60
FILL_MINUTES=20
FILL_WORKERS=2
KEEP=0
BUILD=1
while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) QUICK=1 ;;
        --runs) RUNS=$2; shift ;;
        --warmup) WARMUP=$2; shift ;;
        --pg-100k-runs) PG_100K_RUNS=$2; shift ;;
        --import-timeout) IMPORT_TIMEOUT_MINUTES=$2; shift ;;
        --fill-minutes) FILL_MINUTES=$2; shift ;;
        --fill-workers) FILL_WORKERS=$2; shift ;;
        --keep) KEEP=1 ;;
        --no-build) BUILD=0 ;;
        -h | --help) sed -n '2,24p' "$0"; exit 0 ;;
        *) echo "opsi tidak dikenal: $1 (lihat --help)" >&2; exit 2 ;;
    esac
    shift
done
if [[ $QUICK == 1 ]]; then
    RUNS=${RUNS:-30}
    WARMUP=${WARMUP:-5}
else
    RUNS=${RUNS:-200}
    WARMUP=${WARMUP:-20}
fi

DEMO_DESA=3325082004   # Donorejo, Kec. Limpung, Kab. Batang: source of the import files
TARGET_DESA=3325082001 # Ngaliyan, same kecamatan: the empty village imports go into
SEED=2026
# 10,130 demo residents leave 10,003 living ones, which is what the export writes.
RESIDENTS_10K=10130
# One village holds at most 100,000 demo residents; about 98,700 of them are living.
RESIDENTS_100K=100000
IMPORT_REPEATS=3

WORK=$(mktemp -d "${TMPDIR:-/tmp}/balai-bench.XXXXXX")
LOG=$WORK/hasil.log
SERVE_PID=""
SPIN_PID=""

cleanup() {
    local rc=$?
    if [[ -n $SPIN_PID ]]; then kill "$SPIN_PID" 2>/dev/null || true; fi
    if [[ -n $SERVE_PID ]] && kill -0 "$SERVE_PID" 2>/dev/null; then
        kill "$SERVE_PID" 2>/dev/null || true
        wait "$SERVE_PID" 2>/dev/null || true
    fi
    [[ -f $LOG ]] && cp "$LOG" "${TMPDIR:-/tmp}/balai-bench-terakhir.log"
    # This run's databases, found by name: pg_fresh runs in a subshell, so no list survives.
    local dbs
    dbs=$(psql "$PG_URL" -qAt -c "SELECT datname FROM pg_database WHERE datname LIKE 'balai\_bench\_%\_$$'" 2>/dev/null || true)
    if [[ $KEEP == 0 ]]; then
        for db in $dbs; do
            psql "$PG_URL" -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
        done
        rm -rf "$WORK"
    else
        echo "Disimpan: $WORK; basis data: ${dbs//$'\n'/ }"
    fi
    exit "$rc"
}
trap cleanup EXIT
# Ctrl+C or kill: exit through the EXIT trap, so the databases are dropped.
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "$*" | tee -a "$LOG"; }
section() { say ""; say "== $* ==  [beban $(cut -d' ' -f1 /proc/loadavg), $(date -u +%H:%M:%S)]"; }

# A fresh PostgreSQL database balai_bench_<label>_<pid>; prints its URL.
pg_fresh() {
    local name="balai_bench_${1}_$$"
    psql "$PG_URL" -v ON_ERROR_STOP=1 -qAt -c "SET client_min_messages = warning" \
        -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    echo "$PG_BASE/$name"
}

pg_drop() {
    local name=${1##*/}
    psql "$PG_URL" -qAt -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null
}

# The value of key=... on the HASIL line named $2 in file $1.
hasil() {
    awk -v nama="$2" -v kunci="$3" '$1 == "HASIL" && $2 == nama {
        for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == kunci) print kv[2] } }' "$1" | tail -n 1
}

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Quiet CLI: only warnings from the log.
export BALAI_LOG_LEVEL=warn

cd "$WORK"

section "Mesin"
say "tanggal:  $(date -u '+%Y-%m-%d %H:%M UTC')"
say "commit:   $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '-') $(git -C "$ROOT" status --porcelain 2>/dev/null | grep -q . && echo '(dengan perubahan lokal)')"
say "CPU:      $(nproc) inti, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
say "RAM:      $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
# shellcheck disable=SC1091
say "OS:       $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
say "rustc:    $(rustc --version)"
say "Postgres: $(psql "$PG_URL" -qAt -c 'SHOW server_version')"
say "SQLite:   bawaan libsqlite3-sys $(awk '/^name = "libsqlite3-sys"/ { getline; gsub(/[^0-9.]/, ""); print }' "$ROOT/Cargo.lock")"
say "beban:    $(cut -d' ' -f1-3 /proc/loadavg) (rata-rata 1/5/15 menit saat mulai)"
say "mode:     $([[ $QUICK == 1 ]] && echo cepat || echo lengkap); $RUNS pengukuran per kueri daftar"

if [[ $BUILD == 1 ]]; then
    section "Build"
    (cd "$ROOT" && cargo build --release -p balai -p balai-bench) 2>&1 | tail -n 2 | tee -a "$LOG"
fi
BALAI=$ROOT/target/release/balai
BENCH=$ROOT/target/release/balai-bench

section "Ukuran berkas program"
SIZE=$(stat -c %s "$BALAI")
say "target/release/balai: $SIZE bita ($(awk -v b="$SIZE" 'BEGIN { printf "%.1f MiB", b / 1048576 }'))"
echo "HASIL biner bita=$SIZE" >>"$LOG"

section "Berkas impor (balai demo lalu balai export --format opensid)"
sizes=(10k)
[[ $QUICK == 0 ]] && sizes+=(100k)
for size in "${sizes[@]}"; do
    n=$RESIDENTS_10K
    [[ $size == 100k ]] && n=$RESIDENTS_100K
    "$BALAI" --database "sqlite://$WORK/sumber-$size.db" demo --desa "$DEMO_DESA" --residents "$n" --seed "$SEED" >/dev/null
    "$BALAI" --database "sqlite://$WORK/sumber-$size.db" export penduduk --desa "$DEMO_DESA" --format opensid -o "$WORK/impor-$size.xlsx" >/dev/null
    say "impor-$size.xlsx: $n penduduk demo, $(stat -c %s "$WORK/impor-$size.xlsx") bita"
    rm -f "$WORK/sumber-$size.db"*
done

# Imports impor-$1.xlsx into a fresh empty village on backend $2, $3 times (each into a fresh
# database), each run stopped after $IMPORT_TIMEOUT_MINUTES; prints and logs the median.
impor_ukur() {
    local size=$1 backend=$2 repeats=$3 label=${4:-$2} url rows="" i
    : >"$WORK/impor-$size-$label.txt"
    for i in $(seq 1 "$repeats"); do
        if [[ $backend == sqlite ]]; then
            url="sqlite://$WORK/impor-$size-$i.db"
        else
            url=$(pg_fresh "impor_${size}_$i")
        fi
        "$BALAI" --database "$url" desa add "$TARGET_DESA" >/dev/null
        if timeout "$((IMPORT_TIMEOUT_MINUTES * 60))" "$BENCH" --database "$url" impor \
            --file "$WORK/impor-$size.xlsx" --desa "$TARGET_DESA" >"$WORK/run.txt"; then
            tee -a "$LOG" <"$WORK/run.txt" | grep '^impor' || true
            hasil "$WORK/run.txt" impor detik >>"$WORK/impor-$size-$label.txt"
            rows=$(hasil "$WORK/run.txt" impor baris)
        else
            say "impor $size $label: dihentikan setelah $IMPORT_TIMEOUT_MINUTES menit (atau gagal)"
            echo "HASIL impor.$size.$label.run$i dihentikan_menit=$IMPORT_TIMEOUT_MINUTES" >>"$LOG"
        fi
        if [[ $backend == sqlite ]]; then rm -f "$WORK/impor-$size-$i.db"*; else pg_drop "$url"; fi
    done
    if [[ -s "$WORK/impor-$size-$label.txt" ]]; then
        local med n
        med=$(median <"$WORK/impor-$size-$label.txt")
        n=$(wc -l <"$WORK/impor-$size-$label.txt")
        say "impor $size $label: median $med s dari $n kali untuk $rows baris ($(awk -v r="$rows" -v s="$med" 'BEGIN { printf "%.0f", r / s }') baris/detik)"
        echo "HASIL impor.$size.$label baris=$rows median_detik=$med kali=$n" >>"$LOG"
    fi
}

section "Impor 10k (format OpenSID) ke desa kosong, $IMPORT_REPEATS kali, median"
impor_ukur 10k sqlite "$IMPORT_REPEATS"
impor_ukur 10k postgres "$IMPORT_REPEATS"

# Diagnostic: the SQLite import is ~10 statements per row, each a hand-off between the async
# task and sqlx's SQLite worker thread. On an idle VM every hand-off wakes a halted vCPU, which
# makes the import 2-3x slower than when the other core is busy. Same import, one core spinning.
section "Diagnosa: impor 10k SQLite sementara satu inti lain disibukkan (while :; do :; done)"
sh -c 'while :; do :; done' &
SPIN_PID=$!
impor_ukur 10k sqlite "$IMPORT_REPEATS" sqlite-inti-sibuk
kill "$SPIN_PID"
wait "$SPIN_PID" 2>/dev/null || true
SPIN_PID=""
if [[ $QUICK == 0 ]]; then
    section "Impor 100k ke desa kosong di SQLite, $IMPORT_REPEATS kali, median"
    impor_ukur 100k sqlite "$IMPORT_REPEATS"
fi

section "SQLite: isi 100.000 penduduk (Store::isi_demo)"
SQLITE_URL="sqlite://$WORK/desa-100k.db"
"$BENCH" --database "$SQLITE_URL" isi --residents 100000 --desa "$DEMO_DESA" --seed "$SEED" | tee -a "$LOG" >"$WORK/isi-sqlite.txt"
grep '^isi' "$WORK/isi-sqlite.txt"
say "ukuran berkas SQLite: $(du -cb "$WORK"/desa-100k.db* | tail -n 1 | cut -f1) bita"

section "SQLite 100k: daftar penduduk"
"$BENCH" --database "$SQLITE_URL" daftar --desa "$DEMO_DESA" --runs "$RUNS" --warmup "$WARMUP" | sed 's/^HASIL daftar/HASIL sqlite.daftar/' | tee -a "$LOG" | grep -v '^HASIL'

section "SQLite 100k: statistik"
"$BENCH" --database "$SQLITE_URL" statistik --desa "$DEMO_DESA" --runs 20 | sed 's/^HASIL statistik/HASIL sqlite.statistik/' | tee -a "$LOG" | grep -v '^HASIL'

# Starts `balai serve` on $1, requests a few public pages, reads VmRSS; label $2.
serve_rss() {
    local url=$1 label=$2 out=$WORK/serve-$2.txt
    "$BALAI" --database "$url" serve --listen 127.0.0.1:0 >"$out" 2>&1 &
    SERVE_PID=$!
    local addr=""
    for _ in $(seq 1 300); do
        addr=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" | head -n 1 || true)
        [[ -n $addr ]] && break
        sleep 0.1
    done
    if [[ -z $addr ]]; then
        say "balai serve tidak mulai:"; tee -a "$LOG" <"$out"; return 1
    fi
    sleep 2
    local awal; awal=$(awk '/VmRSS/ { print $2 }' "/proc/$SERVE_PID/status")
    local kode=()
    for _ in 1 2 3 4 5; do
        for p in /healthz / /masuk /statistik /wilayah /aset/balai.css /desa/$DEMO_DESA; do
            kode+=("$(curl -s -o /dev/null -w '%{http_code}' "$addr$p")")
        done
    done
    sleep 2
    local akhir hwm
    akhir=$(awk '/VmRSS/ { print $2 }' "/proc/$SERVE_PID/status")
    hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$SERVE_PID/status")
    kill "$SERVE_PID"; wait "$SERVE_PID" 2>/dev/null || true
    SERVE_PID=""
    say "balai serve ($label): VmRSS setelah mulai $((awal / 1024)) MiB ($awal kB); setelah 35 permintaan $((akhir / 1024)) MiB ($akhir kB); puncak (VmHWM) $((hwm / 1024)) MiB"
    say "  kode HTTP:$(printf '%s\n' "${kode[@]}" | sort | uniq -c | awk '{ printf " %s×%s", $2, $1 }')"
    echo "HASIL serve.$label awal_kb=$awal akhir_kb=$akhir puncak_kb=$hwm" >>"$LOG"
}

section "Memori balai serve (SQLite, desa 100k)"
serve_rss "$SQLITE_URL" sqlite

if [[ $QUICK == 0 ]]; then
    section "PostgreSQL: isi 1.000.000 penduduk (10 desa × 100.000, $FILL_WORKERS desa bersamaan, batas $FILL_MINUTES menit)"
    PG_1M=$(pg_fresh 1m)
    "$BENCH" --database "$PG_1M" isi --residents 1000000 --desa "$DEMO_DESA" --seed "$SEED" \
        --paralel "$FILL_WORKERS" --batas-menit "$FILL_MINUTES" | tee -a "$LOG" | grep -v '^HASIL'
    say "VACUUM ANALYZE (seperti yang dikerjakan autovacuum tak lama setelah muatan besar) …"
    t0=$(date +%s.%N)
    psql "$PG_1M" -v ON_ERROR_STOP=1 -qAt -c "VACUUM (ANALYZE)" >/dev/null
    say "  selesai dalam $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }') s"
    say "penduduk: $(psql "$PG_1M" -qAt -c 'SELECT count(*) FROM penduduk'); ukuran basis data: $(psql "$PG_1M" -qAt -c 'SELECT pg_size_pretty(pg_database_size(current_database()))')"

    section "PostgreSQL 1M: daftar penduduk (desa $DEMO_DESA, 100k dari 1M)"
    "$BENCH" --database "$PG_1M" daftar --desa "$DEMO_DESA" --runs "$RUNS" --warmup "$WARMUP" | sed 's/^HASIL daftar/HASIL pg.daftar/' | tee -a "$LOG" | grep -v '^HASIL'

    section "PostgreSQL 1M: statistik (kabupaten 3325 dan desa $DEMO_DESA)"
    "$BENCH" --database "$PG_1M" statistik --desa "$DEMO_DESA" --runs 20 | sed 's/^HASIL statistik/HASIL pg.statistik/' | tee -a "$LOG" | grep -v '^HASIL'

    section "Memori balai serve (PostgreSQL, 1M)"
    serve_rss "$PG_1M" postgres

    # Last: before the audit chain head was kept per transaction it took half an hour a run.
    section "Impor 100k ke desa kosong di PostgreSQL, $PG_100K_RUNS kali (batas $IMPORT_TIMEOUT_MINUTES menit per kali)"
    impor_ukur 100k postgres "$PG_100K_RUNS"
fi

# Letters: PDF render time and size (with a logo), 1,000 letters issued by 10 concurrent clients
# with the numbering checked, and verification page requests per second. Fresh databases with
# 500 demo residents, so the figures do not depend on the runs above.
section "Surat (SQLite): render PDF, 1.000 surat dari 10 klien, halaman verifikasi"
"$BENCH" --database "sqlite://$WORK/surat.db" surat --desa "$DEMO_DESA" --runs "$RUNS" | sed 's/^HASIL surat/HASIL sqlite.surat/' | tee -a "$LOG" | grep -v '^HASIL'
# A page's p95 while five clients download reports (the agenda of those letters as PDF, the
# family register as XLSX): heavy work runs on a bounded pool, off the async workers.
section "Halaman selagi 5 laporan dibuat (SQLite)"
"$BENCH" --database "sqlite://$WORK/surat.db" latar --desa "$DEMO_DESA" | sed 's/^HASIL latar/HASIL sqlite.latar/' | tee -a "$LOG" | grep -v '^HASIL'
section "Surat (PostgreSQL): render PDF, 1.000 surat dari 10 klien, halaman verifikasi"
PG_SURAT=$(pg_fresh surat)
"$BENCH" --database "$PG_SURAT" surat --desa "$DEMO_DESA" --runs "$RUNS" | sed 's/^HASIL surat/HASIL pg.surat/' | tee -a "$LOG" | grep -v '^HASIL'
section "Halaman selagi 5 laporan dibuat (PostgreSQL)"
"$BENCH" --database "$PG_SURAT" latar --desa "$DEMO_DESA" | sed 's/^HASIL latar/HASIL pg.latar/' | tee -a "$LOG" | grep -v '^HASIL'
pg_drop "$PG_SURAT"

# Civil registration: the Dukcapil queue over 50,000 applications of 50 villages, and the form PDF.
section "Dokumen kependudukan (PostgreSQL): antrean 50.000 permohonan, PDF formulir"
PG_ADMINDUK=$(pg_fresh adminduk)
"$BENCH" --database "$PG_ADMINDUK" adminduk --desa "$DEMO_DESA" --runs "$RUNS" | sed 's/^HASIL adminduk/HASIL pg.adminduk/' | tee -a "$LOG" | grep -v '^HASIL'
pg_drop "$PG_ADMINDUK"

# Resident portal: page weight of each page against 60 KB, and NIK + PIN login latency.
section "Layanan mandiri (SQLite): berat halaman portal, login NIK + PIN"
"$BENCH" --database "sqlite://$WORK/warga.db" warga --desa "$DEMO_DESA" | sed 's/^HASIL warga/HASIL sqlite.warga/' | tee -a "$LOG" | grep -v '^HASIL'
section "Layanan mandiri (PostgreSQL): berat halaman portal, login NIK + PIN"
PG_WARGA=$(pg_fresh warga)
"$BENCH" --database "$PG_WARGA" warga --desa "$DEMO_DESA" | sed 's/^HASIL warga/HASIL pg.warga/' | tee -a "$LOG" | grep -v '^HASIL'
pg_drop "$PG_WARGA"

section "Ringkasan (HASIL)"
grep '^HASIL' "$LOG" | sed 's/^HASIL //'
echo "Log lengkap: ${TMPDIR:-/tmp}/balai-bench-terakhir.log"
