# shellcheck shell=bash
# Shared by start-postgres.sh and stop-postgres.sh (sourced, not run).

# .tmp/pg at the repository root, wherever the scripts are run from.
# shellcheck disable=SC2034 # used by the scripts that source this file
default_data_dir="$(realpath -m "$(dirname "${BASH_SOURCE[0]}")/../../.tmp/pg")"

fail() {
  echo "$(basename "$0"): $*" >&2
  exit 1
}

# Runs a command silently; shows its output only if it fails.
run_quietly() {
  local output
  if ! output="$("$@" 2>&1)"; then
    echo "$output" >&2
    fail "failed: $*"
  fi
}

# Prints the directory holding initdb and pg_ctl, or fails.
find_postgres_bin_dir() {
  local pg_ctl
  if pg_ctl="$(command -v pg_ctl)" && command -v initdb >/dev/null; then
    dirname "$(readlink -f "$pg_ctl")"
    return
  fi
  # Debian keeps the server binaries off PATH, one directory per major version.
  local newest
  newest="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)"
  [[ -n $newest && -x $newest/initdb && -x $newest/pg_ctl ]] || return 1
  echo "$newest"
}

# The server refuses to run as root, so as root the cluster belongs to the postgres user. Runs
# from / so that a working directory that user cannot enter does not matter.
as_cluster_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

cluster_is_running() {
  as_cluster_owner "$1/pg_ctl" -D "$2" status >/dev/null 2>&1
}
