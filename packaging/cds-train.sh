#!/bin/sh
# Writes a class data sharing archive (AppCDS, dynamic) of the classes a real daemon start loads:
# the launcher runs the daemon with the training configuration cds-training-daemon.conf in a
# private network namespace (a veth pair named k4jtrain0/k4jtrain1 that exists nowhere else), it
# becomes MASTER at once (address owner), sends adverts, adds its VIP, announces it, and stops on
# SIGTERM (priority 0, VIP removed); the JVM writes the archive as it exits. Nothing outside the
# namespace is touched and the daemon's output is discarded. An archive trained this way makes
# the daemon reach its first advert ~100 ms sooner than one trained on `keepalived -t`
# (docs/benchmarks.md). Needs unshare(1) and ip(8), and root or unprivileged user namespaces.
# Exit 0 when ARCHIVE was written, 1 otherwise (the caller then trains on `-t`).
# Usage: cds-train.sh LAUNCHER ARCHIVE [DIR with cds-training-daemon.conf]
set -eu
launcher=$1
archive=$2
confdir=${3:-$(dirname "$0")}
conf=$confdir/cds-training-daemon.conf

if [ "${K4J_CDS_IN_NETNS:-}" != 1 ]; then
    command -v unshare >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 && [ -r "$conf" ] || exit 1
    userns=-r
    [ "$(id -u)" != 0 ] || userns=
    # shellcheck disable=SC2086
    K4J_CDS_IN_NETNS=1 exec timeout 120 unshare $userns -n sh "$0" "$@"
fi

# Inside the private network namespace from here on.
work=$(mktemp -d "${TMPDIR:-/tmp}/k4j-cds.XXXXXX")
trap 'rm -rf "$work"' EXIT
ip link add k4jtrain0 type veth peer name k4jtrain1
echo 0 > /proc/sys/net/ipv6/conf/k4jtrain0/accept_dad 2>/dev/null || true
ip link set k4jtrain1 up
ip link set k4jtrain0 up
ip addr add 198.51.100.1/24 dev k4jtrain0
rm -f "$archive"
KEEPALIVED4J_CDS_DUMP=$archive "$launcher" -n -l -G -f "$conf" \
    -p "$work/keepalived.pid" -r "$work/vrrp.pid" -c "$work/checkers.pid" >"$work/log" 2>&1 &
pid=$!
i=0
while [ $i -lt 300 ] && ! grep -q "Entering MASTER STATE" "$work/log" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
sleep 1    # a few adverts and the delayed gratuitous ARPs
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true
[ -s "$archive" ] || { echo "cds-train: no archive; the daemon's last lines:" >&2; tail -n 5 "$work/log" >&2; exit 1; }
grep -q "TRAIN_6) Entering MASTER STATE" "$work/log" ||
    echo "cds-train: the IPv6 instance did not become MASTER (its classes are not in the archive)" >&2
