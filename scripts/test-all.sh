#!/usr/bin/env bash
# The whole test suite, on a fresh Debian 12 machine as root (CI runs exactly this via .ci/run).
# 1. Installs what the tests need when something is missing (a quick no-op when all is there):
#    JDK 17, Maven, iproute2, keepalived (the oracle), tcpdump, ping, nftables (nft: VrrpStrictIT reads the
#    rulesets that accept mode installs), and psmisc: its
#    /usr/bin/killall makes keepalived's vrrp.localcheck sample a script-security case (exit 6),
#    which the recorded goldens (src/test/resources/oracle-keepalived-2.2.7.txt) expect.
#    For the IPVS VM tests (docs/vm.md): qemu-system-x86, busybox-static, ipvsadm, xz-utils; the
#    Debian kernel they boot is fetched once by scripts/vm/prepare.sh (apt-get download).
# 2. Runs `mvn -B verify`: unit tests (Surefire, *Test) and the real-kernel integration tests
#    (Failsafe, *IT: network namespaces, real keepalived). Without root the *IT skip loudly.
# Idempotent; every step is time-bounded (TEST_ALL_TIMEOUT, default 45 min for the Maven run).
# Extra arguments go to Maven, e.g. ./scripts/test-all.sh -Dkbuild.dir=/tmp/x/target -DskipITs
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have() { command -v "$1" >/dev/null 2>&1; }
java_major() { javac -version 2>&1 | sed -n 's/^javac \([0-9]*\).*/\1/p'; }
if ! have javac || [ "$(java_major)" -lt 17 ] 2>/dev/null || [ -z "$(java_major)" ]; then
    need+=(openjdk-17-jdk-headless)
fi
for p in maven:mvn iproute2:ip keepalived:keepalived tcpdump:tcpdump iputils-ping:ping psmisc:killall nftables:nft \
         qemu-system-x86:qemu-system-x86_64 ipvsadm:ipvsadm xz-utils:xz; do
    have "${p##*:}" || need+=("${p%%:*}")
done
# The IPVS VM (scripts/vm, docs/vm.md) boots a static busybox; a dynamic busybox already installed
# is left alone (busybox-static conflicts with it: scripts/vm/prepare.sh then downloads its own).
have busybox || need+=(busybox-static)

if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "test-all: missing packages: ${need[*]} (run as root to install them)" >&2
        exit 1
    fi
    echo "test-all: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Installing keepalived must not start a system keepalived in the root namespace: the tests
    # run their own, inside namespaces. policy-rc.d (exit 101 = "not allowed") stops
    # invoke-rc.d/deb-systemd-invoke from starting services during this install only.
    made_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
        printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        made_policy=1
    fi
    trap '[ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT
    timeout 600 apt-get update -qq
    timeout 1200 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
    made_policy=
    trap - EXIT
    for p in javac mvn ip keepalived tcpdump ping killall qemu-system-x86_64 ipvsadm; do
        have "$p" || { echo "test-all: '$p' is still missing after apt-get install" >&2; exit 1; }
    done
fi

echo "test-all: $(javac -version 2>&1), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g'), $(keepalived --version 2>&1 | head -1)"
[ "$(id -u)" = 0 ] || echo "test-all: not root: the *IT integration tests will be skipped" >&2

# --foreground: Ctrl-C still reaches Maven; on time-out Maven gets TERM, then KILL a minute later
# (Surefire/Failsafe forks exit by themselves when Maven goes away).
exec timeout --foreground --kill-after=60 "${TEST_ALL_TIMEOUT:-2700}" mvn -B verify "$@"
