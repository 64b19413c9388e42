#!/usr/bin/env bash
# npm test — lint, stale-codegen check, typecheck and every test suite; ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ensure_pnpm
[ -d node_modules ] || pnpm install --frozen-lockfile || exit 1
ensure_system_packages || exit 1

failed_steps=()
step() {
  echo "── $*"
  "$@" || failed_steps+=("$*")
}
step pnpm lint
step pnpm generate --check
# Results of the last run are per package; drop stale ones so a failed suite cannot count old passes.
find packages tools -maxdepth 2 -name test-results.json -not -path '*/node_modules/*' -delete
# Two cores: run two packages' suites at a time (each starts its own Prism / Chromium / redis).
step pnpm exec turbo run typecheck test --concurrency=2 --output-logs=errors-only

node scripts/summary.mjs
status=$?
if [ ${#failed_steps[@]} -gt 0 ]; then
  printf 'failed step: %s\n' "${failed_steps[@]}" >&2
  status=1
fi
exit $status
