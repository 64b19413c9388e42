#!/usr/bin/env bash
# pnpm generate [vendor…] [--check]: spec → client code (tools/codegen), then spec examples → MSW mock data
# (tools/mock). Both get the same arguments, which a `a && b` package script could not give them.
set -euo pipefail
cd "$(dirname "$0")/.."
node_modules/.bin/tsx tools/codegen/src/cli.ts "$@"
node_modules/.bin/tsx tools/mock/src/msw-generate.ts "$@"
