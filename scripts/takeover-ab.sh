#!/bin/bash
# The backup's side of a SIGTERM failover: keepalived 2.2.7 as MASTER (priority 150) and the
# backup under test (priority 100; VRRPv3, advert_int 0.05: Skew_Time 30.5 ms) on a veth pair
# between two private namespaces; the backup keeps running while the master is started and
# stopped with SIGTERM N times. Per repetition, from the kernel's receive time stamps on the
# backup's veth (tcpdump): priority-0 advert -> the backup's first advert, and -> its first
# gratuitous ARP. Measures; never fails on time.
# Usage (as root): scripts/takeover-ab.sh ours|keepalived [N] [BUILD_DIR with keepalived.jar]
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
who=$1 n=${2:-8} build=${3:-$here/target}
A=k4jtkA$$ B=k4jtkB$$ tmp=$(mktemp -d /tmp/k4j-takeover.XXXXXX) kb= ka= tp=
cleanup() {
  [ -z "$kb" ] || { kill -TERM "$kb"; sleep 1; } 2>/dev/null
  for p in $ka $kb $tp; do kill -9 "$p" 2>/dev/null; done
  wait 2>/dev/null
  ip netns del $A 2>/dev/null; ip netns del $B 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
ip netns add $A; ip netns add $B
ip link add tkA netns $A type veth peer name tkB netns $B
ip -n $A link set tkA up; ip -n $B link set tkB up
ip -n $A addr add 198.51.100.11/24 dev tkA; ip -n $B addr add 198.51.100.12/24 dev tkB
conf() { printf 'vrrp_instance VI_1 {\n state BACKUP\n interface %s\n virtual_router_id 51\n priority %s\n advert_int 0.05\n version 3\n virtual_ipaddress {\n  198.51.100.100/32\n }\n}\n' "$1" "$2"; }
conf tkA 150 > "$tmp/a.conf"; conf tkB 100 > "$tmp/b.conf"
ip netns exec $B tcpdump -l -n -tt -v --immediate-mode -i tkB 'ip proto 112 or arp' > "$tmp/cap" 2>/dev/null & tp=$!
if [ "$who" = ours ]; then
  ip netns exec $B env KEEPALIVED4J_JAR="$build/keepalived.jar" "$here/packaging/keepalived" -n -l -G -f "$tmp/b.conf" \
    -p "$tmp/b.pid" -r "$tmp/b.vpid" -c "$tmp/b.cpid" > "$tmp/b.log" 2>&1 & kb=$!
else
  ip netns exec $B keepalived -n -l -G -P -f "$tmp/b.conf" -p "$tmp/b.pid" -r "$tmp/b.vpid" > "$tmp/b.log" 2>&1 & kb=$!
fi
sleep 2
for r in $(seq "$n"); do
  ip netns exec $A keepalived -n -l -G -P -f "$tmp/a.conf" -p "$tmp/a.pid" -r "$tmp/a.vpid" > "$tmp/a.log" 2>&1 & ka=$!
  sleep 2.5
  m=$(wc -l < "$tmp/cap")
  kill -TERM $ka; sleep 0.6; wait $ka 2>/dev/null; ka=
  tail -n +$((m + 1)) "$tmp/cap" | awk -v r="$r" '/^[0-9]/ {t=$1} /prio 0/ && !z {z=t}
      /prio 100/ && z && !a {a=t} /who-has 198.51.100.100/ && z && !g {g=t}
      END {printf "rep %d: advert %.2f ms  garp %.2f ms\n", r, (a-z)*1000, (g-z)*1000}'
  sleep 1
done
