# Shared environment for scripts/*.sh: no telemetry, no update notices, non-interactive pnpm.
export CI="${CI:-true}"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
export TURBO_TELEMETRY_DISABLED=1 SCARF_ANALYTICS=false DO_NOT_TRACK=1
PNPM_VERSION=10.34.9

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    echo "setup: installing pnpm $PNPM_VERSION with npm (corepack cannot verify this registry)"
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

# Debian packages the tests drive for real: headless Chromium (docs) and redis-server (shared token/limit store).
ensure_system_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install ${missing[*]} (Debian: apt-get install -y ${missing[*]})" >&2
    return 1
  fi
  echo "setup: apt-get install ${missing[*]}"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
