#!/usr/bin/env bash
# pnpm lint:specs — Redocly (recommended-strict + our rules, warnings fail) on every spec, then Spectral's spectral:oas
# on each bundled spec (the bundle is what the mocks, docs and codegen read). Both must report 0 errors.
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
# Each tool's entry run by node itself, not by its .bin launcher (tsx's starts a second node), and with V8's garbage
# collector on the main thread: on two busy cores its helper threads cost CPU time and win no wall time.
node=(node --single-threaded-gc)
"${node[@]}" node_modules/@redocly/cli/bin/cli.js lint --format=stylish
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"${node[@]}" --import tsx tools/codegen/src/bundle-cli.ts "$out"
"${node[@]}" node_modules/@stoplight/spectral-cli/dist/index.js lint "$out"/*.json --ruleset .spectral.yaml \
  --fail-severity=error --display-only-failures
