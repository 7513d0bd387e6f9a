#!/usr/bin/env bash
# Build the Neo4j launcher when needed: target/.built missing, or pom.xml / src/ newer than it.
# The first build downloads Neo4j 5.26 and its jars (~125 MB) from Maven Central into ~/.m2;
# later builds work from that cache. Quiet unless it fails (then the Maven log is shown).
#   scripts/neo4j/build.sh [--force]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
stamp="$HERE/target/.built"

needs_build() {
  [ "${1:-}" = "--force" ] && return 0
  [ -f "$stamp" ] && [ -f "$HERE/target/newsgraph-neo4j.jar" ] && [ -d "$HERE/target/lib" ] || return 0
  [ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$stamp" -print -quit)" ]
}

needs_build "${1:-}" || exit 0
command -v mvn >/dev/null || { echo "neo4j:build: mvn (Maven 3) not found" >&2; exit 1; }
mkdir -p "$HERE/target"
exec 9>"$HERE/target/.build.lock"
command -v flock >/dev/null && flock 9            # one build at a time (tests and a dev server may race)
needs_build "${1:-}" || exit 0                    # someone else built it while we waited

echo "neo4j: building the launcher (mvn package; the first build downloads the Neo4j jars)…" >&2
start=$(date +%s)
log="$HERE/target/build.log"
rm -f "$stamp"
if ! mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" package >"$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "neo4j:build: Maven build failed (full log: $log)" >&2
  exit 1
fi
touch "$stamp"
echo "neo4j: launcher built in $(( $(date +%s) - start ))s" >&2
