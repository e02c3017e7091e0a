#!/usr/bin/env bash
# Builds the Debian package of Balai: target/paket/balai_VERSION_ARCH.deb.
#
# The package installs /usr/bin/balai, the hardened systemd unit (enabled and started where
# systemd runs), /etc/balai/balai.toml (a conffile: one village on SQLite in /var/lib/balai,
# port 8080, daily backups) and the operator guides; its postinst makes the `balai` system
# user and the data folder. The first visit in a browser opens the setup wizard.
#
# Usage: scripts/paket-deb.sh [--bin PATH] [--arch ARCH]
#   --bin PATH   package this binary instead of building `cargo build --release -p balai`
#   --arch ARCH  Debian architecture of the binary (default: this machine's, dpkg --print-architecture)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

BIN=""
ARCH="$(dpkg --print-architecture)"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --bin) BIN="$2"; shift 2 ;;
        --arch) ARCH="$2"; shift 2 ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "paket-deb.sh: unknown argument: $1 (try --help)" >&2; exit 2 ;;
    esac
done
if [[ -z $BIN ]]; then
    cargo build --release -p balai >&2
    BIN="${CARGO_TARGET_DIR:-target}/release/balai"
fi
[[ -x $BIN ]] || { echo "paket-deb.sh: $BIN is not an executable" >&2; exit 1; }

VERSI="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)"
KELUAR="$ROOT/target/paket"
AKAR="$KELUAR/balai_${VERSI}_${ARCH}"
rm -rf "$AKAR"
install -d "$AKAR/DEBIAN" "$AKAR/usr/bin" "$AKAR/lib/systemd/system" "$AKAR/etc/balai" \
    "$AKAR/usr/share/doc/balai"
install -m 0755 "$BIN" "$AKAR/usr/bin/balai"
# The one unit of docs/, with the packaged program's path.
sed 's|/usr/local/bin/balai|/usr/bin/balai|g' docs/balai.service >"$AKAR/lib/systemd/system/balai.service"
chmod 0644 "$AKAR/lib/systemd/system/balai.service"
install -m 0640 packaging/deb/balai.toml "$AKAR/etc/balai/balai.toml"
install -m 0644 docs/pemasangan.md docs/panduan-operator.md "$AKAR/usr/share/doc/balai/"
cat >"$AKAR/usr/share/doc/balai/copyright" <<'HAK'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: balai

Files: *
Copyright: Pengembang Balai
License: AGPL-3.0-or-later
 The full text of the GNU Affero General Public License version 3 is at
 https://www.gnu.org/licenses/agpl-3.0.html
HAK
for s in preinst postinst prerm postrm; do install -m 0755 "packaging/deb/$s" "$AKAR/DEBIAN/$s"; done
echo /etc/balai/balai.toml >"$AKAR/DEBIAN/conffiles"
UKURAN="$(du -sk --exclude=DEBIAN "$AKAR" | cut -f1)"
cat >"$AKAR/DEBIAN/control" <<KONTROL
Package: balai
Version: $VERSI
Architecture: $ARCH
Maintainer: Pengembang Balai <balai@localhost>
Installed-Size: $UKURAN
Depends: libc6 (>= 2.34), passwd
Section: web
Priority: optional
Description: sistem informasi desa: layanan surat, kependudukan dan transparansi
 Balai menjalankan pelayanan publik desa secara digital: surat dari kantor desa, anjungan
 atau ponsel; data penduduk dan keluarga; keuangan desa; situs desa; dan sinkron dengan
 server kabupaten. Satu program dengan SQLite untuk satu desa, atau PostgreSQL untuk satu
 kabupaten. Sesudah dipasang, buka http://alamat-server:8080 untuk penyiapan pertama.
KONTROL
dpkg-deb --root-owner-group --build "$AKAR" "$KELUAR/balai_${VERSI}_${ARCH}.deb" >&2
echo "$KELUAR/balai_${VERSI}_${ARCH}.deb"
