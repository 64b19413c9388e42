#!/usr/bin/env bash
# pnpm lint:specs — Redocly (recommended-strict + our rules, warnings fail) on every spec, then Spectral's spectral:oas
# on each bundled spec (the bundle is what the mocks, docs and codegen read). Both must report 0 errors.
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
redocly lint --format=stylish
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
tsx tools/codegen/src/bundle-cli.ts "$out"
spectral lint "$out"/*.json --ruleset .spectral.yaml --fail-severity=error --display-only-failures
