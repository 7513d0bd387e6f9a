#!/usr/bin/env bash
# Start newsgraph's local Neo4j (Community 5.26, embedded DBMS + Bolt on a free loopback port).
#
#   scripts/neo4j/start.sh [--background] [--data DIR] [--port N] [--state-dir DIR] [--watch-pid PID]
#
# Builds the Java launcher first when needed (first time: Maven downloads the jars to ~/.m2).
# Prints the Bolt URI (bolt://127.0.0.1:PORT) on stdout when the server accepts connections, and
# records {pid, uri, port, dataDir, logFile, temporary} in STATE_DIR/server.json (default .neo4j/).
#   default       runs in the foreground until Ctrl-C / SIGTERM, then stops the server and removes the record
#   --background  returns once the server is up; stop it with scripts/neo4j/stop.sh
#   --data DIR    keep the database in DIR (created if missing, kept after stop); default (or NEO4J_DATA):
#                 a fresh temporary folder, deleted on stop
#   --port N      Bolt port (default 0 = a free port chosen by the OS)
#   --watch-pid P the server stops by itself when process P is gone (used by the test setup)
# Env: NEO4J_PASSWORD (+ NEO4J_USER, default neo4j) turns auth on; without it auth is disabled.
#      NEO4J_JAVA_OPTS replaces the JVM options; NEO4J_PAGECACHE (default 256m); NEO4J_START_TIMEOUT (s, default 180);
#      NEO4J_CDS=0 starts without the class-data-sharing archive (target/neo4j.jsa) that makes later starts faster.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

background=0
data="${NEO4J_DATA:-}"
port=0
state_dir="${NEWSGRAPH_NEO4J_STATE:-$ROOT/.neo4j}"
watch_pid=""
while [ $# -gt 0 ]; do
  case "$1" in
    --background|-b) background=1 ;;
    --data) data="${2:?--data needs a directory}"; shift ;;
    --port) port="${2:?--port needs a number}"; shift ;;
    --state-dir) state_dir="${2:?--state-dir needs a directory}"; shift ;;
    --watch-pid) watch_pid="${2:?--watch-pid needs a pid}"; shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "neo4j:start: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "neo4j: $*" >&2; }
die() { echo "neo4j:start: $*" >&2; exit 1; }

mkdir -p "$state_dir"
state_dir="$(cd "$state_dir" && pwd)"
record="$state_dir/server.json"
log="$state_dir/server.log"
[ -n "$data" ] && { mkdir -p "$data"; data="$(cd "$data" && pwd)"; }

# Already running (per the record)? Then report it instead of starting a second one.
if [ -f "$record" ]; then
  old_pid="$(node -e 'try{process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).pid||""))}catch{}' "$record")"
  if [ -n "$old_pid" ] && kill -0 "$old_pid" 2>/dev/null && grep -qa newsgraph.neo4j.Launcher "/proc/$old_pid/cmdline" 2>/dev/null; then
    uri="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).uri)' "$record")"
    if [ "$background" = 1 ]; then say "already running (pid $old_pid)"; echo "$uri"; exit 0; fi
    die "already running at $uri (pid $old_pid); stop it with: npm run neo4j:stop"
  fi
  rm -f "$record"   # stale record of a server that is gone
fi

command -v java >/dev/null || die "java not found (Java 17+ is needed)"
java_major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[ "${java_major%%.*}" -ge 17 ] 2>/dev/null || die "Java 17+ is needed (found ${java_major:-unknown})"

# Build when needed: no stamp, or a source / the pom newer than the stamp. One build at a time.
"$HERE/build.sh"

cp="$HERE/target/newsgraph-neo4j.jar:$HERE/target/lib/*"
# The parallel collector on both cores and a 2 GB heap: a first load of 10k nodes / 50k edges / 80k passages took
# 30-41 s (mean 35) against 35-51 s (mean 43) with the serial collector and 1 GB, in alternating runs on 2026-11-27.
java_opts="${NEO4J_JAVA_OPTS:--Xmx2g -Xms1g -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -XX:-UsePerfData}"
jdk_opens="--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8"
# Class-data sharing: the first server after a build records the classes it loaded when it exits
# (target/neo4j.jsa.<pid>.tmp); the next start adopts that archive, which cuts startup CPU by about a third.
# A stale or foreign archive is ignored by the JVM (it then starts without it). NEO4J_CDS=0 turns this off.
cds_opts=""
jsa="$HERE/target/neo4j.jsa"
if [ "${NEO4J_CDS:-1}" != 0 ]; then
  [ -f "$jsa" ] && [ "$HERE/target/.built" -nt "$jsa" ] && rm -f "$jsa"
  for tmp in "$HERE"/target/neo4j.jsa.*.tmp; do
    [ -e "$tmp" ] || continue
    tmp_pid="${tmp##*/neo4j.jsa.}"; tmp_pid="${tmp_pid%.tmp}"
    grep -qa "neo4j.jsa.$tmp_pid.tmp" "/proc/$tmp_pid/cmdline" 2>/dev/null && continue   # its server still runs
    if [ ! -f "$jsa" ] && [ -s "$tmp" ] && [ "$tmp" -nt "$HERE/target/.built" ]; then mv -f "$tmp" "$jsa"; else rm -f "$tmp"; fi
  done
  if [ -f "$jsa" ]; then cds_opts="-XX:SharedArchiveFile=$jsa"; else cds_opts="-XX:ArchiveClassesAtExit=$HERE/target/neo4j.jsa.@@PID@@.tmp"; fi
fi
args=(--host 127.0.0.1 --port "$port" --pagecache "${NEO4J_PAGECACHE:-256m}")
[ -n "$data" ] && args+=(--data "$data")
if [ -n "$watch_pid" ]; then args+=(--watch-pid "$watch_pid"); elif [ "$background" = 0 ]; then args+=(--watch-pid "$$"); fi

started_ms=$(date +%s%3N)
# shellcheck disable=SC2086
# The archive name carries the JVM's pid: exec in a subshell so that $BASHPID is the JVM's pid.
# shellcheck disable=SC2016
launch='exec java $java_opts $jdk_opens ${cds_opts//@@PID@@/$BASHPID} -cp "$cp" newsgraph.neo4j.Launcher "${args[@]}"'
export NEO4J_DATA=""
# The log must exist before the wait loop reads it: under `set -e -o pipefail` a sed on a missing file would end
# this script at once, silently (the launch below opens the log only when its shell gets to run).
: >"$log"
if command -v setsid >/dev/null; then
  setsid bash -c "$(declare -p java_opts jdk_opens cds_opts cp args); $launch" </dev/null >"$log" 2>&1 &
else
  nohup bash -c "$(declare -p java_opts jdk_opens cds_opts cp args); $launch" </dev/null >"$log" 2>&1 &
fi
pid=$!

timeout_s="${NEO4J_START_TIMEOUT:-180}"
deadline=$(( $(date +%s) + timeout_s ))
uri=""
while :; do
  uri="$(sed -n 's/^NEWSGRAPH_NEO4J_READY \(bolt:.*\)$/\1/p' "$log" 2>/dev/null | head -n1 || true)"
  [ -n "$uri" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 20 "$log" >&2 || true
    die "the server exited during startup (log: $log)"
  fi
  if [ "$(date +%s)" -ge "$deadline" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    tail -n 20 "$log" >&2 || true
    die "no Bolt connection after ${timeout_s}s (log: $log)"
  fi
  sleep 0.1
done
elapsed_ms=$(( $(date +%s%3N) - started_ms ))

home="$(sed -n 's/^neo4j .* home=\(.*\) auth=.*$/\1/p' "$log" | head -n1)"
temporary=true; [ -n "$data" ] && temporary=false
NG_PID="$pid" NG_URI="$uri" NG_HOME="$home" NG_LOG="$log" NG_TMP="$temporary" NG_MS="$elapsed_ms" node -e '
  const fs = require("fs");
  const e = process.env;
  const rec = { pid: Number(e.NG_PID), uri: e.NG_URI, port: Number(e.NG_URI.split(":").pop()),
    dataDir: e.NG_HOME, logFile: e.NG_LOG, temporary: e.NG_TMP === "true",
    startedAt: new Date().toISOString(), startupMs: Number(e.NG_MS) };
  const file = process.argv[1];
  fs.writeFileSync(file + ".tmp", JSON.stringify(rec, null, 2) + "\n");
  fs.renameSync(file + ".tmp", file);' "$record"

say "Neo4j $(sed -n 's/^neo4j \([^ ]*\) .*/\1/p' "$log" | head -n1) up in ${elapsed_ms} ms (pid $pid, data $home)"
echo "$uri"

if [ "$background" = 1 ]; then exit 0; fi

# Foreground: forward Ctrl-C / SIGTERM to the server, wait for it, drop the record.
stop_server() { kill -TERM "$pid" 2>/dev/null || true; }
trap stop_server INT TERM HUP
say "running; Ctrl-C stops it"
status=0
while kill -0 "$pid" 2>/dev/null; do wait "$pid" || status=$?; done
trap - INT TERM HUP
if [ -f "$record" ] && grep -q "\"pid\": $pid," "$record"; then rm -f "$record"; fi
say "stopped"
exit 0
