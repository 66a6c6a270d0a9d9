#!/bin/sh
# Capture the rtnetlink requests keepalived 2.2.7 and iproute2 send for the route and rule lines
# of src/test/resources/org/keepalived4j/net/route/lines.conf, in a throw-away network namespace
# (root needed; nothing is done outside the namespace). The output files are the reference
# bytes of RouteCodecTest / RuleCodecTest:
#   keepalived.hex  one line per request keepalived sent:  TYPE HEX   (in send order)
#   iproute2.hex    one line per `ip` command:              TYPE HEX   # the command
# Usage: scripts/capture-rtnetlink.sh [outdir]
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
res="$here/src/test/resources/org/keepalived4j/net/route"
out=${1:-$res}
ns=k4jcap$$
tmp=$(mktemp -d)
cleanup() {
    [ -f "$tmp/k.pid" ] && kill "$(cat "$tmp/k.pid")" 2>/dev/null || true
    ip netns del "$ns" 2>/dev/null || true
    [ -n "${KEEP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth0 type veth peer name eth1
ip -n "$ns" link set eth0 up
ip -n "$ns" link set eth1 up
ip -n "$ns" addr add 198.51.100.11/24 dev eth0
ip -n "$ns" addr add 2001:db8::11/64 dev eth0 nodad
echo "# ifindex eth0=$(ip netns exec "$ns" cat /sys/class/net/eth0/ifindex)" > "$tmp/header"

# strace's hex dump of each sendmsg (-e write=all) -> "TYPE HEX" lines for rtnetlink route/rule requests
extract() {
    awk '
        /sendmsg\(/ { if (hex != "") emit(); hex = ""; next }
        /^ \| [0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]  / { line = substr($0, 10, 49); gsub(/ /, "", line); hex = hex line; next }
        END { if (hex != "") emit() }
        function emit(   t) {
            t = substr(hex, 11, 2) substr(hex, 9, 2)
            if (t == "0018") print "RTM_NEWROUTE " hex
            else if (t == "0019") print "RTM_DELROUTE " hex
            else if (t == "0020") print "RTM_NEWRULE " hex
            else if (t == "0021") print "RTM_DELRULE " hex
            hex = ""
        }' "$1"
}

# keepalived: the lines as static_routes / static_rules, plus one instance so the VRRP process runs
{
    echo 'static_routes {'
    sed -n 's/^route //p' "$res/lines.conf"
    echo '}'
    echo 'static_rules {'
    sed -n 's/^rule //p' "$res/lines.conf"
    echo '}'
    echo 'vrrp_instance VI_1 {'
    echo '  state BACKUP'
    echo '  interface eth0'
    echo '  virtual_router_id 51'
    echo '  priority 100'
    echo '  virtual_ipaddress {'
    echo '    198.51.100.100/24'
    echo '  }'
    echo '}'
} > "$tmp/k.conf"
ip netns exec "$ns" strace -f -qq -e trace=sendmsg -e write=all -o "$tmp/k.trace" \
    keepalived -n -l -D -G -f "$tmp/k.conf" -p "$tmp/k.pid" -r "$tmp/kv.pid" -c "$tmp/kc.pid" \
    > "$tmp/k.log" 2>&1 &
i=0
while [ $i -lt 100 ] && ! grep -q "Entering BACKUP STATE" "$tmp/k.log" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
ip -n "$ns" route show table all > "$tmp/routes.txt"
ip -n "$ns" -4 rule > "$tmp/rules.txt"; ip -n "$ns" -6 rule >> "$tmp/rules.txt"
kill "$(cat "$tmp/k.pid")"
wait || true
{ cat "$tmp/header"; extract "$tmp/k.trace"; } > "$out/keepalived.hex"
cp "$tmp/routes.txt" "$out/keepalived-routes.txt"
cp "$tmp/rules.txt" "$out/keepalived-rules.txt"

# iproute2: the `ip route ...` / `ip rule ...` commands of lines.conf
cp "$tmp/header" "$out/iproute2.hex"
sed -n 's/^ip \(.*\) = .*/\1/p' "$res/lines.conf" | while read -r cmd; do
    # shellcheck disable=SC2086
    ip netns exec "$ns" strace -qq -e trace=sendmsg -e write=all -o "$tmp/ip.trace" ip $cmd > /dev/null 2>&1 || true
    extract "$tmp/ip.trace" | sed "s|\$| # ip $cmd|" >> "$out/iproute2.hex"
done
echo "written to $out"
