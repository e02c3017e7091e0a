#!/usr/bin/env bash
# Village website: page weight of each public page type (gzip, as a browser receives it) and,
# when wrk is installed (apt-get install wrk), requests per second and latency of the home,
# article and statistics pages at 50 keep-alive connections. Starts its own demo server.
#
# Usage: bench/situs.sh [--no-build] [--seconds N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BUILD=1
DETIK=20
while [[ $# -gt 0 ]]; do
    case "$1" in
        --no-build) BUILD=0 ;;
        --seconds) DETIK="$2"; shift ;;
        *) echo "bench/situs.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
[[ $BUILD == 1 ]] && cargo build --release -p balai >&2
BIN=target/release/balai
TMP="$(mktemp -d)"
PORT=18181
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$TMP"' EXIT
"$BIN" serve --demo --database "sqlite://$TMP/demo.db" --listen "127.0.0.1:$PORT" >"$TMP/log" 2>&1 &
PID=$!
for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done
URL="http://127.0.0.1:$PORT"
ARTIKEL="$(curl -s "$URL/desa/donorejo/berita" | grep -o '/desa/donorejo/berita/[a-z0-9-]*' | head -n 1)"
PRODUK="$(curl -s "$URL/desa/donorejo/lapak" | grep -o '/desa/donorejo/lapak/[A-Za-z0-9_-]*' | head -n 1)"
echo "== page weight (gzip, bytes transferred; target: first view < 100 KB excluding photos)"
printf '%-44s %10s %10s\n' page gzip raw
for p in / /desa/donorejo/profil /desa/donorejo/berita "$ARTIKEL" /desa/donorejo/statistik \
    "/desa/donorejo/statistik?jenis=umur" /desa/donorejo/potensi /desa/donorejo/lapak "$PRODUK" /desa/donorejo/pembangunan \
    /desa/donorejo/layanan /desa/donorejo/data /desa/donorejo/pengaduan /aset/situs.css; do
    gz="$(curl -s --compressed -o /dev/null -w '%{size_download}' "$URL$p")"
    raw="$(curl -s -o /dev/null -w '%{size_download}' "$URL$p")"
    printf '%-44s %10s %10s\n' "$p" "$gz" "$raw"
done
if command -v wrk >/dev/null 2>&1; then
    for p in / "$ARTIKEL" /desa/donorejo/statistik; do
        echo "== wrk -t2 -c50 -d${DETIK}s --latency $p"
        wrk -t2 -c50 -d"${DETIK}s" --latency "$URL$p" | grep -E 'Requests/sec|50%|99%|Latency'
    done
    # What a browser asks for: gzip, compressed on every response.
    echo "== wrk -t2 -c50 -d${DETIK}s --latency -H 'Accept-Encoding: gzip' /"
    wrk -t2 -c50 -d"${DETIK}s" --latency -H 'Accept-Encoding: gzip' "$URL/" | grep -E 'Requests/sec|50%|99%|Latency'
    # The first request after a change renders the page: the cost without the 15 s cache.
    echo "== wrk -t2 -c50 -d${DETIK}s --latency /desa/donorejo/lapak (no page cache: a query and a render)"
    wrk -t2 -c50 -d"${DETIK}s" --latency "$URL/desa/donorejo/lapak" | grep -E 'Requests/sec|50%|99%|Latency'
    echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); server and wrk share them"
else
    echo "wrk not installed: apt-get install wrk for requests per second"
fi
