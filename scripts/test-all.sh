#!/usr/bin/env bash
# The whole test suite, on a fresh Debian 12 machine as root (CI runs exactly this).
# Installs what the tests need (a no-op when it is already there), then runs
# unit tests (Surefire) and the real-kernel integration tests (Failsafe, *IT).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for p in openjdk-17-jdk-headless:javac maven:mvn iproute2:ip keepalived:keepalived tcpdump:tcpdump \
         iputils-ping:ping psmisc:killall; do
    pkg=${p%%:*}; cmd=${p##*:}
    command -v "$cmd" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "test-all: missing packages: ${need[*]} (run as root to install them)" >&2
        exit 1
    fi
    echo "test-all: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -qq
    timeout 900 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    # Debian starts keepalived after installing it where a service manager runs; the tests
    # start their own instances inside namespaces, so make sure no system one runs.
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet keepalived 2>/dev/null; then
        systemctl stop keepalived || true
    fi
fi

exec mvn -B verify "$@"
