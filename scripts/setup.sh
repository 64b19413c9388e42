#!/usr/bin/env bash
# npm run setup — everything `npm test` drives, from a fresh clone: pnpm, the Debian packages (Chromium's headless
# shell, redis-server), the workspace's packages, then build + docs through turbo (cached). `npm test` installs
# nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [ "$(pnpm_version)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION with npm (corepack cannot verify this registry)"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

missing="$(missing_system_packages)"
if [ -n "$missing" ]; then
  if [ "$(id -u)" -eq 0 ]; then apt=(apt-get); elif command -v sudo >/dev/null 2>&1; then apt=(sudo apt-get); else apt=(); fi
  if [ ${#apt[@]} -eq 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install $missing (Debian: apt-get install -y $missing), then run npm run setup again" >&2
    exit 1
  fi
  echo "setup: apt-get install $missing"
  "${apt[@]}" update -qq >/dev/null
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq --no-install-recommends $missing >/dev/null
fi

pnpm install --frozen-lockfile
# The generated code is committed (npm test's codegen suite proves it matches the specs), so nothing is generated here.
pnpm exec turbo run build build:docs --output-logs=errors-only
echo "setup: done. Try \`pnpm mock\`, open site/index.html, or run \`npm test\`."
