#!/bin/sh
# Run by `mvn package` (after the shade, man page and CDS steps): builds
# BUILD_DIR/keepalived4j_VERSION_all.deb with dpkg-deb (always present on Debian; files owned by
# root via --root-owner-group, so no fakeroot). Without dpkg-deb it warns and builds nothing.
# Usage: build-deb.sh VERSION BUILD_DIR       (from the project's base directory)
set -eu
version=$(printf '%s' "$1" | sed 's/-/~/g')    # 0.2.0-SNAPSHOT -> 0.2.0~SNAPSHOT (sorts before 0.2.0)
build=$2
base=$(pwd)
pkg=$base/packaging

if ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "build-deb: WARNING: dpkg-deb not found: no .deb is built (install dpkg)" >&2
    exit 0
fi
for f in "$build/keepalived.jar" "$build/man/keepalived.8" "$build/man/keepalived.conf.5"; do
    [ -s "$f" ] || { echo "build-deb: missing $f" >&2; exit 1; }
done

stage=$build/deb/keepalived4j
rm -rf "$build/deb"
umask 022
inst() { # MODE SOURCE DEST
    install -D -m "$1" "$2" "$stage/$3"
}
inst 0755 "$pkg/keepalived" usr/sbin/keepalived
inst 0644 "$build/keepalived.jar" usr/share/keepalived4j/keepalived.jar
inst 0644 "$pkg/cds-training.conf" usr/share/keepalived4j/cds-training.conf
inst 0644 "$pkg/cds-training-daemon.conf" usr/share/keepalived4j/cds-training-daemon.conf
inst 0755 "$pkg/cds-train.sh" usr/share/keepalived4j/cds-train.sh
inst 0644 "$base/systemd/keepalived.service" lib/systemd/system/keepalived.service
inst 0644 "$pkg/keepalived.conf" etc/keepalived/keepalived.conf
inst 0644 "$pkg/default/keepalived" etc/default/keepalived
for page in keepalived.8 keepalived.conf.5; do
    section=${page##*.}
    install -d "$stage/usr/share/man/man$section"
    gzip -9n < "$build/man/$page" > "$stage/usr/share/man/man$section/$page.gz"
    chmod 0644 "$stage/usr/share/man/man$section/$page.gz"
done
doc=usr/share/doc/keepalived4j
install -d "$stage/$doc"
{
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: keepalived4j"
    echo "Comment: A Java reimplementation of keepalived's behaviour; no keepalived code is used."
    echo
    echo "Files: *"
    echo "Copyright: keepalived4j developers"
    echo "License: Apache-2.0"
    echo " On Debian systems the license is also in /usr/share/common-licenses/Apache-2.0."
    echo " The full text follows."
    echo " ."
    sed -e 's/^[[:space:]]*$/./' -e 's/^/ /' "$base/LICENSE"
} > "$stage/$doc/copyright"
for d in README.md docs/compatibility.md docs/packaging.md; do
    [ ! -f "$base/$d" ] || inst 0644 "$base/$d" "$doc/$(basename "$d")"
done

install -d "$stage/DEBIAN"
for s in postinst prerm postrm; do
    inst 0755 "$pkg/debian/$s" "DEBIAN/$s"
done
inst 0644 "$pkg/debian/conffiles" DEBIAN/conffiles
inst 0644 "$pkg/debian/triggers" DEBIAN/triggers
(cd "$stage" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | LC_ALL=C sort |
    xargs md5sum) > "$stage/DEBIAN/md5sums"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@INSTALLED_SIZE@/$size/" "$pkg/debian/control.in" > "$stage/DEBIAN/control"

# Reproducible member times when the build is in git (dpkg-deb clamps to SOURCE_DATE_EPOCH).
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git -C "$base" log -1 --format=%ct 2>/dev/null || true)
    [ -z "$SOURCE_DATE_EPOCH" ] || export SOURCE_DATE_EPOCH
fi
deb=$build/keepalived4j_${version}_all.deb
rm -f "$build"/keepalived4j_*_all.deb
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "build-deb: $deb ($(wc -c < "$deb") bytes)"
