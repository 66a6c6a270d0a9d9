#!/bin/sh
# Run by `mvn package` after the shade step: writes BUILD_DIR/keepalived.jsa, a class data
# sharing (AppCDS, dynamic) archive of the classes `keepalived -t` loads, made through the
# launcher with the launcher's own JVM options. The launcher uses it for BUILD_DIR/keepalived.jar
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
status=0
JAVA=$java_home/bin/java KEEPALIVED4J_JAR=$build/keepalived.jar KEEPALIVED4J_CDS_DUMP=$jsa \
    sh "$here/keepalived" -t -f "$here/cds-training.conf" || status=$?
# keepalived's -t statuses (0-6) are all fine for training; the archive must exist.
if [ ! -s "$jsa" ]; then
    echo "build-cds: the JVM wrote no CDS archive $jsa (keepalived -t exited $status)" >&2
    exit 1
fi
echo "build-cds: $jsa ($(wc -c < "$jsa") bytes; keepalived -t exited $status)"
