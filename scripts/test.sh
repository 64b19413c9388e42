#!/usr/bin/env bash
# npm test — lint, stale-codegen check, typecheck and every test suite, all through turbo (cached, and --continue so a
# failure never hides the suites after it); ends with "N passed, N failed". It installs nothing: what is missing is
# named with the way to get it (usually `npm run setup`), and counted as failed.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

missing="$(missing_prerequisites)"
if [ -n "$missing" ]; then
  echo "test: missing — run \`npm run setup\` first:" >&2
  sed 's/^/  - /' <<<"$missing" >&2
fi
# Without pnpm or the workspace's packages nothing can run.
if grep -q "^pnpm \|^node_modules" <<<"$missing"; then
  echo "0 passed, $(grep -c . <<<"$missing") failed"
  exit 1
fi

# What changed in the specs since the last release (breaking vs non-breaking per vendor); it reports, never fails.
# It runs beside the tasks (a few CPU-seconds that would otherwise hold up the first task) and prints after them.
spec_diff="$(mktemp)"
trap 'rm -f "$spec_diff"' EXIT
pnpm --silent spec-diff >"$spec_diff" 2>&1 &
spec_diff_pid=$!

# Results of an earlier run must not count: turbo restores them from its cache when a task is a cache hit.
find packages tools -maxdepth 2 -name test-results.json -not -path '*/node_modules/*' -delete
rm -rf .turbo/runs
# Two cores: two tasks at a time (each suite may start its own Prism, redis-server or Chromium).
pnpm exec turbo run lint:code lint:specs lint:knip typecheck size test \
  --continue --concurrency=2 --summarize --output-logs=errors-only
wait "$spec_diff_pid" || true
cat "$spec_diff"
SCRM_MISSING="$missing" node scripts/summary.mjs
