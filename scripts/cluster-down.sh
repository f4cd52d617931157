#!/usr/bin/env bash
# Stops what scripts/cluster-up.sh started, by PID, then the throwaway PostgreSQL.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/.run/cluster"
if [ -f "$run/pids" ]; then
  while read -r pid; do kill -TERM "$pid" 2>/dev/null; done <"$run/pids"
  for _ in $(seq 1 60); do
    alive=0
    while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$run/pids"
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  while read -r pid; do kill -KILL "$pid" 2>/dev/null; done <"$run/pids"
fi
"$root/scripts/postgres.sh" stop "$run/postgres"
rm -rf "$run"
echo "Cluster stopped."
