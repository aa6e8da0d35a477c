#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for tests and prints its URL as the last line of stdout:
#   postgres://postgres@127.0.0.1:PORT/fleetdeck_test
# The cluster lives in DIR (default .tmp/pg at the repository root), listens only on 127.0.0.1
# (no Unix socket), trusts every local connection and keeps nothing safe from a crash: never use
# it for real data.
# Usage: scripts/pg/start-postgres.sh [DIR]     PGPORT: first port to try (default 54329)
# Idempotent: a running cluster is left alone, a stopped one is started again.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

data_dir="$(realpath -m "${1:-$default_data_dir}")"
database=fleetdeck_test

install_postgres() {
  [[ $(id -u) -eq 0 ]] || fail "PostgreSQL (initdb, pg_ctl) is not installed; install Debian's postgresql package"
  run_quietly apt-get update
  run_quietly env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port="${PGPORT:-54329}" last=$((${PGPORT:-54329} + 100))
  while port_in_use "$port"; do
    port=$((port + 1))
    ((port <= last)) || fail "no free port on 127.0.0.1 from ${PGPORT:-54329} to $last"
  done
  echo "$port"
}

create_cluster() {
  mkdir -p "$data_dir"
  [[ -z "$(ls -A "$data_dir")" ]] || fail "$data_dir is neither empty nor a PostgreSQL cluster"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || fail "there is no postgres user to own the cluster (the server refuses to run as root)"
    chown postgres: "$data_dir"
  fi
  chmod 700 "$data_dir"
  as_cluster_owner test -w "$data_dir" ||
    fail "the postgres user cannot reach $data_dir (a parent directory is closed to it): pick a directory under /tmp"
  run_quietly as_cluster_owner "$bin_dir/initdb" -D "$data_dir" -U postgres --auth=trust --encoding=UTF8 --locale=C
  # Test data is thrown away, so durability is traded for speed.
  cat >>"$data_dir/postgresql.conf" <<'CONF'

# fleetdeck throwaway test cluster (scripts/pg/start-postgres.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
}

start_cluster() {
  local port
  port="$(free_port)"
  if ! as_cluster_owner "$bin_dir/pg_ctl" -D "$data_dir" -l "$data_dir/server.log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
    tail -n 20 "$data_dir/server.log" >&2 || true
    fail "PostgreSQL in $data_dir did not start on 127.0.0.1:$port (log: $data_dir/server.log)"
  fi
}

bin_dir="$(find_postgres_bin_dir)" || {
  install_postgres
  bin_dir="$(find_postgres_bin_dir)" || fail "postgresql is installed but initdb/pg_ctl are not in /usr/lib/postgresql/*/bin"
}
[[ -f $data_dir/PG_VERSION ]] || create_cluster
cluster_is_running "$bin_dir" "$data_dir" || start_cluster

# The fourth line of postmaster.pid is the port the running server listens on.
port="$(sed -n 4p "$data_dir/postmaster.pid")"
psql_admin() {
  "$bin_dir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}
if [[ "$(psql_admin -tAc "select 1 from pg_database where datname = '$database'")" != 1 ]]; then
  run_quietly psql_admin -c "create database $database"
fi
echo "postgres://postgres@127.0.0.1:$port/$database"
