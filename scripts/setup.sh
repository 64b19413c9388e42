#!/usr/bin/env bash
# npm run setup — the main job from a fresh clone: install, generate, build, docs.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

ensure_pnpm
pnpm install --frozen-lockfile
pnpm generate
pnpm build
pnpm run docs
echo "setup: done. Try \`pnpm mock\`, open site/index.html, or run \`npm test\`."
