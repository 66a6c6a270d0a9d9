#!/bin/sh
# /init of the keepalived4j test VM (PID 1, busybox ash; prepare.sh packs it into the initramfs).
#
# 1. loads the preloaded modules (ip_vs and its schedulers, 9p, overlay, veth, bridge, ...);
# 2. mounts two 9p shares: "hostroot" = the host's / read-only, "ctl" = the run's directory on
#    the host, read-write (the command file comes in, stdout/stderr/rc go out);
# 3. builds a writable root: overlayfs (lower = host root, upper = tmpfs), fresh /proc /sys /dev
#    /run, the guest kernel's modules at /lib/modules/$(uname -r), busybox modprobe/lsmod first
#    on PATH, the ctl share again at its host path ($K4J_VM_OUT), lo up;
# 4. runs the command with bash, chrooted into that root, in the host's working directory, with
#    stdout -> ctl/stdout, stderr -> ctl/stderr, then its status -> ctl/rc (written atomically);
# 5. powers off (also after ctl/timeout seconds, in case the host side is gone) (reboot -f; qemu runs with -no-reboot, so this ends qemu). If /init itself died,
#    the kernel panics, panic=-1 reboots, and qemu exits just the same.
# The console (ttyS0 -> console.log on the host) only carries these "k4j-vm:" lines and kernel
# messages; nothing the host relies on.
PATH=/bin:/sbin:/usr/bin:/usr/sbin
export PATH
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
grep -q k4jdebug /proc/cmdline && set -x

say() { echo "k4j-vm: $*" > /dev/console; }
finish() { sync; reboot -f; sleep 5; poweroff -f; }
fail() {
  say "FATAL: $*"
  [ -w /ctl ] && echo "$*" >> /ctl/init-error
  finish
}

KVER=$(uname -r)
while read -r m args; do
  insmod "/lib/modules/$KVER/$m" $args || say "insmod $m failed"
done < /etc/k4j-vm/preload

O9P=trans=virtio,version=9p2000.L,msize=512000
mount -t 9p -o "$O9P" ctl /ctl || fail "cannot mount the ctl share"
mount -t 9p -o "$O9P,ro,cache=loose" hostroot /host || fail "cannot mount the host root"
cut -d' ' -f1 /proc/uptime > /ctl/guest-mounted
OUT=$(cat /ctl/out-path)
CWD=$(cat /ctl/cwd)
# Guest-side watchdog: bounds the run even if the host-side runner died without killing qemu.
TMO=$(cat /ctl/timeout 2>/dev/null || echo 600)
( sleep "$TMO"; say "watchdog: ${TMO} s elapsed, powering off"; finish ) &

mount -t tmpfs -o mode=755 tmpfs /ovl || fail "tmpfs"
mkdir -p /ovl/upper /ovl/work
mount -t overlay overlay -o lowerdir=/host,upperdir=/ovl/upper,workdir=/ovl/work /newroot \
  || fail "overlayfs over the 9p host root"
R=/newroot
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t devtmpfs devtmpfs $R/dev
mkdir -p $R/dev/pts $R/dev/shm
mount -t devpts -o newinstance,ptmxmode=0666 devpts $R/dev/pts
mount -t tmpfs tmpfs $R/dev/shm
mount -t tmpfs -o mode=755 tmpfs $R/run   # not the host's pid files, sockets, netns mounts
mkdir -p $R/run/lock $R/run/netns
mkdir -p "$R/lib/modules/$KVER" && mount --bind "/lib/modules/$KVER" "$R/lib/modules/$KVER"
mkdir -p "$R$OUT" && mount --bind /ctl "$R$OUT" || fail "bind $OUT"
# The host may have no kmod at all (our CI host kernel has no modules): busybox's modprobe reads
# the modules.dep that prepare.sh generated, so `modprobe ip_vs` works in the command.
mkdir -p $R/usr/local/sbin
cp /bin/busybox $R/usr/local/sbin/k4j-busybox
for a in modprobe lsmod rmmod insmod modinfo; do ln -sf k4j-busybox "$R/usr/local/sbin/$a"; done
hostname k4j-vm
ip link set lo up   # IPVS refuses real servers ("address not unicast") while lo is down

cut -d' ' -f1 /proc/uptime > /ctl/guest-start
: > /ctl/started
chroot $R /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  HOME=/root TERM=dumb LANG=C.UTF-8 K4J_VM=1 K4J_VM_OUT="$OUT" \
  /bin/bash -c 'cd "$1" || exit 125; exec /bin/bash "$2"' k4j-vm "$CWD" "$OUT/cmd" \
  < /dev/null > /ctl/stdout 2> /ctl/stderr
echo $? > /ctl/rc.tmp
cut -d' ' -f1 /proc/uptime > /ctl/guest-end
mv /ctl/rc.tmp /ctl/rc
finish
