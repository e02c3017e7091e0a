#!/usr/bin/env bash
# Package test: builds the .deb around the debug binary, installs it with dpkg into a fresh
# Debian 12 (bookworm) chroot made by debootstrap, checks what the package laid down, starts
# the service binary as the systemd unit would (user balai, /var/lib/balai, the packaged
# configuration on port 8080; there is no systemd in a chroot), and runs e2e/paket.mjs in
# Chromium against it: the setup wizard, a resident, a letter signed by the head of village.
# Then it upgrades the package in place (the database migrated first) and checks that a package
# over a database of a newer schema is refused and undone, the data untouched.
#
# Needs root (chroot, mount) and debootstrap; scripts/test.sh installs it and calls this.
# Usage: scripts/uji-paket.sh BALAI_BIN
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BIN="${1:?usage: scripts/uji-paket.sh BALAI_BIN}"
PORT=8080
MIRROR="${BALAI_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

DEB="$(scripts/paket-deb.sh --bin "$BIN")"
C="$(mktemp -d /tmp/balai-uji-paket.XXXXXX)"
chmod 0755 "$C" # the root of the chroot: mktemp makes it 0700
PID=""
bersihkan() {
    if [[ -n $PID ]]; then kill "$PID" 2>/dev/null || true; sleep 1; fi
    pkill -f "$C/usr/bin/balai" 2>/dev/null || true
    umount "$C/proc" 2>/dev/null || true
    rm -rf "$C"
}
trap bersihkan EXIT
[[ ${BALAI_UJI_SIMPAN:-0} == 1 ]] && trap - EXIT

echo "debootstrap bookworm (minbase) into $C" >&2
debootstrap --variant=minbase bookworm "$C" "$MIRROR" >"$C.log" 2>&1 || {
    tail -20 "$C.log" >&2
    exit 1
}
rm -f "$C.log"
mount -t proc proc "$C/proc"
cp "$DEB" "$C/tmp/balai.deb"
# As the guide says to install it (apt resolves the dependencies from what is installed; nothing
# is downloaded). The reinstalls below use dpkg: apt skips a package of the same version.
chroot "$C" sh -c 'cd /tmp && DEBIAN_FRONTEND=noninteractive apt install -y ./balai.deb' >"$C/apt.log" 2>&1 || {
    cat "$C/apt.log" >&2
    exit 1
}

# What the package laid down.
gagal() { echo "uji-paket: $*" >&2; exit 1; }
chroot "$C" getent passwd balai | grep -q ':/var/lib/balai:/usr/sbin/nologin$' || gagal "no system user balai"
[[ "$(chroot "$C" stat -c '%U:%G %a' /var/lib/balai)" == "balai:balai 750" ]] || gagal "/var/lib/balai is not balai:balai 0750"
[[ "$(chroot "$C" stat -c '%U:%G %a' /etc/balai/balai.toml)" == "root:balai 640" ]] || gagal "/etc/balai/balai.toml is not root:balai 0640"
grep -q '^ExecStart=/usr/bin/balai serve --config /etc/balai/balai.toml$' "$C/lib/systemd/system/balai.service" ||
    gagal "the unit does not start /usr/bin/balai with the packaged configuration"
grep -q '^ProtectSystem=strict$' "$C/lib/systemd/system/balai.service" || gagal "the unit is not hardened"
chroot "$C" dpkg-query -W -f='${Status}\n' balai | grep -q 'install ok installed' || gagal "dpkg does not list balai as installed"

# The service as its unit runs it.
LOG="$(mktemp)"
chroot "$C" runuser -u balai -- sh -c 'cd /var/lib/balai && exec /usr/bin/balai serve --config /etc/balai/balai.toml' >"$LOG" 2>&1 &
PID=$!
for _ in $(seq 1 60); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 1
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$LOG" >&2; gagal "/healthz did not answer on port $PORT"; }
KODE="$(grep -o 'kode penyiapan [A-Z0-9]\{4\}-[A-Z0-9]\{4\}-[A-Z0-9]\{4\}' "$LOG" | head -1 | awk '{print $3}')"
[[ -n $KODE ]] || { cat "$LOG" >&2; gagal "the service printed no setup code"; }
[[ -f $C/var/lib/balai/balai.db ]] || gagal "no database in /var/lib/balai"
(cd e2e && BALAI_URL="http://127.0.0.1:$PORT" BALAI_KODE_PENYIAPAN="$KODE" node --test --test-concurrency=1 paket.mjs)
# Everything the service wrote stayed in its data folder, owned by it.
[[ -z "$(chroot "$C" find /var/lib/balai ! -user balai)" ]] || gagal "files in /var/lib/balai not owned by balai"

# Upgrade: installing the package again (as an upgrade from the same version) migrates
# before the service comes back, and cleans up after itself.
kill "$PID"
wait "$PID" 2>/dev/null || true
PID=""
chroot "$C" dpkg -i /tmp/balai.deb 2>&1 | tee "$LOG"
grep -q 'Skema basis data mutakhir' "$LOG" || gagal "the upgrade did not migrate the database"
[[ ! -e $C/var/lib/balai/balai.sebelumnya ]] || gagal "the previous program was left behind"
# A database of a newer schema (as after a downgrade): the upgrade is refused and undone.
python3 - "$C/var/lib/balai/balai.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("INSERT INTO skema_versi (versi, nama, diterapkan_pada) VALUES (9999, 'masa_depan', '2030-01-01')")
c.commit()
PY
if chroot "$C" dpkg -i /tmp/balai.deb >"$LOG" 2>&1; then
    cat "$LOG" >&2
    gagal "a package over a database of a newer schema was not refused"
fi
grep -q 'berskema 9999' "$LOG" || { cat "$LOG" >&2; gagal "the refusal does not name the newer schema"; }
grep -q 'Pembaruan Balai dibatalkan' "$LOG" || { cat "$LOG" >&2; gagal "the refusal does not say the upgrade was undone"; }
[[ -x $C/usr/bin/balai ]] || gagal "no program left after the refused upgrade"
python3 - "$C/var/lib/balai/balai.db" <<'PY' || gagal "the data changed after the refused upgrade"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
assert c.execute("SELECT nama FROM desa WHERE desa_id = '3325082004'").fetchone()[0] == 'Donorejo'
assert c.execute("SELECT MAX(versi) FROM skema_versi").fetchone()[0] == 9999
PY
rm -f "$LOG"
echo "uji-paket: $(basename "$DEB") installed in Debian 12, served, set up in the browser, issued a letter, upgraded, refused over a newer database"
