#!/usr/bin/env bash
# Starts a local cluster on loopback: a throwaway PostgreSQL, migrations, 2 silos and 1 Api in cluster mode, talking
# mutual TLS with certificates from a throwaway CA. Stop it with scripts/cluster-down.sh. State, certificates and logs
# live in .run/cluster/.
#   PG_PORT (55432) SILO_PORTS (11111 11112) GATEWAY_PORTS (30000 30001) SILO_HTTP_PORTS (5090 5091) API_PORT (5080)
#   ADMIN_OPERATOR_KEY
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
run="$root/.run/cluster"
[ -e "$run/pids" ] && { echo "A cluster seems to be running ($run/pids); run scripts/cluster-down.sh first." >&2; exit 1; }

pg_port=${PG_PORT:-55432}
read -r -a silo_ports <<<"${SILO_PORTS:-11111 11112}"
read -r -a gateway_ports <<<"${GATEWAY_PORTS:-30000 30001}"
read -r -a silo_http_ports <<<"${SILO_HTTP_PORTS:-5090 5091}"
api_port=${API_PORT:-5080}
operator_key=${ADMIN_OPERATOR_KEY:-$(head -c 24 /dev/urandom | base64 | tr -d '/+=')}

# Every port must be free before anything starts, so what later answers on it can only be ours.
busy=()
for entry in "PG_PORT:$pg_port" "SILO_PORTS:${silo_ports[0]}" "SILO_PORTS:${silo_ports[1]}" "GATEWAY_PORTS:${gateway_ports[0]}" \
  "GATEWAY_PORTS:${gateway_ports[1]}" "SILO_HTTP_PORTS:${silo_http_ports[0]}" "SILO_HTTP_PORTS:${silo_http_ports[1]}" "API_PORT:$api_port"; do
  port=${entry#*:}
  if [ -n "$(ss -Hltn "sport = :$port")" ]; then busy+=("$port (${entry%%:*})"); fi
done
if [ ${#busy[@]} -gt 0 ]; then
  echo "Port(s) already in use on this machine: ${busy[*]}. Stop what holds them or choose others, e.g. API_PORT=5180." >&2
  exit 1
fi
mkdir -p "$run"

echo "Building (Release)..."
dotnet build "$root/Platform.sln" -c Release -nologo -v q >"$run/build.log" 2>&1 || { cat "$run/build.log"; exit 1; }

# A throwaway cluster CA and one member certificate (server and client authentication) for every process.
tls="$run/tls"
mkdir -p "$tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=local cluster CA" \
  -addext basicConstraints=critical,CA:TRUE,pathlen:0 -addext keyUsage=critical,keyCertSign,cRLSign \
  -keyout "$tls/ca.key" -out "$tls/ca.crt" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=local cluster member" \
  -keyout "$tls/tls.key" -out "$tls/tls.csr" 2>/dev/null
openssl x509 -req -in "$tls/tls.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" -CAcreateserial -days 7 -out "$tls/tls.crt" \
  -extfile <(printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n') 2>/dev/null
chmod 600 "$tls"/*.key

connection=$("$root/scripts/postgres.sh" start "$run/postgres" "$pg_port")
secret() { head -c 24 /dev/urandom | base64 | tr -d '/+='; }
# One database role per duty (see DatabaseRoles): migrate creates them; each process connects only as what it needs.
export Database__Roles__Prefix=local
for role in Owner Orleans AuditWriter AuditReader; do export "Database__Roles__${role}Password=$(secret)"; done
as_role() { echo "Host=127.0.0.1;Port=$pg_port;Database=postgres;Username=local_$1;Password=$2"; }
export Hosting__Mode=Cluster
export Hosting__ClusterId=${CLUSTER_ID:-local}
export Hosting__ServiceId=${SERVICE_ID:-local}
# Advertised on loopback, so silos listen on loopback only.
export Hosting__AdvertisedAddress=127.0.0.1
export Hosting__Tls__CertificatePath="$tls/tls.crt" Hosting__Tls__KeyPath="$tls/tls.key" Hosting__Tls__AuthorityPath="$tls/ca.crt"
# A throwaway key ring for sealing tokens at rest; production takes it from a Kubernetes Secret.
export Security__KeyRing__ActiveKeyId=local1
Security__KeyRing__Keys__local1=$(head -c 32 /dev/urandom | base64)
export Security__KeyRing__Keys__local1
# The audit chain's HMAC key, apart from the sealing keys.
export Audit__ChainKeys__ActiveKeyId=local1
Audit__ChainKeys__Keys__local1=$(head -c 32 /dev/urandom | base64)
export Audit__ChainKeys__Keys__local1
export PublicEndpoint__BaseUrl="http://127.0.0.1:$api_port"

Database__MigratorConnectionString="$connection" dotnet "$root/src/Silo/bin/Release/net10.0/Silo.dll" migrate
export Hosting__PostgresConnectionString; Hosting__PostgresConnectionString=$(as_role orleans "$Database__Roles__OrleansPassword")
export Audit__WriterConnectionString; Audit__WriterConnectionString=$(as_role audit_writer "$Database__Roles__AuditWriterPassword")
export Audit__ReaderConnectionString; Audit__ReaderConnectionString=$(as_role audit_reader "$Database__Roles__AuditReaderPassword")
unset Database__Roles__OwnerPassword Database__Roles__OrleansPassword Database__Roles__AuditWriterPassword Database__Roles__AuditReaderPassword

# Ready when the process we started, and no other, listens on the port and answers its readiness check.
wait_ready() {
  local pid=$1 port=$2 name=$3
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited before it was ready; see $run/$name.log" >&2; tail -n 20 "$run/$name.log" >&2; return 1; }
    if ss -Hltnp "sport = :$port" | grep -q "pid=$pid," && curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.5
  done
  echo "$name did not become ready; see $run/$name.log" >&2
  return 1
}

for i in 0 1; do
  name="silo$((i + 1))"
  started=$(date +%s%N)
  Hosting__SiloPort=${silo_ports[$i]} Hosting__GatewayPort=${gateway_ports[$i]} Urls="http://127.0.0.1:${silo_http_ports[$i]}" \
    nohup dotnet "$root/src/Silo/bin/Release/net10.0/Silo.dll" >"$run/$name.log" 2>&1 &
  pid=$!
  echo "$pid" >>"$run/pids"
  wait_ready "$pid" "${silo_http_ports[$i]}" "$name"
  echo "$name ready in $((($(date +%s%N) - started) / 1000000)) ms (silo port ${silo_ports[$i]}, gateway ${gateway_ports[$i]}, health http://127.0.0.1:${silo_http_ports[$i]})"
done

Admin__OperatorKey=$operator_key Urls="http://127.0.0.1:$api_port" \
  nohup dotnet "$root/src/Api/bin/Release/net10.0/Api.dll" >"$run/api.log" 2>&1 &
pid=$!
echo "$pid" >>"$run/pids"
wait_ready "$pid" "$api_port" api
echo "$operator_key" >"$run/operator-key"
chmod 600 "$run/operator-key"

echo "Cluster is up: Api http://127.0.0.1:$api_port (operator key in $run/operator-key), PostgreSQL $connection"
