#!/usr/bin/env bash
# Runs every test: lint, types, unit and server tests on PGlite and on a real PostgreSQL,
# and the end-to-end specs in Debian's Chromium. Installs what is missing first.
source "$(dirname "$0")/lib.sh"

results_dir="$repo_root/.tmp/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"
export FLEETDECK_TEST_RESULTS_DIR="$results_dir"

ensure_dependencies

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium fonts-dejavu-core)
command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  apt_install "${missing[@]}"
fi
ensure_prometheus_and_etcd
ensure_go

log "lint"
pnpm lint
log "typecheck"
pnpm typecheck
log "build"
pnpm build

log "unit and server tests (PGlite)"
# --force: a cached result would replay its log but write no JSON report to count.
FLEETDECK_TEST_RESULTS_LABEL=pglite pnpm exec turbo run test --force

log "storage and server tests (PostgreSQL)"
pg_dir="$repo_root/.tmp/pg"
pg_url=$(bash scripts/pg/start-postgres.sh "$pg_dir" | tail -n 1)
trap 'bash scripts/pg/stop-postgres.sh "$pg_dir" || true' EXIT
FLEETDECK_TEST_DATABASE_URL="$pg_url" FLEETDECK_TEST_RESULTS_LABEL=postgres \
  pnpm exec turbo run test --filter=@fleetdeck/db --filter=@fleetdeck/server --force

log "end-to-end (Chromium)"
pnpm e2e

node scripts/summarize-tests.mjs "$results_dir" e2e/test-results/results.json
