#!/bin/sh
# Start-up time of `keepalived -t` through the launcher, with and without the CDS archive,
# interleaved (so machine load hits both alike); wall time from `date +%s%N`, N runs each.
# Usage (after mvn package): packaging/measure-startup.sh [BUILD_DIR [CONFIG [N]]]
#   defaults: target, src/test/resources/seed/dovecot-master.conf, 10
# Prints each run and the median and mean in ms. Measures; never fails on time.
set -eu
build=${1:-target}
conf=${2:-src/test/resources/seed/dovecot-master.conf}
n=${3:-10}
launcher=$(dirname "$0")/keepalived
[ -s "$build/keepalived.jsa" ] || { echo "no $build/keepalived.jsa: run mvn package first" >&2; exit 1; }
export KEEPALIVED4J_JAR="$build/keepalived.jar"

ms() { # run once, print wall milliseconds
    s=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    e=$(date +%s%N)
    echo $(((e - s) / 1000000))
}
with= without=
i=0
while [ "$i" -lt "$n" ]; do
    with="$with $(ms env KEEPALIVED4J_JSA="$build/keepalived.jsa" sh "$launcher" -t -f "$conf")"
    without="$without $(ms env KEEPALIVED4J_JSA=/nonexistent sh "$launcher" -t -f "$conf")"
    i=$((i + 1))
done
stats() { # median and mean of the numbers in $1
    echo "$1" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1; t+=$1} END {
        m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "median %d ms, mean %d ms", m, t/NR }'
}
echo "$(date -u +%Y-%m-%dT%H:%MZ) keepalived -t -f $conf, $n runs each, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "with CDS archive:    $(stats "$with")   runs:$with"
echo "without CDS archive: $(stats "$without")   runs:$without"
