#!/usr/bin/env bash
# npm test — lint, stale-codegen check, typecheck and every test suite, all through turbo (cached, and --continue so a
# failure never hides the suites after it); ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ensure_pnpm
[ -d node_modules ] || pnpm install --frozen-lockfile || { echo "0 passed, 1 failed"; exit 1; }
ensure_system_packages || { echo "0 passed, 1 failed"; exit 1; }

# What changed in the specs since the last release (breaking vs non-breaking per vendor); it reports, never fails.
pnpm --silent spec-diff || true

# Results of an earlier run must not count: turbo restores them from its cache when a task is a cache hit.
find packages tools -maxdepth 2 -name test-results.json -not -path '*/node_modules/*' -delete
rm -rf .turbo/runs
# Two cores: two tasks at a time (each suite may start its own Prism, redis-server or Chromium).
pnpm exec turbo run lint:code lint:specs lint:knip typecheck size test \
  --continue --concurrency=2 --summarize --output-logs=errors-only
node scripts/summary.mjs
