#!/usr/bin/env bash
# Starts the console on the embedded demo fleet and PGlite (./data), installing what it needs.
# Extra arguments go to `fleetdeck serve`, e.g. --port 8080.
source "$(dirname "$0")/lib.sh"

ensure_dependencies
log "building"
pnpm build --output-logs=errors-only >/dev/null
log "starting Fleetdeck"
exec node apps/server/dist/fleetdeck.mjs serve "$@"
