#!/usr/bin/env bash
# Starts a local cluster on loopback: a throwaway PostgreSQL, migrations, 2 silos and 1 Api in cluster mode.
# Stop it with scripts/cluster-down.sh. State and logs live in .run/cluster/.
#   PG_PORT (55432) SILO_PORTS (11111 11112) GATEWAY_PORTS (30000 30001) API_PORT (5080) ADMIN_OPERATOR_KEY
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/.run/cluster"
[ -e "$run/pids" ] && { echo "A cluster seems to be running ($run/pids); run scripts/cluster-down.sh first." >&2; exit 1; }
mkdir -p "$run"

pg_port=${PG_PORT:-55432}
read -r -a silo_ports <<<"${SILO_PORTS:-11111 11112}"
read -r -a gateway_ports <<<"${GATEWAY_PORTS:-30000 30001}"
api_port=${API_PORT:-5080}
operator_key=${ADMIN_OPERATOR_KEY:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}

echo "Building (Release)..."
dotnet build "$root/Platform.sln" -c Release -nologo -v q >"$run/build.log" 2>&1 || { cat "$run/build.log"; exit 1; }

connection=$("$root/scripts/postgres.sh" start "$run/postgres" "$pg_port")
secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
# One database role per duty (see DatabaseRoles): migrate creates them; each process connects only as what it needs.
export Database__Roles__Prefix=local
for role in Owner Orleans AuditWriter AuditReader; do export "Database__Roles__${role}Password=$(secret)"; done
as_role() { echo "Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=local_$1;Password=$2"; }
export Hosting__Mode=Cluster
export Hosting__ClusterId=${CLUSTER_ID:-local}
export Hosting__ServiceId=${SERVICE_ID:-local}
export Hosting__AdvertisedAddress=127.0.0.1
# A throwaway key ring for sealing tokens at rest; production takes it from a Kubernetes Secret.
export Security__KeyRing__ActiveKeyId=local1
Security__KeyRing__Keys__local1=$(head -c 32 /dev/urandom | base64)
export Security__KeyRing__Keys__local1
# The audit chain's HMAC key, apart from the sealing keys.
export Audit__ChainKeys__ActiveKeyId=local1
Audit__ChainKeys__Keys__local1=$(head -c 32 /dev/urandom | base64)
export Audit__ChainKeys__Keys__local1
export PublicEndpoint__BaseUrl="http://127.0.0.1:$api_port"

Hosting__PostgresConnectionString="$connection" dotnet "$root/src/Silo/bin/Release/net10.0/Silo.dll" migrate
export Hosting__PostgresConnectionString; Hosting__PostgresConnectionString=$(as_role orleans "$Database__Roles__OrleansPassword")
export Audit__WriterConnectionString; Audit__WriterConnectionString=$(as_role audit_writer "$Database__Roles__AuditWriterPassword")
export Audit__ReaderConnectionString; Audit__ReaderConnectionString=$(as_role audit_reader "$Database__Roles__AuditReaderPassword")
unset Database__Roles__OwnerPassword Database__Roles__OrleansPassword Database__Roles__AuditWriterPassword Database__Roles__AuditReaderPassword

wait_ready() {
  for _ in $(seq 1 120); do
    curl -fs "$1/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "$2 did not become ready; see $run/$2.log" >&2
  return 1
}

for i in 0 1; do
  name="silo$((i + 1))"
  health="http://127.0.0.1:$((5090 + i))"
  started=$(date +%s%N)
  Hosting__SiloPort=${silo_ports[$i]} Hosting__GatewayPort=${gateway_ports[$i]} Urls=$health \
    nohup dotnet "$root/src/Silo/bin/Release/net10.0/Silo.dll" >"$run/$name.log" 2>&1 &
  echo "$!" >>"$run/pids"
  wait_ready "$health" "$name"
  echo "$name ready in $((($(date +%s%N) - started) / 1000000)) ms (silo port ${silo_ports[$i]}, gateway ${gateway_ports[$i]}, health $health)"
done

Admin__OperatorKey=$operator_key Urls="http://127.0.0.1:$api_port" \
  nohup dotnet "$root/src/Api/bin/Release/net10.0/Api.dll" >"$run/api.log" 2>&1 &
echo "$!" >>"$run/pids"
wait_ready "http://127.0.0.1:$api_port" api
echo "$operator_key" >"$run/operator-key"
chmod 600 "$run/operator-key"

echo "Cluster is up: Api http://127.0.0.1:$api_port (operator key in $run/operator-key), PostgreSQL $connection"
