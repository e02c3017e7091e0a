#!/usr/bin/env bash
# Posyandu on a cadre's phone: bytes transferred for the posyandu day page and a child's form
# (staff pages are never compressed: they carry a CSRF token) plus the style sheet and scripts
# (gzip, kept a day by the browser). Target: under 60 KB for the day page with its assets.
# Starts its own demo server and logs in as the demo cadre.
#
# Usage: bench/posyandu.sh [--no-build]   (BALAI_BIN=path uses another binary)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ ${1:-} == --no-build || -n ${BALAI_BIN:-} ]] || cargo build --release -p balai >&2
BIN="${BALAI_BIN:-target/release/balai}"
TMP="$(mktemp -d)"
PORT=18182
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$TMP"' EXIT
"$BIN" serve --demo --database "sqlite://$TMP/demo.db" --listen "127.0.0.1:$PORT" >"$TMP/log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.5
done
URL="http://127.0.0.1:$PORT"
SANDI="$(grep -o 'pengguna kader, kata sandi [^ ]*' "$TMP/log" | awk '{print $NF}')"
J="$TMP/cookies"
csrf() { curl -s -b "$J" -c "$J" "$1" | grep -o 'name="_csrf" value="[^"]*"' | head -n 1 | sed 's/.*value="//;s/"$//'; }
TOKEN="$(csrf "$URL/masuk")"
TUJUAN="$(curl -s -b "$J" -c "$J" -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$TOKEN" \
    --data-urlencode username=kader --data-urlencode "password=$SANDI" "$URL/masuk")"
if [[ $TUJUAN == */ganti-sandi ]]; then
    TOKEN="$(csrf "$URL/ganti-sandi")"
    BARU="kader-Posyandu-2026"
    TUJUAN="$(curl -s -b "$J" -c "$J" -o /dev/null -w '%{redirect_url}' --data-urlencode "_csrf=$TOKEN" \
        --data-urlencode "sandi_lama=$SANDI" --data-urlencode "sandi_baru=$BARU" --data-urlencode "sandi_ulang=$BARU" \
        "$URL/ganti-sandi")"
fi
HARI="${TUJUAN%%\?*}"
ANAK="$(curl -s -b "$J" "$HARI" | grep -o 'data-form href="[^"]*"' | head -n 1 | sed 's/.*href="//;s/"$//;s/&amp;/\&/g')"
echo "== cadre's phone: bytes transferred (target: day page + assets < 60 KB)"
printf '%-28s %10s\n' what bytes
hari="$(curl -s -b "$J" -o /dev/null -w '%{size_download}' "$HARI")"
anak="$(curl -s -b "$J" -o /dev/null -w '%{size_download}' "$URL$ANAK")"
aset=0
for a in /aset/balai.css /aset/balai.js /aset/saring.js /aset/posyandu.js; do
    n="$(curl -s --compressed -o /dev/null -w '%{size_download}' "$URL$a")"
    printf '%-28s %10s\n' "$a (gzip)" "$n"
    aset=$((aset + n))
done
anak_n="$(curl -s -b "$J" "$HARI" | grep -c 'data-pid=' || true)"
printf '%-28s %10s  (%s children)\n' "day page" "$hari" "$anak_n"
printf '%-28s %10s\n' "a child's form" "$anak"
printf '%-28s %10s\n' "day page + assets" "$((hari + aset))"
