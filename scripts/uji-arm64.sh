#!/usr/bin/env bash
# arm64 smoke test: cross-compiles `balai` for aarch64 (Debian's cross gcc as linker and C
# compiler), packages it as balai_VERSION_arm64.deb, and starts it under qemu-user on a fresh
# SQLite database until /healthz answers. Mini-PCs and single-board computers serve villages.
#
# Usage: scripts/uji-arm64.sh   (needs the aarch64-unknown-linux-gnu Rust target, gcc-aarch64-linux-gnu,
# libc6-dev-arm64-cross and qemu-user; scripts/test.sh installs them)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET=aarch64-unknown-linux-gnu
export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
export AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar
cargo build -p balai --target "$TARGET"
BIN="${CARGO_TARGET_DIR:-target}/$TARGET/debug/balai"
file "$BIN" | grep -q 'ARM aarch64' || { echo "uji-arm64: $BIN is not an aarch64 program" >&2; exit 1; }

DEB="$(scripts/paket-deb.sh --bin "$BIN" --arch arm64)"
dpkg-deb -f "$DEB" Architecture | grep -qx arm64 || { echo "uji-arm64: $DEB is not arm64" >&2; exit 1; }

D="$(mktemp -d)"
PORT=18180
qemu-aarch64 -L /usr/aarch64-linux-gnu "$BIN" serve --listen "127.0.0.1:$PORT" --database "sqlite://$D/balai.db" >"$D/log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$D"' EXIT
for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 1
done
JAWAB="$(curl -fsS "http://127.0.0.1:$PORT/healthz")" || { cat "$D/log" >&2; echo "uji-arm64: /healthz did not answer" >&2; exit 1; }
[[ $JAWAB == ok ]] || { echo "uji-arm64: /healthz said: $JAWAB" >&2; exit 1; }
grep -q 'kode penyiapan' "$D/log" || { cat "$D/log" >&2; echo "uji-arm64: no setup code printed" >&2; exit 1; }
echo "uji-arm64: $(basename "$DEB") built; the aarch64 program answers /healthz under qemu-user"
