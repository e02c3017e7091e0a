#!/usr/bin/env bash
# Moving a village from OpenSID (issue 22): writes a 10,000-resident, 15,000-letter OpenSID
# dump, imports it three times into fresh SQLite databases and once again into the first (the
# repeat that must change nothing), printing time and peak memory of each run.
#   bench/opensid.sh [--penduduk N] [--surat N]
set -euo pipefail
cd "$(dirname "$0")/.."
PENDUDUK=10000
SURAT=15000
while [[ $# -gt 0 ]]; do
    case $1 in
        --penduduk) PENDUDUK=$2; shift ;;
        --surat) SURAT=$2; shift ;;
        *) echo "usage: $0 [--penduduk N] [--surat N]" >&2; exit 2 ;;
    esac
    shift
done
cargo build --release -q -p balai-bench
BENCH=target/release/balai-bench
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$BENCH" opensid-dump --penduduk "$PENDUDUK" --surat "$SURAT" -o "$WORK/opensid.sql"
for i in 1 2 3; do
    "$BENCH" --database "sqlite://$WORK/b$i.db" opensid --file "$WORK/opensid.sql" | grep '^opensid'
done
echo "# again into the first database (nothing may change):"
"$BENCH" --database "sqlite://$WORK/b1.db" opensid --file "$WORK/opensid.sql" | grep '^opensid'
