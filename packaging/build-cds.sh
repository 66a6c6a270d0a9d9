#!/bin/sh
# Run by `mvn package` after the shade step: writes BUILD_DIR/keepalived.jsa, a class data
# sharing (AppCDS, dynamic) archive of the classes a daemon start loads (cds-train.sh; where that
# cannot run, of the classes `keepalived -t` loads), made through the launcher with the
# launcher's own JVM options. The launcher uses it for BUILD_DIR/keepalived.jar
# (KEEPALIVED4J_JAR=...), e.g. in benchmarks. The .deb does not ship it: a JDK 17 archive is
# only valid for the jar path and the exact JVM build that wrote it, so the package's postinst
# makes its own (docs/packaging.md).
# Usage: build-cds.sh JAVA_HOME BUILD_DIR     (from the project's base directory)
set -eu
java_home=$1
build=$2
here=$(dirname "$0")
jsa=$build/keepalived.jsa

rm -f "$jsa"
export JAVA="$java_home/bin/java" KEEPALIVED4J_JAR="$build/keepalived.jar"
# First choice: the classes of a real daemon start (in a private network namespace); else those of -t.
if sh "$here/cds-train.sh" "$here/keepalived" "$jsa" "$here"; then
    echo "build-cds: $jsa ($(wc -c < "$jsa") bytes; trained on a daemon start)"
    exit 0
fi
echo "build-cds: no daemon training run here (needs unshare, ip and root or user namespaces); training on -t" >&2
status=0
KEEPALIVED4J_CDS_DUMP=$jsa sh "$here/keepalived" -t -f "$here/cds-training.conf" || status=$?
# keepalived's -t statuses (0-6) are all fine for training; the archive must exist.
if [ ! -s "$jsa" ]; then
    echo "build-cds: the JVM wrote no CDS archive $jsa (keepalived -t exited $status)" >&2
    exit 1
fi
echo "build-cds: $jsa ($(wc -c < "$jsa") bytes; trained on keepalived -t, exited $status)"
