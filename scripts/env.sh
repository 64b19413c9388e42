# Shared environment for scripts/*.sh: no telemetry, no update notices, non-interactive pnpm.
export CI="${CI:-true}"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export TURBO_TELEMETRY_DISABLED=1 SCARF_ANALYTICS=false DO_NOT_TRACK=1
PNPM_VERSION=10.34.9

# Debian packages the tests drive for real: headless Chromium (docs portal, browser MSW) and redis-server (shared
# token and rate-limit stores). The docs test checks the CJK font stack in CSS only and renders no glyphs, so no CJK
# font package is needed.
missing_system_packages() {
  local missing=()
  [ -x "${CHROMIUM_PATH:-/usr/bin/chromium-headless-shell}" ] || missing+=(chromium-headless-shell)
  command -v "${REDIS_SERVER:-redis-server}" >/dev/null 2>&1 || missing+=(redis-server)
  echo "${missing[*]}"
}

# pnpm's version, read from the package.json beside its bin when that is pnpm's own (npm install -g): `pnpm --version`
# costs about 1 CPU-s before the first task can start. Any other pnpm (a corepack shim, a standalone binary) is asked.
pnpm_version() {
  local bin manifest
  bin="$(command -v pnpm)" || return 0
  manifest="$(dirname "$(readlink -f "$bin")")/../package.json"
  if [ -f "$manifest" ] && grep -q '^  "name": "pnpm",$' "$manifest"; then
    sed -n 's/^  "version": "\([^"]*\)",$/\1/p' "$manifest" | head -1
  else
    pnpm --version 2>/dev/null
  fi
}

# What `npm test` needs and does not find, one line each saying how to get it; nothing when all is there.
missing_prerequisites() {
  if [ "$(pnpm_version)" != "$PNPM_VERSION" ]; then
    echo "pnpm $PNPM_VERSION: npm run setup (or npm install -g pnpm@$PNPM_VERSION)"
  fi
  [ -d node_modules ] || echo "node_modules: npm run setup (or pnpm install --frozen-lockfile)"
  local package
  for package in $(missing_system_packages); do
    echo "$package (Debian package the tests drive): npm run setup as root (or apt-get install -y $package)"
  done
}
