# Shared by start.sh and test.sh: install what the project needs on a fresh Debian machine.
# Sourced, not run.
set -euo pipefail

PNPM_VERSION=10.34.9
repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

apt_updated=0
# apt_install PACKAGE... : installs Debian packages, running `apt-get update` once per script run.
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ "$apt_updated" -eq 0 ]; then
    $sudo apt-get update -qq
    apt_updated=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# pnpm is pinned and installed with npm: corepack is not available on every machine we run on.
ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION"
    npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

ensure_dependencies() {
  ensure_pnpm
  log "installing dependencies"
  pnpm install --frozen-lockfile --reporter=silent
}

# The Prometheus source's tests run a real Prometheus scraping a real etcd (both Go programs).
ensure_prometheus_and_etcd() {
  local missing=()
  command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
  command -v etcd >/dev/null 2>&1 || missing+=(etcd-server)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

# The profile decoder is checked against `go tool pprof` (Debian's golang-go) on real profiles.
ensure_go() {
  if ! command -v go >/dev/null 2>&1; then
    log "installing Debian packages: golang-go"
    apt_install golang-go
  fi
}
