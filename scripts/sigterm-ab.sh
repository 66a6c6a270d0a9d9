#!/bin/bash
# kill -TERM -> the priority-0 advert on the wire, keepalived4j (through its launcher) against
# keepalived 2.2.7, interleaved so that machine load hits both alike. Each run: a private network
# namespace with a veth pair, tcpdump on the peer end, the daemon as address owner (priority 255,
# MASTER at once), 1.3 s after its first advert `kill -TERM` (time stamped just before), the
# kernel's receive time stamp of the first advert with priority 0; then cleanup. Measures; never
# fails on time. Usage (as root): scripts/sigterm-ab.sh [N] [BUILD_DIR]  (BUILD_DIR holds
# keepalived.jar and keepalived.jsa; default target/ of this checkout).
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-8}
build=${2:-$here/target}
conf=$(mktemp /tmp/k4j-term.XXXXXX.conf)
cat > $conf <<'CONF'
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
ns=k4jterm$$ kp= tp=
cleanup() {
  [ -z "$kp" ] || kill -9 "$kp" 2>/dev/null
  [ -z "$tp" ] || kill "$tp" 2>/dev/null
  ip netns del $ns 2>/dev/null
  rm -f "$conf" /tmp/term-ab.$$.*
}
trap cleanup EXIT
once() {
  local who=$1 cap=/tmp/term-ab.$$.cap
  ip netns add $ns; ip -n $ns link add ab0 type veth peer name ab1; ip -n $ns link set ab1 up; ip -n $ns link set ab0 up
  ip -n $ns addr add 198.51.100.1/24 dev ab0
  : > $cap
  ip netns exec $ns tcpdump -l -n -tt -v --immediate-mode -i ab1 'ip proto 112' > $cap 2>/dev/null & tp=$!
  sleep 0.5
  if [ $who = ours ]; then
    ip netns exec $ns env KEEPALIVED4J_JAR=$build/keepalived.jar $here/packaging/keepalived -n -l -G -f $conf -p /tmp/term-ab.$$.p -r /tmp/term-ab.$$.r -c /tmp/term-ab.$$.c >/dev/null 2>&1 & kp=$!
  else
    ip netns exec $ns keepalived -n -l -G -P -f $conf -p /tmp/term-ab.$$.p -r /tmp/term-ab.$$.r >/dev/null 2>&1 & kp=$!
  fi
  for _ in $(seq 100); do grep -q "prio 255" $cap && break; sleep 0.05; done
  sleep 1.3
  local t0=$(date +%s.%N)
  kill -TERM $kp
  for _ in $(seq 100); do grep -q "prio 0" $cap && break; sleep 0.02; done
  local t1=$(grep -m1 "prio 0" -B1 $cap | head -1 | awk '{print $1}')
  timeout 10 tail --pid=$kp -f /dev/null; kill -9 $kp 2>/dev/null; kp=
  kill $tp; wait $tp 2>/dev/null; tp=
  ip netns del $ns
  [ -n "$t1" ] && awk -v a=$t0 -v b=$t1 'BEGIN{printf "%.1f\n", (b-a)*1000}' || echo -
}
ro=() rk=()
for i in $(seq $n); do o=$(once ours); k=$(once keepalived); echo "rep $i ours $o ms keepalived $k ms"; ro+=($o); rk+=($k); done
med() { printf '%s\n' "$@" | grep -v -- - | sort -n | awk '{v[NR]=$1} END{print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
echo "median ours $(med "${ro[@]}") ms keepalived $(med "${rk[@]}") ms (load $(cut -d' ' -f1-3 /proc/loadavg))"
