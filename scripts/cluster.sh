#!/usr/bin/env bash
# A LiveCommerce cluster on this machine: one redis-server and three LiveHost processes that form one
# Orleans cluster through it (docs/cluster.md). Prints the URLs; Ctrl+C stops everything it started
# (the hosts first, then Redis).
#
#   scripts/cluster.sh [--hosts N] [--no-build] [--fresh]
#
# Environment (all optional): HTTP_PORT (5001: hosts on 5001, 5002, ...), SILO_PORT (11111),
# GATEWAY_PORT (30000), REDIS_PORT (6380), CLUSTER_DIR (data and logs; /tmp/livecommerce-cluster),
# CONFIGURATION (Release), AUTH_SIGNING_KEY (random per run; every host gets the same one).
set -euo pipefail
cd "$(dirname "$0")/.."

hosts=3
build=1
fresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --hosts) hosts="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --fresh) fresh=1; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

http_port=${HTTP_PORT:-5001}
silo_port=${SILO_PORT:-11111}
gateway_port=${GATEWAY_PORT:-30000}
redis_port=${REDIS_PORT:-6380}
dir=${CLUSTER_DIR:-${TMPDIR:-/tmp}/livecommerce-cluster}
configuration=${CONFIGURATION:-Release}
signing_key=${AUTH_SIGNING_KEY:-$(head -c 48 /dev/urandom | base64 | tr -d '/+=\n' | head -c 48)}

if ! command -v redis-server >/dev/null 2>&1; then
  echo "Installing redis-server..."
  if [ "$(id -u)" = "0" ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
fi

# Answers 0 when something on 127.0.0.1:$1 answers "$2" with HTTP 200 (bash only, no curl needed).
http_ok() (
  exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
  IFS= read -r -t 10 line <&3 || exit 1
  [[ "$line" == *" 200 "* ]]
) 2>/dev/null
redis_ping() { redis-cli -h 127.0.0.1 -p "$redis_port" ping 2>/dev/null | grep -q PONG; }

if redis_ping; then
  echo "Something already answers on 127.0.0.1:$redis_port: stop it or choose another REDIS_PORT." >&2
  exit 1
fi

if [ "$build" = "1" ]; then
  echo "Building LiveHost ($configuration)..."
  dotnet build src/LiveHost/LiveHost.csproj -c "$configuration" --nologo -v q -clp:ErrorsOnly
fi
dll="src/LiveHost/bin/$configuration/net10.0/LiveCommerce.LiveHost.dll"
[ -f "$dll" ] || { echo "$dll is missing: run without --no-build" >&2; exit 1; }
content_root="$(cd "$(dirname "$dll")" && pwd)"

[ "$fresh" = "1" ] && rm -rf "$dir"
mkdir -p "$dir/redis"
pids=()
redis_pid=""
stopping=0
stop_all() {
  [ "$stopping" = "1" ] && return
  stopping=1
  # Output may be gone (a pipe closed by the same Ctrl+C): never let that stop the cleaning up.
  trap '' PIPE
  { echo; echo "Stopping the hosts, then redis-server..."; } 2>/dev/null || true
  # The hosts first (while Redis still answers, so they leave the cluster cleanly), then Redis.
  for pid in "${pids[@]}"; do [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=0
    for pid in "${pids[@]}"; do [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = "0" ] && break
    sleep 0.2
  done
  for pid in "${pids[@]}"; do [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null || true; done
  if [ -n "$redis_pid" ]; then
    kill -TERM "$redis_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$redis_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$redis_pid" 2>/dev/null || true
  fi
  wait 2>/dev/null || true
  echo "Stopped. Data and logs are in $dir" 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Redis with an append-only file, so that grain state and membership survive a Redis restart.
# Its own session, so that Ctrl+C in the terminal does not stop it before the hosts have left.
setsid redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$dir/redis" --appendonly yes --appendfsync everysec \
  --save "" --daemonize no --logfile "$dir/redis.log" &
redis_pid=$!
for _ in $(seq 1 50); do redis_ping && break; sleep 0.1; done
redis_ping || { echo "redis-server did not start: see $dir/redis.log" >&2; exit 1; }

for i in $(seq 0 $((hosts - 1))); do
  ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production} dotnet "$dll" \
    --contentRoot "$content_root" \
    --urls "http://127.0.0.1:$((http_port + i))" \
    --Orleans:SiloPort=$((silo_port + i)) \
    --Orleans:GatewayPort=$((gateway_port + i)) \
    --Orleans:ClusterDiagnostics=true \
    --ConnectionStrings:Redis="127.0.0.1:$redis_port" \
    --Auth:SigningKey="$signing_key" \
    --Auth:DevTokens=true \
    > "$dir/host$((i + 1)).log" 2>&1 &
  pids+=($!)
done

echo "Waiting for $hosts hosts to join the cluster..."
for i in $(seq 0 $((hosts - 1))); do
  port=$((http_port + i))
  for _ in $(seq 1 300); do
    http_ok "$port" /health/ready && break
    kill -0 "${pids[$i]}" 2>/dev/null || { echo "host $((i + 1)) exited: see $dir/host$((i + 1)).log" >&2; tail -n 20 "$dir/host$((i + 1)).log" >&2; exit 1; }
    sleep 0.2
  done
  http_ok "$port" /health/ready || { echo "host $((i + 1)) is not ready: see $dir/host$((i + 1)).log" >&2; exit 1; }
done

echo
echo "LiveCommerce cluster: $hosts hosts over redis-server 127.0.0.1:$redis_port"
for i in $(seq 0 $((hosts - 1))); do
  url="http://127.0.0.1:$((http_port + i))"
  echo "  host $((i + 1)): $url  (hub $url/hubs/live, silo port $((silo_port + i)), log $dir/host$((i + 1)).log)"
done
echo
echo "  demo room:      curl http://127.0.0.1:$http_port/api/rooms/demo"
echo "  a token:        curl -X POST http://127.0.0.1:$((http_port + 1))/api/dev/token -H 'content-type: application/json' -d '{\"userId\":\"u1\",\"role\":\"viewer\"}'"
echo "  cluster status: curl 'http://127.0.0.1:$http_port/health/cluster?room=demo'"
echo
echo "Press Ctrl+C to stop all of it."

while true; do
  for i in $(seq 0 $((hosts - 1))); do
    pid=${pids[$i]}
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "host $((i + 1)) has exited (see $dir/host$((i + 1)).log); the others carry on."
      pids[$i]=""
    fi
  done
  sleep 1
done
