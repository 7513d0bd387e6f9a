#!/usr/bin/env bash
# Stop newsgraph's local Neo4j by the PID recorded in STATE_DIR/server.json (default .neo4j/):
# SIGTERM, wait up to NEO4J_STOP_TIMEOUT seconds (default 30), then SIGKILL. Removes the record, and the
# data folder when it was a temporary one. Safe to call when nothing runs.
#   scripts/neo4j/stop.sh [--state-dir DIR]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
state_dir="${NEWSGRAPH_NEO4J_STATE:-$ROOT/.neo4j}"
while [ $# -gt 0 ]; do
  case "$1" in
    --state-dir) state_dir="${2:?--state-dir needs a directory}"; shift ;;
    *) echo "neo4j:stop: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
record="$state_dir/server.json"
if [ ! -f "$record" ]; then echo "neo4j: not running (no $record)" >&2; exit 0; fi

field() { node -e 'try{const v=JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))[process.argv[2]];process.stdout.write(v==null?"":String(v))}catch{}' "$record" "$1"; }
pid="$(field pid)"; data="$(field dataDir)"; temporary="$(field temporary)"

ours() { [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && grep -qa newsgraph.neo4j.Launcher "/proc/$pid/cmdline" 2>/dev/null; }

if ours; then
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$(( $(date +%s) + ${NEO4J_STOP_TIMEOUT:-30} ))
  while ours && [ "$(date +%s)" -lt "$deadline" ]; do sleep 0.1; done
  if ours; then
    echo "neo4j: pid $pid did not stop in time: SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    while ours; do sleep 0.1; done
  fi
  # Wait until it has really exited (a zombie awaiting its reaper counts as exited), so its files are closed.
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    [ "$(sed -n 's/^[0-9]* (.*) \([A-Z]\) .*/\1/p' "/proc/$pid/stat" 2>/dev/null)" = Z ] && break
    sleep 0.1
  done
  echo "neo4j: stopped (pid $pid)" >&2
else
  echo "neo4j: not running (stale record for pid ${pid:-?})" >&2
fi
# A temporary data folder is deleted by the server on a clean stop; after a SIGKILL it is ours to remove.
if [ "$temporary" = "true" ] && [ -n "$data" ] && [ -d "$data" ] && [[ "$(basename "$data")" == newsgraph-neo4j-* ]]; then
  rm -rf -- "$data"
fi
rm -f "$record"
