#!/usr/bin/env bash
# npm test — lint, stale-codegen check, typecheck and every test suite, each a turbo task (turbo's hash keys the
# cache), run by scripts/run-tasks.mjs two at a time, longest first; a failure never stops the tasks after it. Ends
# with "N passed, N failed". It installs nothing: what is missing is named with the way to get it (usually
# `npm run setup`), and counted as failed.
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
builds="$(mktemp)"
trap 'rm -f "$spec_diff" "$builds"' EXIT
node_modules/.bin/tsx tools/spec-diff/src/cli.ts >"$spec_diff" 2>&1 &
spec_diff_pid=$!

# Results of an earlier run must not count: run-tasks.mjs puts a report back only for a task it skips as unchanged.
find packages tools -maxdepth 2 -name test-results.json -not -path '*/node_modules/*' -delete
rm -f .turbo/scrm-tasks.json
# The builds the tasks read (cache hits after setup; rebuilt when a source changed), so every task is ready at once.
build_failed=""
if ! node_modules/.bin/turbo run build build:docs --output-logs=errors-only >"$builds" 2>&1; then
  cat "$builds"
  build_failed="turbo run build build:docs failed (output above)"
fi
node scripts/run-tasks.mjs
wait "$spec_diff_pid" || true
cat "$spec_diff"
SCRM_MISSING="$missing" SCRM_FAILED="$build_failed" node scripts/summary.mjs
