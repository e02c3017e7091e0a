#!/usr/bin/env bash
# API conformance (issue 20, proof 2): schemathesis (from PyPI) against /api/v1/openapi.json of
# a running Balai with a demo village and real tokens. Fails on any server error (5xx), any
# status code, content type, header or body the document does not describe, and any request
# that breaks the document's constraints but is accepted.
#
# Not checked: "schema-valid request rejected" (positive_data_acceptance). The document gives
# types and ranges, while the server's field rules are richer (a NIK's region and birth date,
# a date not in the future ...) and answer 422 with a message per field.
#
# Usage: scripts/uji-api.sh [--backend sqlite|postgres] [--contoh N] [--acak]
#   --backend  the database behind the server (default sqlite)
#   --contoh   examples per operation and test phase (default 10)
#   --acak     a random seed (printed) instead of the fixed one, for longer explorations
#
# Environment:
#   BALAI_BIN                the program (default target/debug/balai)
#   BALAI_TEST_POSTGRES_URL  a PostgreSQL superuser URL, for --backend postgres
#   SCHEMATHESIS             the schemathesis program; default: a venv under target/uji-api
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BACKEND=sqlite
CONTOH=10
SEED=(--seed 20261207 --generation-deterministic)
while [[ $# -gt 0 ]]; do
    case "$1" in
        --backend) BACKEND="$2"; shift 2 ;;
        --contoh) CONTOH="$2"; shift 2 ;;
        --acak) SEED=(); shift ;;
        -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "uji-api.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

BIN="${BALAI_BIN:-$ROOT/target/debug/balai}"
[[ -x $BIN ]] || { echo "uji-api.sh: $BIN not found (cargo build -p balai)" >&2; exit 1; }

ST="${SCHEMATHESIS:-}"
if [[ -z $ST ]]; then
    VENV="$ROOT/target/uji-api/venv"
    if [[ ! -x $VENV/bin/schemathesis ]]; then
        python3 -m venv "$VENV"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check 'schemathesis==4.32.5'
    fi
    ST="$VENV/bin/schemathesis"
fi

KERJA="$(mktemp -d -t balai-uji-api-XXXXXX)"
PID=""
PG_DB=""
bersihkan() {
    [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    if [[ -n $PG_DB ]]; then
        psql -X -q -c "DROP DATABASE IF EXISTS \"$PG_DB\" WITH (FORCE)" "$BALAI_TEST_POSTGRES_URL" >/dev/null 2>&1 || true
    fi
    rm -rf "$KERJA"
}
trap bersihkan EXIT

case "$BACKEND" in
    sqlite) DB="sqlite://$KERJA/balai.db" ;;
    postgres)
        [[ -n ${BALAI_TEST_POSTGRES_URL:-} ]] || { echo "uji-api.sh: BALAI_TEST_POSTGRES_URL is not set" >&2; exit 1; }
        PG_DB="balai_uji_api_$$"
        psql -X -q -c "CREATE DATABASE \"$PG_DB\"" "$BALAI_TEST_POSTGRES_URL" >/dev/null
        DB="${BALAI_TEST_POSTGRES_URL%/*}/$PG_DB"
        ;;
    *) echo "uji-api.sh: --backend sqlite or postgres" >&2; exit 2 ;;
esac

export BALAI_DATABASE="$DB"
export BALAI_BERKAS_KUNCI_INDUK="$KERJA/kunci-induk"
export BALAI_LATIHAN_FOLDER="$KERJA/latihan"
export BALAI_LOG_LEVEL=warn
# Thousands of calls a minute with one token: the per-token limit is tested elsewhere.
export BALAI_BATAS_API_PER_MENIT=0
DESA=3325082004

"$BIN" demo --residents 150 >/dev/null
token() { "$BIN" token add --nama "$1" --wilayah 33.25 "${@:2}" | tail -n 1; }
TOKEN="$(token "Uji API" --dukcapil --kesehatan)"
TOKEN_DINSOS="$(token "Uji API Dinas Sosial" --dinsos)"
TOKEN_SINKRON="$("$BIN" sync token --desa "$DESA" | tail -n 1)"

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$BIN" serve --listen "127.0.0.1:$PORT" >"$KERJA/serve.log" 2>&1 &
PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
    curl -fsS "$URL/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "$URL/healthz" >/dev/null || { cat "$KERJA/serve.log" >&2; exit 1; }

# Real identifiers: without them most operations only meet "village not found".
cat >"$KERJA/schemathesis.toml" <<EOF
[parameters]
"path.kode" = "$DESA"
"path.tahun" = $(date +%Y)
EOF

GAGAL=0
jalankan() { # name token schemathesis-options...
    local nama="$1" tok="$2"
    shift 2
    echo "== schemathesis ($BACKEND): $nama"
    if ! "$ST" --config-file "$KERJA/schemathesis.toml" run "$URL/api/v1/openapi.json" \
        -H "Authorization: Bearer $tok" --max-examples "$CONTOH" "${SEED[@]}" \
        --exclude-checks positive_data_acceptance --warnings off --no-color "$@" \
        >"$KERJA/$nama.txt" 2>&1; then
        GAGAL=1
        cat "$KERJA/$nama.txt"
    else
        sed -n '/SUMMARY/,$p' "$KERJA/$nama.txt"
    fi
}
jalankan utama "$TOKEN" --exclude-path-regex '^/sinkron/'
jalankan dinsos "$TOKEN_DINSOS" --include-path-regex '(santunan|bantuan)'
jalankan sinkron "$TOKEN_SINKRON" --include-path-regex '^/sinkron/'

if grep -q 'panicked' "$KERJA/serve.log"; then
    echo "uji-api.sh: the server log has a panic:" >&2
    grep -B2 -A5 'panicked' "$KERJA/serve.log" >&2
    GAGAL=1
fi
if [[ $GAGAL == 0 ]]; then
    echo "API ($BACKEND): no server error and no response outside the document"
fi
exit "$GAGAL"
