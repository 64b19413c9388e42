#!/usr/bin/env bash
# npm run setup — the main job from a fresh clone: install, then build + docs through turbo (cached).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ensure_pnpm
pnpm install --frozen-lockfile
# The generated code is committed (npm test's codegen suite proves it matches the specs), so nothing is generated here.
pnpm exec turbo run build build:docs --output-logs=errors-only
echo "setup: done. Try \`pnpm mock\`, open site/index.html, or run \`npm test\`."
