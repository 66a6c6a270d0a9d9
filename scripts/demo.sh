#!/usr/bin/env bash
# The main job, self-contained: on this machine (as root) build keepalived4j if needed, check
# the seed's configurations like `keepalived -t`, then run the seed's MASTER/BACKUP pair in a
# throw-away LAN of network namespaces (198.51.100.0/24 only), show who holds the virtual IP
# and a client reaching it, kill the master, show the VIP move and the measured failover time,
# restore, and clean everything up.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=${KEEPALIVED4J_JAR:-$ROOT/target/keepalived.jar}
# The daemons run through the launcher that the .deb installs as /usr/sbin/keepalived.
LAUNCHER=$ROOT/packaging/keepalived
export KEEPALIVED4J_JAR=$JAR

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

[ "$(id -u)" = 0 ] || { echo "demo: run as root (it creates network namespaces)" >&2; exit 1; }
need=()
for p in openjdk-17-jdk-headless:javac maven:mvn iproute2:ip iputils-ping:ping; do
    command -v "${p##*:}" >/dev/null 2>&1 || need+=("${p%%:*}")
done
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive timeout 600 apt-get update -qq
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -f "$JAR" ]; then
    say "Building keepalived4j (mvn package)"
    mvn -B -q package -DskipTests
fi

# ------------------------------------- namespaces and processes of this run, removed on exit
P=k4jdemo$$
WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for pid in "${PIDS[@]:-}"; do [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true; done
    for n in cfg lb1 lb2 client sw; do ip netns del "$P$n" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

meaning() {
    case $1 in
        0) echo "OK: the configuration is valid" ;;
        1) echo "fatal: could not run at all" ;;
        2) echo "a keyword is missing its parameter: keepalived would refuse to start" ;;
        4) echo "cannot run: file missing, non-existent interface or another fatal error" ;;
        5) echo "errors, but keepalived would run (the offending lines are ignored)" ;;
        6) echo "scripts are configured without enable_script_security: security problem" ;;
        124) echo "did not finish within the demo's time limit" ;;
        *) echo "unexpected exit status" ;;
    esac
}

say "1. Configuration check of the seed's configs, like 'keepalived -t' (namespace ${P}cfg: eth0, ens18)"
# The seed's configs name eth0 and ens18: check them on a host that has exactly those.
ip netns add "${P}cfg"
for i in eth0 ens18; do
    ip -n "${P}cfg" link add "$i" type veth peer name "p$i"
    ip -n "${P}cfg" link set "$i" up
done
HAVE_KA=0; command -v keepalived >/dev/null 2>&1 && HAVE_KA=1
for f in src/test/resources/seed/*.conf; do
    printf '\n\033[1m%s\033[0m (%s lines)\n' "$f" "$(wc -l < "$f")"
    set +e
    ours=$(ip netns exec "${P}cfg" timeout 60 java -jar "$JAR" -t -f "$f" 2>&1); rc=$?
    set -e
    echo "  keepalived4j -t: exit $rc - $(meaning "$rc")"
    if [ -n "$ours" ]; then printf '%s\n' "$ours" | sed 's/^/      /'; else echo "      (no diagnostics)"; fi
    if [ "$HAVE_KA" = 1 ]; then
        set +e
        theirs=$(ip netns exec "${P}cfg" timeout 30 keepalived -t -f "$f" 2>&1); krc=$?
        set -e
        verdict="same exit code"; [ "$krc" = "$rc" ] || verdict="DIFFERENT exit code"
        echo "  keepalived $(keepalived --version 2>&1 | head -1 | awk '{print $2}') -t: exit $krc - $(meaning "$krc")   [$verdict]"
        if [ -n "$theirs" ]; then printf '%s\n' "$theirs" | sed 's/^/      /'; else echo "      (no diagnostics)"; fi
    fi
done
[ "$HAVE_KA" = 1 ] || echo "(keepalived is not installed: apt-get install keepalived to see its verdict beside ours)"
echo
echo "Our messages for unknown keywords add a hint in parentheses, and we print each message once"
echo "where keepalived may repeat it per process: docs/compatibility.md lists every deliberate difference."

# ---------------------------------------------------------------- the lab
ip netns add "${P}sw"; ip -n "${P}sw" link add br0 type bridge; ip -n "${P}sw" link set br0 up
for h in lb1 lb2 client; do
    ip netns add "$P$h"
    ip -n "${P}sw" link add "p-$h" type veth peer name eth0 netns "$P$h"
    ip -n "${P}sw" link set "p-$h" master br0; ip -n "${P}sw" link set "p-$h" up
    ip -n "$P$h" link set lo up; ip -n "$P$h" link set eth0 up
done
ip -n "${P}lb1" addr add 198.51.100.11/24 dev eth0
ip -n "${P}lb2" addr add 198.51.100.12/24 dev eth0
ip -n "${P}client" addr add 198.51.100.50/24 dev eth0
VIP=198.51.100.100
# The seed's configs, with the seed's VIP 192.168.10.22 mapped into the lab.
sed "s/192\.168\.10\.22/$VIP/" src/test/resources/seed/vip-master.conf > "$WORK/master.conf"
sed "s/192\.168\.10\.22/$VIP/" src/test/resources/seed/vip-backup.conf > "$WORK/backup.conf"

say "2. A LAN in namespaces: lb1 198.51.100.11 (seed MASTER, priority 101), lb2 198.51.100.12 (seed BACKUP, priority 100), client 198.51.100.50"
start() { # host conf log
    TMPDIR=$WORK ip netns exec "$P$1" "$LAUNCHER" -n -l -G -f "$2" -p "$WORK/$1.pid" -r "$WORK/$1-vrrp.pid" > "$3" 2>&1 &
    PIDS+=($!)
    disown $!
}
start lb1 "$WORK/master.conf" "$WORK/lb1.log"; MASTER_PID=$!
start lb2 "$WORK/backup.conf" "$WORK/lb2.log"; BACKUP_PID=$!
# Not `ip ... | grep -q`: under pipefail that pipeline fails whenever grep exits at the match
# before ip has written the rest of its output (ip gets EPIPE), so a held VIP looked absent.
has_vip() { # host
    local addrs
    addrs=$(ip -n "$P$1" -o addr show dev eth0)
    [[ $addrs == *" $VIP/"* ]]
}
holder() {
    for h in lb1 lb2; do has_vip "$h" && printf '%s ' "$h"; done
    return 0
}
for _ in $(seq 1 150); do [ "$(holder)" = "lb1 " ] && break; sleep 0.1; done
echo "VIP $VIP is held by: $(holder)"
grep -h "STATE" "$WORK/lb1.log" | sed 's/^/    lb1: /'
grep -h "STATE" "$WORK/lb2.log" | sed 's/^/    lb2: /'
ip netns exec "${P}client" ping -c 2 -i 0.2 -W 1 "$VIP" | sed 's/^/    client: /' | grep -E "bytes from|packet loss"
echo "    client's ARP entry: $(ip -n "${P}client" neigh show $VIP)   (lb1 eth0 is $(ip -n "${P}lb1" -o link show eth0 | grep -o 'ether [^ ]*'))"

say "3. Reload (SIGHUP, as 'systemctl reload keepalived') with a second VIP added to both configs"
# Both nodes must list the same VIPs: keepalived 2.2.7 drops adverts whose address list differs
# from its own ("received an unexpected ip number count"), and so do we.
VIP2=198.51.100.101
sed -i "s#^\( *\)$VIP\$#&\n\1$VIP2#" "$WORK/master.conf" "$WORK/backup.conf"
before=$(grep -c "Entering" "$WORK/lb1.log")
before2=$(grep -c "Entering" "$WORK/lb2.log")
kill -HUP "$BACKUP_PID"
kill -HUP "$MASTER_PID"
for _ in $(seq 1 100); do grep -q "Reload complete" "$WORK/lb1.log" && grep -q "Reload complete" "$WORK/lb2.log" && break; sleep 0.1; done
grep -h "Reload" "$WORK/lb1.log" | sed 's/^/    lb1: /'
grep -h "Reload" "$WORK/lb2.log" | sed 's/^/    lb2: /'
echo "lb1 eth0 now: $(ip -n "${P}lb1" -o -4 addr show dev eth0 | awk '{printf "%s ", $4}')"
echo "state changes during the reload: lb1 $(( $(grep -c "Entering" "$WORK/lb1.log") - before )), lb2 $(( $(grep -c "Entering" "$WORK/lb2.log") - before2 )) (the VIP $VIP never left)"
kill -USR2 "$MASTER_PID"
for _ in $(seq 1 50); do [ -s "$WORK/keepalived.stats" ] && break; sleep 0.1; done
echo "SIGUSR2 wrote \$TMPDIR/keepalived.stats:"; head -6 "$WORK/keepalived.stats" | sed 's/^/    /'

say "4. Kill -9 the master (lb1) and watch the VIP move"
t0=$(date +%s%N)
kill -9 "$MASTER_PID"
for _ in $(seq 1 1000); do has_vip lb2 && break; sleep 0.005; done
t1=$(date +%s%N)
echo "VIP on lb2 after $(( (t1 - t0) / 1000000 )) ms (advert_int 1, VRRPv2: Master_Down_Interval = 3 s + skew 0.609 s, minus time since the last advert)"
# a SIGKILLed daemon cannot clean up (keepalived neither): remove what it left, as an operator would
ip -n "${P}lb1" addr del "$VIP/32" dev eth0 2>/dev/null || true
ip -n "${P}lb1" addr del "$VIP2/32" dev eth0 2>/dev/null || true
grep -h "Receive advertisement timeout\|Entering MASTER" "$WORK/lb2.log" | sed 's/^/    lb2: /' || true
ip netns exec "${P}client" ping -c 2 -i 0.2 -W 1 "$VIP" | sed 's/^/    client: /' | grep -E "bytes from|packet loss"
echo "    client's ARP entry: $(ip -n "${P}client" neigh show $VIP)   (lb2 eth0 is $(ip -n "${P}lb2" -o link show eth0 | grep -o 'ether [^ ]*'))"

say "5. Restore lb1 (its stale pid files from kill -9 do not block it): it preempts (priority 101 > 100)"
start lb1 "$WORK/master.conf" "$WORK/lb1b.log"; MASTER_PID=$!
for _ in $(seq 1 200); do [ "$(holder)" = "lb1 " ] && break; sleep 0.05; done
echo "VIP $VIP is held by: $(holder)"
grep -h "zombie pid file" "$WORK/lb1b.log" | sed 's/^/    lb1: /' || true
grep -h "higher priority" "$WORK/lb2.log" | sed 's/^/    lb2: /' || true

say "6. Graceful stop (SIGTERM) of lb1: priority-0 advert, lb2 takes over after Skew_Time"
lines1=$(wc -l < "$WORK/lb1b.log"); lines2=$(wc -l < "$WORK/lb2.log")
t0=$(date +%s%N)
kill -TERM "$MASTER_PID"
for _ in $(seq 1 1000); do has_vip lb2 && break; sleep 0.002; done
t1=$(date +%s%N)
echo "VIP on lb2 after $(( (t1 - t0) / 1000000 )) ms (Skew_Time for priority 100 = 609 ms)"
for _ in $(seq 1 100); do kill -0 "$MASTER_PID" 2>/dev/null || break; sleep 0.05; done
tail -n +"$((lines1 + 1))" "$WORK/lb1b.log" | sed 's/^/    lb1: /'    # with -D also "(VI_1) sent 0 priority"
tail -n +"$((lines2 + 1))" "$WORK/lb2.log" | sed 's/^/    lb2: /'
echo "VIP $VIP is held by: $(holder)"

say "Done: cleaning up namespaces ${P}*, processes and $WORK"
