#!/usr/bin/env bash
# Proof 3 of issue 20, crash consistency: `balai serve` killed with SIGKILL while 100 clients
# write, ROUNDS times per backend (default 20); every acknowledged write must survive, nothing
# half-written, the audit chain intact. The test command runs the same test with 2 rounds.
# Usage: bench/putus_daya.sh [ROUNDS]    (record the HASIL lines in docs/keandalan.md)
set -euo pipefail
cd "$(dirname "$0")/.."
BALAI_TEST_POSTGRES_URL="$(scripts/test.sh --only-db)"
export BALAI_TEST_POSTGRES_URL
export BALAI_UJI_PUTARAN="${1:-20}"
echo "mesin: $(nproc) inti, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F)"
cargo test --release -p balai --test putus_daya -- --nocapture --test-threads 1 2>&1 |
    grep -aE 'HASIL|test result|panicked|assertion' | sed 's/^.*HASIL/HASIL/'
