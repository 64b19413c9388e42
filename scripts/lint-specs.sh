#!/usr/bin/env bash
# pnpm lint:specs — Redocly (recommended-strict + our rules, warnings fail) on every spec, then Spectral's spectral:oas
# on each bundled spec (the bundle is what the mocks, docs and codegen read). Both must report 0 errors.
set -euo pipefail
cd "$(dirname "$0")/.."
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
redocly lint --format=stylish
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for api in $(node -e 'const y=require("fs").readFileSync("redocly.yaml","utf8");for(const m of y.matchAll(/^  ([a-z][\w-]*@v\d+):/gm))console.log(m[1])'); do
  redocly bundle "$api" --ext json -o "$out/${api%@*}.json" >/dev/null 2>&1
done
spectral lint "$out"/*.json --ruleset .spectral.yaml --fail-severity=error --display-only-failures
