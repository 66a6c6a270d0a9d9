#!/bin/bash
# Spawn -> first VRRP advert on the wire, for two builds side by side (interleaved, so machine
# load hits both alike). Each run: a private network namespace with a veth pair, tcpdump on it,
# the daemon started through a launcher with an address-owner config (priority 255: it sends at
# once), the kernel's receive timestamp of the first advert minus the spawn time, and the CPU the
# JVM used until then; then SIGTERM. RT=1 runs the daemon (not tcpdump) under SCHED_FIFO 1, which
# approximates a quiet machine when other work is running. Measures; never fails on time.
# Usage (as root): scripts/first-advert-ab.sh A_DIR B_DIR [N]
#   X_DIR holds keepalived.jar (+ keepalived.jsa) and, optionally, the launcher as keepalived
#   (default: packaging/keepalived of this checkout). Output: one line per rep, then medians.
set -euo pipefail
a=$1 b=$2 n=${3:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
conf=$(mktemp /tmp/k4j-ab.XXXXXX.conf)
cat > "$conf" <<'CONF'
vrrp_instance VI_1 {
    state MASTER
    interface ab0
    virtual_router_id 51
    priority 255
    advert_int 1
    virtual_ipaddress {
        198.51.100.100/24
    }
}
CONF
ns=k4jab$$ tp= kp=
cleanup() {
    [ -z "$kp" ] || kill -9 "$kp" 2>/dev/null || true
    [ -z "$tp" ] || kill "$tp" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    rm -f "$conf" /tmp/k4j-ab.$$.*
}
trap cleanup EXIT

once() {   # DIR -> "ms cpu_ms"
    local dir=$1 launcher=$1/keepalived cap=/tmp/k4j-ab.$$.cap
    [ -x "$launcher" ] || launcher=$here/packaging/keepalived
    ip netns add "$ns"
    ip -n "$ns" link add ab0 type veth peer name ab1
    ip -n "$ns" link set ab1 up && ip -n "$ns" link set ab0 up
    ip -n "$ns" addr add 198.51.100.1/24 dev ab0
    : > "$cap"
    ip netns exec "$ns" tcpdump -l -n -tt --immediate-mode -i ab0 'ip proto 112' > "$cap" 2>/dev/null & tp=$!
    sleep 1
    local t0 cpu t1
    t0=$(date +%s.%N)
    ${RT:+chrt -f 1} ip netns exec "$ns" env KEEPALIVED4J_JAR="$dir/keepalived.jar" "$launcher" -n -l -G \
        -f "$conf" -p "/tmp/k4j-ab.$$.p" -r "/tmp/k4j-ab.$$.r" -c "/tmp/k4j-ab.$$.c" >/dev/null 2>&1 & kp=$!
    for _ in $(seq 200); do [ -s "$cap" ] && break; sleep 0.02; done
    cpu=$(awk '{print ($14 + $15) * 10}' "/proc/$kp/stat" 2>/dev/null || echo -)
    t1=$(head -n 1 "$cap" | awk '{print $1}')
    kill -TERM "$kp" 2>/dev/null || true
    timeout 10 tail --pid="$kp" -f /dev/null || kill -9 "$kp" 2>/dev/null || true
    kp=
    kill "$tp" 2>/dev/null || true; wait "$tp" 2>/dev/null || true; tp=
    ip netns del "$ns"
    [ -n "$t1" ] && echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%d", (b - a) * 1000}') $cpu" || echo "- -"
}

ra=() rb=()
for i in $(seq "$n"); do
    x=$(once "$a"); y=$(once "$b")
    echo "rep $i  A ${x% *} ms (cpu ${x#* })  B ${y% *} ms (cpu ${y#* })"
    ra+=("${x% *}"); rb+=("${y% *}")
done
med() { printf '%s\n' "$@" | grep -v -- - | sort -n | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
echo "median A $(med "${ra[@]}") ms  B $(med "${rb[@]}") ms  (load $(cut -d' ' -f1-3 /proc/loadavg))"
