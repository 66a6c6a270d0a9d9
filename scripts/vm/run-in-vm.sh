#!/usr/bin/env bash
# Runs a shell script inside a throw-away QEMU guest that boots Debian 12's stock kernel (which has
# IPVS; the host kernel has none), and returns the script's output and exit status.
#
# usage: run-in-vm.sh [--out DIR] [--timeout SECONDS] [--cwd DIR] CMDFILE
#   CMDFILE runs with /bin/bash in the guest, chrooted into the host's root filesystem (read-only
#   9p + tmpfs overlay: host binaries such as java, ip, ipvsadm run unchanged, writes stay in the
#   guest), in --cwd (default: the current directory), with ip_vs and its schedulers loaded.
#   $K4J_VM_OUT in the guest is the run directory (DIR), shared read-write with the host.
#   Prints the guest's stdout on stdout and its stderr on stderr; exits with its status.
#   Exit 124: the run took longer than --timeout (the VM is killed); 125: the guest never
#   reported a status (boot failure, crash: the console log is printed). Both print a line
#   starting with "[k4j-vm]" on stderr, as do the timings.
# DIR (kept with --out, else a temporary directory removed at exit) holds after the run:
#   cmd stdout stderr rc      the command and what it produced (rc only when it finished)
#   console.log qemu.err      the guest console (kernel + init messages) and qemu's own errors
#   timing                    boot_ms= (qemu start -> command start) command_ms= total_ms=
# env:   KEEPALIVED4J_VM_CACHE (see prepare.sh), KEEPALIVED4J_VM_MEM (MiB, default 1024),
#        KEEPALIVED4J_VM_SMP (default 2), KEEPALIVED4J_VM_CPU (-cpu, default max: the fastest here),
#        KEEPALIVED4J_VM_TIMEOUT (seconds, default 300), KEEPALIVED4J_VM_BOOT_TIMEOUT (seconds
#        without the guest's init before qemu is killed and the guest booted once more, default 45),
#        KEEPALIVED4J_VM_DEBUG=1 (kernel messages and an init trace in console.log, printed)
# The guest has no network device at all (-nodefaults, -nic none): only namespaces, veth and
# bridges it creates itself. No KVM: TCG emulation (-accel tcg), ~10 s per boot on 2 cores.
# The qemu process is killed by pid on every way out of this script (exit, error, TERM, INT).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
OUT= TMO=${KEEPALIVED4J_VM_TIMEOUT:-300} CWD=$PWD
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=$2; shift 2;;
    --timeout) TMO=$2; shift 2;;
    --cwd) CWD=$2; shift 2;;
    --) shift; break;;
    -*) echo "run-in-vm: unknown option $1" >&2; exit 2;;
    *) break;;
  esac
done
case "$TMO" in ''|*[!0-9]*) echo "run-in-vm: --timeout takes whole seconds" >&2; exit 2;; esac
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: $0 [--out DIR] [--timeout SECONDS] [--cwd DIR] CMDFILE" >&2; exit 2; }
CMDFILE=$1
MEM=${KEEPALIVED4J_VM_MEM:-1024} SMP=${KEEPALIVED4J_VM_SMP:-2} DEBUG=${KEEPALIVED4J_VM_DEBUG:-0}
log() { echo "[k4j-vm] $*" >&2; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

command -v qemu-system-x86_64 >/dev/null || { log "qemu-system-x86_64 not installed (apt-get install qemu-system-x86)"; exit 125; }
# A no-op when the cache is ready (it is bounded by its own time-outs otherwise); not counted below.
BUILD=$("$HERE/prepare.sh") || { log "prepare.sh failed"; exit 125; }
T0=$(now_ms)
BUILD=$(readlink -f "$BUILD")
KERNEL=$BUILD/vmlinux; [ -f "$KERNEL" ] || KERNEL=$BUILD/vmlinuz   # uncompressed ELF (PVH entry): faster

QPID= KEEP=1
if [ -z "$OUT" ]; then OUT=$(mktemp -d /tmp/k4j-vm.XXXXXX); KEEP=0; fi
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
kill_qemu() {  # by pid: TERM, 3 s, KILL; then reap it
  if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then
    kill -TERM "$QPID" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$QPID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$QPID" 2>/dev/null || true
  fi
  [ -z "$QPID" ] || wait "$QPID" 2>/dev/null || true
  QPID=
}
cleanup() { kill_qemu; [ "$KEEP" = 1 ] || rm -rf "$OUT"; }
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT
trap 'exit 129' HUP

rm -f "$OUT"/{rc,rc.tmp,stdout,stderr,started,guest-*,init-error,console.log,qemu.err,timing,timeout}
cp "$CMDFILE" "$OUT/cmd"
printf '%s' "$OUT" > "$OUT/out-path"
printf '%s' "$CWD" > "$OUT/cwd"
echo $(( TMO + 5 )) > "$OUT/timeout"   # the guest's own watchdog, a backstop for this script's

APPEND="console=ttyS0 panic=-1 rdinit=/init mitigations=off nokaslr tsc=reliable no_timer_check 8250.nr_uarts=1"
if [ "$DEBUG" = 1 ]; then APPEND="$APPEND k4jdebug loglevel=7"; else APPEND="$APPEND quiet loglevel=1"; fi
start_qemu() {
  rm -f "$OUT/started" "$OUT/console.log" "$OUT/qemu.err"
  qemu-system-x86_64 -name k4j-vm -machine pc -accel tcg -cpu "${KEEPALIVED4J_VM_CPU:-max}" -m "$MEM" -smp "$SMP" \
    -nodefaults -no-user-config -display none -monitor none -nic none -no-reboot \
    -serial "file:$OUT/console.log" \
    -kernel "$KERNEL" -initrd "$BUILD/initramfs.cpio" -append "$APPEND" \
    -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
    -virtfs "local,path=${OUT//,/,,},mount_tag=ctl,security_model=none,multidevs=remap" \
    < /dev/null > /dev/null 2> "$OUT/qemu.err" &
  QPID=$!
  TA=$(now_ms)
}

# A guest that has not reached its init (no "started" marker) BOOT_TMO s after qemu started is
# taken for a boot hang of the emulator (seen once in ~200 boots under TCG: empty console, no
# init) and booted once more, inside the same overall --timeout.
BOOT_TMO=${KEEPALIVED4J_VM_BOOT_TIMEOUT:-45}
DEADLINE=$(( T0 + TMO * 1000 )) BOOT= TIMEDOUT=0 ATTEMPT=1
start_qemu
while kill -0 "$QPID" 2>/dev/null; do
  if [ -z "$BOOT" ] && [ -e "$OUT/started" ]; then BOOT=$(( $(now_ms) - T0 )); fi
  if [ "$(now_ms)" -ge "$DEADLINE" ]; then TIMEDOUT=1; break; fi
  if [ -z "$BOOT" ] && [ "$ATTEMPT" = 1 ] && [ $(( $(now_ms) - TA )) -ge $(( BOOT_TMO * 1000 )) ] &&
     [ $(( DEADLINE - $(now_ms) )) -ge 30000 ]; then
    log "the guest did not reach its init within ${BOOT_TMO} s (emulator boot hang): qemu killed, booting again"
    kill_qemu
    ATTEMPT=2
    start_qemu
  fi
  sleep 0.1
done
kill_qemu   # only still running after a time-out; reaps it in any case
T1=$(now_ms)
[ -n "$BOOT" ] || { [ -e "$OUT/started" ] && BOOT=$(( T1 - T0 )); } || true
CMD_MS=
if [ -f "$OUT/guest-start" ] && [ -f "$OUT/guest-end" ]; then
  CMD_MS=$(awk -v a="$(cat "$OUT/guest-start")" -v b="$(cat "$OUT/guest-end")" 'BEGIN{printf "%d", (b-a)*1000}')
fi
printf 'boot_ms=%s\ncommand_ms=%s\ntotal_ms=%s\n' "${BOOT:-}" "$CMD_MS" $(( T1 - T0 )) > "$OUT/timing"

[ -f "$OUT/stdout" ] && cat "$OUT/stdout"
[ -f "$OUT/stderr" ] && cat "$OUT/stderr" >&2
grep -v -e "host doesn't support requested feature" "$OUT/qemu.err" >&2 || true
if [ "$DEBUG" = 1 ] || [ ! -f "$OUT/rc" ]; then
  log "guest console ($OUT/console.log), last 60 lines:"
  tail -n 60 "$OUT/console.log" 2>/dev/null | tr -d '\r' >&2 || true
fi
log "kernel $(cat "$BUILD/kver"), boot ${BOOT:-?} ms, command ${CMD_MS:-?} ms, total $(( T1 - T0 )) ms"
if [ "$TIMEDOUT" = 1 ]; then log "TIMEOUT after ${TMO} s: qemu killed"; exit 124; fi
if [ ! -f "$OUT/rc" ]; then
  log "the guest did not report an exit status$( [ -f "$OUT/init-error" ] && echo ": $(cat "$OUT/init-error")")"
  exit 125
fi
exit "$(cat "$OUT/rc")"
