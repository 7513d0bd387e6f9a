#!/usr/bin/env bash
# Installs what the tests need on a fresh machine (npm packages, Debian's Chromium, the Neo4j
# jars from Maven Central on first use) and runs every test: typecheck, lint, unit and route
# tests, the Neo4j integration tests against a real server, and the real-browser scenarios.
# Prints one closing line "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
results_dir="$(mktemp -d)"
status=0
step() { echo; echo "=== $*"; }

step "install npm packages"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error || exit 1
else npm install --no-audit --no-fund --loglevel=error || exit 1; fi

step "install Chromium (Debian) for the browser tests"
bash scripts/browser/ensure-chromium.sh || exit 1

step "build the seed graph"
npm run -s graph -- --articles graph-data/articles --out graph-data/graph.json || exit 1

step "typecheck"
npm run -s typecheck || status=1
step "lint"
npm run -s lint || status=1

run_suite() { # name config
  local name="$1" config="$2"
  step "tests: $name"
  npx vitest run --config "$config" --reporter=default --reporter=json --outputFile="$results_dir/$name.json" || status=1
}
run_suite unit vitest.config.ts
if [ -f vitest.neo4j.config.ts ]; then run_suite neo4j vitest.neo4j.config.ts; fi
run_suite browser vitest.browser.config.ts

node -e '
const fs = require("fs"); const dir = process.argv[1];
let passed = 0, failed = 0;
for (const f of fs.readdirSync(dir)) {
  try { const r = JSON.parse(fs.readFileSync(dir + "/" + f, "utf8")); passed += r.numPassedTests || 0; failed += r.numFailedTests || 0; if (!r.success && !r.numFailedTests) failed += 1; }
  catch { failed += 1; }
}
console.log(""); console.log(`tests: ${passed} passed, ${failed} failed`);
' "$results_dir"
rm -rf "$results_dir"
exit $status
