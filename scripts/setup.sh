#!/usr/bin/env bash
# npm run setup — the main job from a fresh clone: install, then generate + build + docs through turbo (cached).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ensure_pnpm
pnpm install --frozen-lockfile
# build depends on each vendor's generate task, so the specs are generated once, here.
pnpm exec turbo run build build:docs --output-logs=errors-only
echo "setup: done. Try \`pnpm mock\`, open site/index.html, or run \`npm test\`."
