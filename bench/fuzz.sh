#!/usr/bin/env bash
# Proof 1 of issue 20, coverage-guided fuzzing: each target in fuzz/fuzz_targets runs under
# libFuzzer (cargo-fuzz, nightly toolchain) for SECONDS (default 3600), growing its corpus in
# fuzz/corpus/TARGET; a crash, a hang (one input over 10 s) or a memory blow-up (over 2 GB)
# stops the target and leaves the input in fuzz/artifacts/TARGET. Afterwards the corpus is
# minimised (cargo fuzz cmin); the repository keeps a sample of 200 inputs per target, which the
# normal test suite replays on stable (balai-store tests/korpus_fuzz.rs, balai-pdf tests.rs).
# Usage: bench/fuzz.sh [--detik SECONDS] [--tanpa-cmin] [TARGET ...]   (default: every target)
# Record the HASIL lines in docs/keandalan.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DETIK=3600
CMIN=1
SASARAN=()
while [ $# -gt 0 ]; do
    case "$1" in
        --detik) DETIK="$2"; shift 2 ;;
        --tanpa-cmin) CMIN=0; shift ;;
        -h|--help) sed -n 2,9p "$0"; exit 0 ;;
        -*) echo "pilihan tidak dikenal: $1" >&2; exit 2 ;;
        *) SASARAN+=("$1"); shift ;;
    esac
done

if ! rustup toolchain list | grep -q '^nightly'; then
    echo "Perlu toolchain nightly: rustup toolchain install nightly" >&2
    exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "Memasang cargo-fuzz (sekali) …"
    cargo install --locked cargo-fuzz
fi
if [ ${#SASARAN[@]} -eq 0 ]; then
    mapfile -t SASARAN < <(cd fuzz && cargo +nightly fuzz list)
fi

# Release with debug assertions (integer overflow and slice checks stay on); no sanitizer:
# Balai's parsers are safe Rust, and without ASan each run is several times faster.
BANGUN=(--release --debug-assertions --sanitizer none)
(cd fuzz && cargo +nightly fuzz build "${BANGUN[@]}")

echo "mesin: $(nproc) inti, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F); commit $(git rev-parse --short HEAD)"
gagal=0
for t in "${SASARAN[@]}"; do
    mkdir -p "fuzz/corpus/$t" "fuzz/artifacts/$t"
    log="fuzz/artifacts/$t/log.txt"
    set +e
    (cd fuzz && cargo +nightly fuzz run "${BANGUN[@]}" "$t" -- \
        -max_total_time="$DETIK" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1) >"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -a 'stat::number_of_executed_units' "$log" | awk '{print $2}' | tail -1)
    cov=$(grep -aoE 'cov: [0-9]+' "$log" | tail -1 | awk '{print $2}')
    rss=$(grep -a 'stat::peak_rss_mb' "$log" | awk '{print $2}' | tail -1)
    if [ "$CMIN" = 1 ] && [ "$rc" = 0 ]; then
        (cd fuzz && cargo +nightly fuzz cmin "${BANGUN[@]}" "$t" -- -rss_limit_mb=2048 -timeout=10) \
            >>"$log" 2>&1 || true
    fi
    n=$(find "fuzz/corpus/$t" -type f | wc -l)
    if [ "$rc" = 0 ]; then
        echo "HASIL $t: ${DETIK} s, ${runs:-?} eksekusi, cakupan ${cov:-?}, RSS puncak ${rss:-?} MB, korpus $n berkas: tanpa crash"
    else
        gagal=1
        echo "HASIL $t: GAGAL (kode $rc) — lihat $log dan fuzz/artifacts/$t/"
        grep -aE 'ERROR|panicked|Timeout|out-of-memory' "$log" | head -5
    fi
done
exit $gagal
