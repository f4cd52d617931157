#!/usr/bin/env bash
# A throwaway PostgreSQL 15 on 127.0.0.1 for tests, CI and the local cluster.
#   scripts/postgres.sh start DIR PORT   -> creates the server in DIR, starts it, prints the connection string
#   scripts/postgres.sh halt DIR         -> stops the server, keeping its data (as a database restart or outage would)
#   scripts/postgres.sh resume DIR       -> starts a halted server again on its port
#   scripts/postgres.sh stop DIR         -> stops the server and deletes DIR
# As root, the server runs as the 'postgres' user (PostgreSQL refuses to run as root).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
usage="usage: postgres.sh start DIR PORT | halt DIR | resume DIR | stop DIR"
command=${1:?$usage}
dir=${2:?$usage}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

run_server() {
  as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $1 -k $dir -c max_connections=300 -c fsync=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
}

case "$command" in
  start)
    port=${3:?$usage}
    [ -x "$PG_BIN/initdb" ] || { echo "PostgreSQL 15 is not installed at $PG_BIN" >&2; exit 1; }
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    run_server "$port"
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  halt)
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  resume)
    run_server "$(cat "$dir/port")"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "$usage" >&2
    exit 2
    ;;
esac
