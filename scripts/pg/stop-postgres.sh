#!/usr/bin/env bash
# Stops the throwaway PostgreSQL that start-postgres.sh started in DIR (default .tmp/pg at the
# repository root). Its data stays in DIR; delete the directory to throw it away.
# Idempotent: nothing running, nothing to do.
# Usage: scripts/pg/stop-postgres.sh [DIR]
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

data_dir="$(realpath -m "${1:-$default_data_dir}")"
[[ -f $data_dir/PG_VERSION ]] || exit 0
bin_dir="$(find_postgres_bin_dir)" || fail "cannot find pg_ctl to stop the cluster in $data_dir"
if cluster_is_running "$bin_dir" "$data_dir"; then
  run_quietly as_cluster_owner "$bin_dir/pg_ctl" -D "$data_dir" -m fast -w stop
fi
