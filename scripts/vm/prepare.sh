#!/usr/bin/env bash
# Prepares, once, what the IPVS test VM boots: Debian 12's stock kernel (it has IPVS as modules;
# the host kernel of our CI machines has none) and a small busybox initramfs whose /init is
# scripts/vm/guest-init.sh. Everything is cached outside the build tree:
#
#   ${KEEPALIVED4J_VM_CACHE:-/var/cache/keepalived4j-vm}/
#     debs/                 linux-image-<abi>-amd64_<version>_amd64.deb (kept: rebuilds need no network)
#     build-<key>/          vmlinuz (+ vmlinux, uncompressed), initramfs.cpio, kver, modules (the preloaded ones), READY
#     current -> build-<key>
#
# <key> hashes the kernel .deb, busybox, guest-init.sh and the module list, so editing the guest
# init or the list rebuilds the initramfs (seconds) without downloading anything again.
#
# usage: prepare.sh           prepare if needed (downloads ~70 MB the first time), print the build dir
#        prepare.sh --check   exit 0 when the cache is ready for the current key, 1 otherwise (offline)
#        prepare.sh --refresh re-resolve linux-image-amd64 (apt-get update; newer kernel if any)
# env:   KEEPALIVED4J_VM_CACHE       cache directory (default /var/cache/keepalived4j-vm)
#        KEEPALIVED4J_VM_KERNEL_DEB  use this linux-image .deb instead of downloading one
#        KEEPALIVED4J_VM_MODULES     extra module names to put in the initramfs and preload
# needs: bash, apt-get + dpkg-deb (Debian), a statically linked busybox (the host's
#        /bin/busybox from busybox-static, else the busybox-static .deb is downloaded). Root only
#        for the default cache directory and for apt-get update/download.
# Every network step is bounded by `timeout`; concurrent runs serialise on a lock (flock).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${KEEPALIVED4J_VM_CACHE:-/var/cache/keepalived4j-vm}
FORMAT=1   # bump when the layout of a build directory changes
MODULES="crc32c_generic libcrc32c virtio_pci 9pnet_virtio 9p overlay
  nf_conntrack ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_lblc ip_vs_lblcr ip_vs_dh ip_vs_sh
  ip_vs_sed ip_vs_nq ip_vs_fo ip_vs_ovf ip_vs_mh veth bridge dummy macvlan ${KEEPALIVED4J_VM_MODULES:-}"
MODE=prepare
case "${1:-}" in
  --check) MODE=check;;
  --refresh) MODE=refresh;;
  "") ;;
  *) echo "usage: $0 [--check|--refresh]" >&2; exit 2;;
esac
log() { echo "[k4j-vm prepare] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

if [ "$MODE" = check ]; then
  # Offline and lock-free: the key needs the kernel .deb and busybox we would use.
  [ -d "$CACHE/debs" ] || exit 1
else
  mkdir -p "$CACHE/debs" 2>/dev/null || die "cannot create $CACHE (set KEEPALIVED4J_VM_CACHE or run as root)"
  exec 9>"$CACHE/.lock"
  flock -w 900 9 || die "another prepare.sh holds $CACHE/.lock for more than 15 min"
fi

# ---- the kernel package ------------------------------------------------------------------
kernel_deb() {  # newest cached linux-image .deb, or empty
  ls -t "$CACHE"/debs/linux-image-*_amd64.deb 2>/dev/null | head -1 || true
}
apt_download() {  # $1 = package; into $CACHE/debs (the _apt sandbox user cannot write there: warning filtered)
  ( cd "$CACHE/debs" && timeout 600 apt-get download "$1" 2>&1 | grep -v 'unsandboxed as root' >&2 ) || true
}
DEB=${KEEPALIVED4J_VM_KERNEL_DEB:-}
if [ -z "$DEB" ]; then
  DEB=$(kernel_deb)
  if [ "$MODE" = check ]; then
    [ -n "$DEB" ] || exit 1
  elif [ -z "$DEB" ] || [ "$MODE" = refresh ]; then
    command -v apt-get >/dev/null || die "apt-get not found: set KEEPALIVED4J_VM_KERNEL_DEB to a Debian 12 linux-image .deb"
    resolve() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}'; }
    KPKG=$(resolve)
    if [ -z "$KPKG" ] || [ "$MODE" = refresh ]; then
      log "apt-get update (to find linux-image-amd64's kernel)"
      timeout 600 apt-get update -qq >&2 || die "apt-get update failed"
      KPKG=$(resolve)
    fi
    [ -n "$KPKG" ] || die "apt-cache knows no linux-image-amd64 (not Debian 12 amd64?)"
    log "downloading $KPKG (~70 MB, once)"
    apt_download "$KPKG"
    DEB=$(ls -t "$CACHE"/debs/"$KPKG"_*_amd64.deb 2>/dev/null | head -1 || true)
    [ -n "$DEB" ] || die "apt-get download $KPKG failed"
    find "$CACHE/debs" -name 'linux-image-*.deb' ! -name "$(basename "$DEB")" -delete
  fi
fi
[ -f "$DEB" ] || die "no kernel package: $DEB"

# ---- a statically linked busybox (it runs as /init before any library exists) --------------
is_static() { [ -x "$1" ] && ! LC_ALL=C ldd "$1" >/dev/null 2>&1; }
BB=
for b in /bin/busybox /usr/bin/busybox "$CACHE/busybox"; do
  if is_static "$b"; then BB=$b; break; fi
done
if [ -z "$BB" ]; then
  [ "$MODE" = check ] && exit 1
  log "host busybox is missing or dynamic: downloading busybox-static"
  apt_download busybox-static
  BDEB=$(ls -t "$CACHE"/debs/busybox-static_*.deb 2>/dev/null | head -1 || true)
  [ -n "$BDEB" ] || die "apt-get download busybox-static failed"
  dpkg-deb --fsys-tarfile "$BDEB" | tar -x -O ./bin/busybox > "$CACHE/busybox.tmp"
  chmod 755 "$CACHE/busybox.tmp" && mv "$CACHE/busybox.tmp" "$CACHE/busybox"
  BB=$CACHE/busybox
fi

# ---- the cache key --------------------------------------------------------------------------
KEY=$( { echo "format $FORMAT"; basename "$DEB"; stat -c %s "$DEB"; sha256sum < "$BB";
         sha256sum < "$HERE/guest-init.sh"; sha256sum < "$HERE/prepare.sh"; echo $MODULES; } | sha256sum | cut -c1-16)
BUILD=$CACHE/build-$KEY
prune() {  # other builds: kept 10 minutes, a VM started just before a rebuild may still be reading one
  find "$CACHE" -maxdepth 1 \( -name 'build-*' ! -name "build-$KEY" -o -name 'tmp.*' \) -mmin +10 \
    -exec rm -rf {} + 2>/dev/null || true
}
if [ -f "$BUILD/READY" ]; then
  [ "$MODE" = check ] && exit 0
  [ "$(readlink "$CACHE/current" 2>/dev/null)" = "build-$KEY" ] || ln -sfn "build-$KEY" "$CACHE/current"
  prune; echo "$BUILD"; exit 0
fi
[ "$MODE" = check ] && exit 1

# ---- build: extract the subset, resolve module dependencies, pack the initramfs -------------
T=$(mktemp -d "$CACHE/tmp.XXXXXX")
trap 'rm -rf "$T"' EXIT
start=$(date +%s%N)
dpkg-deb --fsys-tarfile "$DEB" | tar -x -C "$T" --wildcards './boot/vmlinuz-*' './boot/config-*' './lib/modules/*/modules.*' \
  './lib/modules/*/kernel/net/*' './lib/modules/*/kernel/fs/*' './lib/modules/*/kernel/crypto/*' \
  './lib/modules/*/kernel/lib/*' './lib/modules/*/kernel/drivers/virtio/*' './lib/modules/*/kernel/drivers/net/*'
KVER=$(ls "$T/lib/modules")
[ -n "$KVER" ] && [ -f "$T/boot/vmlinuz-$KVER" ] || die "unexpected layout in $DEB"
"$BB" depmod -b "$T" "$KVER"
MD=$T/lib/modules/$KVER

declare -A PATHOF DONE
while read -r p _; do p=${p%:}; n=${p##*/}; n=${n%.ko}; PATHOF[${n//-/_}]=$p; done < "$MD/modules.dep"
declare -A DEPS
while IFS=: read -r p d; do DEPS[$p]=$d; done < "$MD/modules.dep"
ORDER=()
add() {  # depth first: a module's dependencies before the module
  local p=$1 d
  [ -n "${DONE[$p]:-}" ] && return 0
  DONE[$p]=1
  for d in ${DEPS[$p]}; do add "$d"; done
  ORDER+=("$p")
}
for m in $MODULES; do
  m=${m//-/_}
  if [ -n "${PATHOF[$m]:-}" ]; then add "${PATHOF[$m]}"
  elif grep -q "/${m//_/[-_]}.ko\$" "$MD/modules.builtin"; then :   # built into this kernel
  else die "module $m is neither in $(basename "$DEB") nor built in"; fi
done

IR=$T/initramfs
mkdir -p "$IR"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,host,ctl,ovl,newroot,etc/k4j-vm,lib/modules/$KVER}
cp "$BB" "$IR/bin/busybox"; ln -s busybox "$IR/bin/sh"   # the shebang of /init
cp "$HERE/guest-init.sh" "$IR/init"; chmod 755 "$IR/init"
for p in "${ORDER[@]}"; do mkdir -p "$IR/lib/modules/$KVER/${p%/*}"; cp "$MD/$p" "$IR/lib/modules/$KVER/$p"; done
cp "$MD"/modules.builtin* "$MD/modules.order" "$IR/lib/modules/$KVER/"
"$BB" depmod -b "$IR" "$KVER"   # modules.dep for busybox modprobe, in the guest and for request_module()
for p in "${ORDER[@]}"; do   # "path [parameters]": no dummy0 appears by itself
  case "$p" in */dummy.ko) echo "$p numdummies=0";; *) echo "$p";; esac
done > "$IR/etc/k4j-vm/preload"

mkdir -p "$T/out"
( cd "$IR" && "$BB" find . | "$BB" cpio -o -H newc 2>/dev/null ) > "$T/out/initramfs.cpio"
cp "$T/boot/vmlinuz-$KVER" "$T/out/vmlinuz"
# Under TCG the bzImage spends ~2-3 s decompressing itself (xz). With CONFIG_PVH qemu boots the
# uncompressed ELF directly: cut out the xz stream and decompress it here, once (~1 s).
if grep -q '^CONFIG_PVH=y' "$T/boot/config-$KVER" && command -v xz >/dev/null; then
  off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$T/out/vmlinuz" | head -1 | cut -d: -f1 || true)
  # (process substitution: tail's SIGPIPE when xz stops after the stream is no failure)
  if [ -n "$off" ] && xz -dc --single-stream < <(tail -c +$((off + 1)) "$T/out/vmlinuz") > "$T/out/vmlinux" 2>/dev/null \
     && [ "$(head -c 4 "$T/out/vmlinux" | od -An -c | tr -d ' ')" = '177ELF' ]; then :
  else rm -f "$T/out/vmlinux"; log "could not extract an uncompressed vmlinux: booting the bzImage (slower)"; fi
fi
echo "$KVER" > "$T/out/kver"
printf '%s\n' "${ORDER[@]##*/}" > "$T/out/modules"
basename "$DEB" > "$T/out/kernel-deb"
touch "$T/out/READY"
rm -rf "$BUILD"; mv "$T/out" "$BUILD"
ln -sfn "build-$KEY" "$CACHE/current"
prune
log "built $BUILD: kernel $KVER, ${#ORDER[@]} modules, initramfs $(( $(stat -c %s "$BUILD/initramfs.cpio") / 1024 )) KiB," \
    "$(( ($(date +%s%N) - start) / 1000000 )) ms"
echo "$BUILD"
