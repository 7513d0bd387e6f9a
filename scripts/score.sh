#!/usr/bin/env bash
# Scores the extractor on the seed articles and on the dev corpus against their gold files.
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${NEWSGRAPH_SHARED:-../shared}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
npm run -s graph -- --quiet --articles graph-data/articles --out "$tmp/seeds.json"
echo "seeds:"; node "$shared/eval/score.mjs" --graph "$tmp/seeds.json" --gold "$shared/gold/seeds.gold.json" --articles graph-data/articles "$@"
if [ -d "$shared/corpus/dev/articles" ]; then
  npm run -s graph -- --quiet --articles "$shared/corpus/dev/articles" --out "$tmp/dev.json"
  echo "dev:"; node "$shared/eval/score.mjs" --graph "$tmp/dev.json" --gold "$shared/corpus/dev/gold.json" --articles "$shared/corpus/dev/articles" "$@"
fi
