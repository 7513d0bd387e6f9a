#!/usr/bin/env bash
# Installs the npm packages, builds the graph of the seed articles (or of NEWSGRAPH_ARTICLES),
# builds the explorer and serves it on http://localhost:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then npm ci --no-audit --no-fund --loglevel=error; fi
npm run -s graph -- --articles "${NEWSGRAPH_ARTICLES:-graph-data/articles}" --out graph-data/graph.json
npx next build
echo "newsgraph explorer: http://localhost:${PORT:-3000}"
# The server asks itself for the page's first view once it listens (server/http/warm-up.ts), so that
# the first visit of a large graph does not wait for graph.json to be read.
exec node scripts/serve.mjs -p "${PORT:-3000}"
