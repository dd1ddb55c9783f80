#!/usr/bin/env bash
# Deploy storms on a fleet: regbench's thundering-herd through a round-robin balancer in front of 1, 2 and 3 registry
# nodes (the Release build) that share one PostgreSQL 15 database and one S3 bucket (s3rver), with
# Registry:Storage:RedirectPulls off (every byte flows s3rver -> node -> balancer -> client) and on (blob GETs answer
# 307 and the clients fetch the presigned URL from s3rver); REDIRECTS may also name "cache": redirects off with each
# node's read cache (Registry:Storage:S3:ReadCachePath), so each node reads a layer from s3rver once. Everything runs on loopback, on ports chosen free, and is
# started and stopped by this script. Writes the "Deploy storms: a fleet" section of docs/benchmarks.md
# (bench/fleet-report.py); the other sections stay.
#
#   bench/fleet.sh                    # 3 rounds of 1, 2, 3 nodes x redirects off/on x FLEET_CONFIGS (36 runs)
#   bench/fleet.sh --smoke            # proves the machinery: 1 round, 5 clients x 8 MiB, 1 and 2 nodes
#   ROUNDS=1 NODES="1 3" FLEET_CONFIGS=100x64MiB bench/fleet.sh
#
# Each run (one node count, one redirect setting, one round) gets a fresh database, a fresh key prefix in the bucket,
# fresh nodes (started one after another: the first applies the migrations) and a fresh balancer. The token signing
# key and the admin account live in the database, so a token fetched through one node works on all of them; the
# balancer sends every request to the next node in turn (HAProxy: mode http, balance roundrobin, no stickiness; or
# nginx's round-robin upstream), so one client's manifest, config and layer requests land on different nodes.
# A short push and pull through the balancer warms the nodes, then the herd runs; recorded per run: regbench's JSON
# (MB/s, wall, per-client p50/p99), each node's peak resident memory, and during the herd run (whose setup pushes the
# one image first) the CPU time of each node, PostgreSQL, s3rver, the balancer and the regbench clients, and HAProxy's
# counters: requests sent to each node and response bytes passed to the clients (none with redirects on).
#
# Environment: ROUNDS (3), NODES ("1 2 3"), FLEET_CONFIGS (clients x layer size, "50x64MiB 200x64MiB"),
# REDIRECTS ("off on"; "cache" is the third mode), BALANCER (haproxy, or nginx; installed with apt-get when missing and running as root),
# REGBENCH (path to regbench's run.sh; default ../shared/regbench/run.sh, or ../../shared from a worktree),
# OUT (docs/benchmarks.md), KEEP=1 keeps the work directory (logs of every process).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
smoke=0
if [ "${1:-}" = --smoke ]; then
  smoke=1
  shift
fi
if [ $# -gt 0 ]; then
  echo "usage: bench/fleet.sh [--smoke]   (settings through the environment; see the header)" >&2
  exit 2
fi
if [ "$smoke" = 1 ]; then
  rounds=${ROUNDS:-1}
  node_counts=${NODES:-1 2}
  configs=${FLEET_CONFIGS:-5x8MiB}
else
  rounds=${ROUNDS:-3}
  node_counts=${NODES:-1 2 3}
  configs=${FLEET_CONFIGS:-50x64MiB 200x64MiB}
fi
redirects=${REDIRECTS:-off on}
balancer=${BALANCER:-haproxy}
regbench=${REGBENCH:-$repo/../shared/regbench/run.sh}
# From a git worktree one level further down, the shared directory is one level further up.
[ -n "${REGBENCH:-}" ] || [ -x "$regbench" ] || [ ! -x "$repo/../../shared/regbench/run.sh" ] \
  || regbench=$(cd "$repo/../../shared/regbench" && pwd)/run.sh
out=${OUT:-$repo/docs/benchmarks.md}
pgbin=/usr/lib/postgresql/15/bin
s3rver_version=3.7.1 # as Registry.Tests/Support/S3Server.cs and .ci/install-tools
s3rver="$repo/.ci/node_modules-cache/node_modules/s3rver/bin/s3rver.js"
bench_password=bench-admin-password
bucket=fleet
work=$(mktemp -d /tmp/registry-fleet.XXXXXX)
chmod 755 "$work"
node_pids=()
lb_pid=""
s3_pid=""

stop_nodes() {
  local p
  for p in "${node_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${node_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  node_pids=()
  if [ -n "$lb_pid" ]; then
    kill "$lb_pid" 2>/dev/null || true
    wait "$lb_pid" 2>/dev/null || true
    lb_pid=""
  fi
}

cleanup() {
  stop_nodes
  if [ -n "$s3_pid" ]; then
    kill "$s3_pid" 2>/dev/null || true
    wait "$s3_pid" 2>/dev/null || true
  fi
  if [ -f "$work/pg/data/postmaster.pid" ]; then
    as_postgres "$pgbin/pg_ctl" stop -D "$work/pg/data" -m immediate -w >/dev/null 2>&1 || true
  fi
  [ "${KEEP:-0}" = 1 ] && echo "bench/fleet.sh: kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

need() { command -v "$1" >/dev/null 2>&1; }
install_packages() {
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=300 "$@" >/dev/null
  else
    echo "bench/fleet.sh: needs $* (apt-get install $*)" >&2
    exit 2
  fi
}
case "$balancer" in
  haproxy) need haproxy || [ -x /usr/sbin/haproxy ] || install_packages haproxy ;;
  nginx) need nginx || [ -x /usr/sbin/nginx ] || install_packages nginx ;;
  *) echo "bench/fleet.sh: BALANCER is haproxy or nginx, not $balancer" >&2; exit 2 ;;
esac
need go || install_packages golang-go
[ -x "$pgbin/initdb" ] || install_packages postgresql-15
need node && need npm || install_packages nodejs npm
if [ ! -f "$s3rver" ]; then
  echo "installing s3rver $s3rver_version into $repo/.ci/node_modules-cache..." >&2
  mkdir -p "$repo/.ci/node_modules-cache"
  NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS:-/etc/ssl/certs/ca-certificates.crt} timeout 300 \
    npm install --prefix "$repo/.ci/node_modules-cache" --no-audit --no-fund --no-save "s3rver@$s3rver_version" >&2
fi
[ -x "$regbench" ] || { echo "bench/fleet.sh: regbench not found at $regbench (set REGBENCH=)" >&2; exit 2; }
PATH=$PATH:/usr/sbin

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_port() {
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench/fleet.sh: nothing listens on port $1" >&2
  return 1
}

# Waits until GET $1/readyz answers 200 (the node reached PostgreSQL and S3).
wait_ready() {
  for _ in $(seq 1 600); do
    [ "$(curl -sS -o /dev/null -w '%{http_code}' "$1/readyz" 2>/dev/null || true)" = 200 ] && return 0
    sleep 0.1
  done
  echo "bench/fleet.sh: $1 did not become ready" >&2
  return 1
}

# CPU seconds (user + system) a process has used, with those of its children: waited-for ones (cutime, cstime) and
# the ones still running (PostgreSQL's backends, nginx's worker).
tree_cpu() {
  local pid=$1 hz total child
  hz=$(getconf CLK_TCK)
  total=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat" 2>/dev/null || echo 0)
  for child in $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
  done
  awk -v t="$total" -v hz="$hz" 'BEGIN {printf "%.2f\n", t / hz}'
}

# Runs a command (the last argument names the file for its output, as ">FILE") and prints the CPU seconds it and its
# children used, less regbench's run.sh up-to-date check: the clients' own work, mostly hashing what they receive.
# The subshell's `times` reports its waited-for children; it writes to a file, as a pipe would fork it first.
children_cpu() {
  local output=${*: -1} args=("${@:1:$#-1}")
  (
    "${args[@]}" >"${output#>}" 2>&1 || true
    times >"$work/times"
  )
  awk -v check="${build_check_cpu:-0}" 'NR == 2 {split($1, u, "m"); split($2, s, "m")
    v = u[1] * 60 + u[2] + s[1] * 60 + s[2] - check; printf "%.2f\n", v < 0 ? 0 : v}' "$work/times"
}

# HAProxy's counters: the requests each node was sent and the bytes the balancer sent to the clients, as
# "REQ1,REQ2,... BYTES"; "- -" for nginx (no such counters without a module).
balancer_counters() {
  [ "$balancer" = haproxy ] || { echo "- -"; return; }
  python3 - "$1" <<'PY'
import csv, socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"show stat\n")
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
rows = [r for r in csv.DictReader(data.decode().lstrip("# ").splitlines()) if r["pxname"] == "nodes"]
print(",".join(r["req_tot"] or "0" for r in rows if r["svname"] not in ("FRONTEND", "BACKEND")),
      next(r["bout"] for r in rows if r["svname"] == "BACKEND"))
PY
}

echo "building regbench and the registry (Release)..." >&2
"$regbench" -h >/dev/null 2>&1 || true
build_check_cpu=$(children_cpu "$regbench" -h ">/dev/null")
dotnet publish "$repo/Registry.Api" -c Release -o "$work/publish" --nologo -v quiet >/dev/null

echo "starting PostgreSQL 15 and s3rver..." >&2
mkdir -p "$work/pg" "$work/s3"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work/pg"
as_postgres "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
  --no-sync --no-instructions >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log" >&2; exit 1; }
pg_port=$(free_port)
as_postgres "$pgbin/pg_ctl" start -D "$work/pg/data" -l "$work/pg/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  >/dev/null || { cat "$work/pg/server.log" >&2; exit 1; }
pg_pid=$(head -1 "$work/pg/data/postmaster.pid")
s3_port=$(free_port)
node "$s3rver" --address 127.0.0.1 --port "$s3_port" --directory "$work/s3" --silent --configure-bucket "$bucket" \
  >"$work/s3rver.log" 2>&1 &
s3_pid=$!
wait_port "$s3_port"

# Starts $1 nodes on a fresh database and key prefix ($2 = run name, $3 = true|false for RedirectPulls, $4 = 1 for a
# read cache on each node), then the balancer in front of them; sets node_pids, node_ports and lb_port.
start_fleet() {
  local count=$1 name=$2 redirect=$3 cached=${4:-0} i port database cache
  database=$(echo "$name" | tr -c 'a-z0-9\n' '_')
  as_postgres "$pgbin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres "$database"
  node_ports=()
  for i in $(seq 1 "$count"); do
    port=$(free_port)
    mkdir -p "$work/$name/node$i"
    cache=""
    [ "$cached" = 1 ] && cache="$work/$name/node$i/read-cache"
    Registry__Metadata__Provider=postgres \
    Registry__Metadata__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$database;Maximum Pool Size=50" \
    Registry__Storage__Provider=s3 \
    Registry__Storage__Path="$work/$name/node$i" \
    Registry__Storage__S3__ServiceUrl="http://127.0.0.1:$s3_port" \
    Registry__Storage__S3__Bucket="$bucket" \
    Registry__Storage__S3__Prefix="$name" \
    Registry__Storage__S3__ForcePathStyle=true \
    Registry__Storage__S3__AccessKey=S3RVER \
    Registry__Storage__S3__SecretKey=S3RVER \
    Registry__Storage__RedirectPulls="$redirect" \
    Registry__Storage__S3__ReadCachePath="$cache" \
    Registry__Auth__AdminPassword="$bench_password" \
    Logging__LogLevel__Default=Warning \
      dotnet "$work/publish/Registry.Api.dll" --urls "http://127.0.0.1:$port" >"$work/$name/node$i.log" 2>&1 &
    node_pids+=($!)
    node_ports+=("$port")
    # One after another, as the multi-node tests do: the first applies the migrations, the others find them done.
    wait_ready "http://127.0.0.1:$port" || { tail -50 "$work/$name/node$i.log" >&2; return 1; }
  done
  lb_port=$(free_port)
  if [ "$balancer" = haproxy ]; then
    {
      echo "global"
      echo "    maxconn 8192"
      echo "    stats socket $work/$name/haproxy.sock mode 600 level operator"
      echo "defaults"
      echo "    mode http"
      echo "    timeout connect 5s"
      # Inactivity limits only: a big layer streams for as long as bytes keep flowing.
      echo "    timeout client 10m"
      echo "    timeout server 10m"
      echo "    timeout http-request 60s"
      echo "    timeout http-keep-alive 60s"
      echo "frontend registry"
      echo "    bind 127.0.0.1:$lb_port"
      echo "    default_backend nodes"
      echo "backend nodes"
      echo "    balance roundrobin"
      for i in "${!node_ports[@]}"; do echo "    server node$((i + 1)) 127.0.0.1:${node_ports[$i]}"; done
    } >"$work/$name/haproxy.cfg"
    haproxy -db -f "$work/$name/haproxy.cfg" >"$work/$name/haproxy.log" 2>&1 &
  else
    mkdir -p "$work/$name/nginx"
    {
      echo "daemon off; worker_processes 1; pid $work/$name/nginx.pid; error_log $work/$name/nginx-error.log;"
      echo "events { worker_connections 8192; }"
      echo "http {"
      echo "  access_log off; client_max_body_size 0; proxy_request_buffering off; proxy_buffering off;"
      echo "  client_body_temp_path $work/$name/nginx; proxy_temp_path $work/$name/nginx;"
      echo "  upstream nodes {"
      for port in "${node_ports[@]}"; do echo "    server 127.0.0.1:$port;"; done
      echo "    keepalive 64;"
      echo "  }"
      echo "  server {"
      echo "    listen 127.0.0.1:$lb_port;"
      echo "    location / {"
      echo "      proxy_pass http://nodes; proxy_http_version 1.1; proxy_set_header Connection \"\";"
      echo "      proxy_set_header Host \$http_host; proxy_read_timeout 10m; proxy_send_timeout 10m;"
      echo "    }"
      echo "  }"
      echo "}"
    } >"$work/$name/nginx.conf"
    nginx -c "$work/$name/nginx.conf" >"$work/$name/nginx.log" 2>&1 &
  fi
  lb_pid=$!
  wait_port "$lb_port"
}

# One herd through a fresh fleet; $1 = nodes, $2 = off|on|cache (redirects), $3 = round, $4 = clients, $5 = layer size.
measure() {
  local count=$1 mode=$2 round=$3 clients=$4 size=$5 name redirect url i before_nodes=() after_nodes=()
  local before_pg before_s3 before_lb cpu rss clients_cpu before_requests before_bytes after_requests after_bytes
  local requests lb_mb
  name="fleet-${clients}x$size-n$count-$mode-r$round"
  [ "$mode" = on ] && redirect=true || redirect=false
  mkdir -p "$work/$name"
  echo "round $round: $count node(s), redirects $mode, $clients clients x $size" >&2
  start_fleet "$count" "$name" "$redirect" "$([ "$mode" = cache ] && echo 1 || echo 0)"
  url="http://127.0.0.1:$lb_port"
  # A short push and pull through the balancer first, so no node meets the storm cold.
  "$regbench" -url "$url" -user admin -pass "$bench_password" -q -scenario push-mono,pull-blob -n 4 -d 5s \
    >"$work/$name/warmup.txt" 2>&1 || true
  cat /proc/loadavg >"$work/$name.load"
  for i in "${!node_pids[@]}"; do before_nodes+=("$(tree_cpu "${node_pids[$i]}")"); done
  before_pg=$(tree_cpu "$pg_pid")
  before_s3=$(tree_cpu "$s3_pid")
  before_lb=$(tree_cpu "$lb_pid")
  read -r before_requests before_bytes <<<"$(balancer_counters "$work/$name/haproxy.sock")"
  clients_cpu=$(children_cpu "$regbench" -url "$url" -user admin -pass "$bench_password" -q -scenario thundering-herd \
    -herd-c "$clients" -herd-size "$size" -timeout 1h -json-out "$work/$name.json" ">$work/$name.txt")
  for i in "${!node_pids[@]}"; do after_nodes+=("$(tree_cpu "${node_pids[$i]}")"); done
  read -r after_requests after_bytes <<<"$(balancer_counters "$work/$name/haproxy.sock")"
  if [ "$before_bytes" = - ]; then
    requests=""
    lb_mb=null
  else
    requests=$(paste -d ' ' <(tr ',' '\n' <<<"$before_requests") <(tr ',' '\n' <<<"$after_requests") \
      | awk '{printf "%s%d", (NR > 1 ? "," : ""), $2 - $1}')
    lb_mb=$(awk -v a="$before_bytes" -v b="$after_bytes" 'BEGIN {printf "%.1f", (b - a) / 1e6}')
  fi
  cpu=""
  rss=""
  for i in "${!node_pids[@]}"; do
    cpu+="${cpu:+,}$(awk -v a="${before_nodes[$i]}" -v b="${after_nodes[$i]}" 'BEGIN {printf "%.2f", b - a}')"
    rss+="${rss:+,}$(awk '/VmHWM/ {print $2}' "/proc/${node_pids[$i]}/status")"
  done
  printf '{"node_cpu_s": [%s], "node_peak_kib": [%s], "node_requests": [%s], "balancer_mb": %s, "postgres_cpu_s": %s, "s3rver_cpu_s": %s, "balancer_cpu_s": %s, "clients_cpu_s": %s, "balancer": "%s"}\n' \
    "$cpu" "$rss" "$requests" "$lb_mb" \
    "$(awk -v a="$before_pg" -v b="$(tree_cpu "$pg_pid")" 'BEGIN {printf "%.2f", b - a}')" \
    "$(awk -v a="$before_s3" -v b="$(tree_cpu "$s3_pid")" 'BEGIN {printf "%.2f", b - a}')" \
    "$(awk -v a="$before_lb" -v b="$(tree_cpu "$lb_pid")" 'BEGIN {printf "%.2f", b - a}')" \
    "$clients_cpu" "$balancer" >"$work/$name.cost.json"
  grep -h 'MB/s' "$work/$name.txt" >&2 || tail -3 "$work/$name.txt" >&2
  stop_nodes
  # The run's objects are not read again; dropping them keeps s3rver's directory at one run's size.
  rm -rf "${work:?}/s3/$bucket/$name"
}

for round in $(seq 1 "$rounds"); do
  # Alternate the order, so drift in the machine's state favours neither end of the table.
  if [ $((round % 2)) = 1 ]; then order=$node_counts; else order=$(echo "$node_counts" | tr ' ' '\n' | tac | tr '\n' ' '); fi
  for config in $configs; do
    for count in $order; do
      for mode in $redirects; do
        measure "$count" "$mode" "$round" "${config%%x*}" "${config#*x}"
      done
    done
  done
done

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
# The registry measured is the working tree's: say so when its code differs from the commit.
if [ -n "$(git -C "$repo" status --porcelain -- Registry.Api Registry.Core Registry.Storage 2>/dev/null)" ]; then
  commit="$commit + uncommitted changes"
fi
python3 "$here/fleet-report.py" "$work" "$rounds" "$commit" "$out" "$smoke" "$balancer" "$node_counts" "$redirects" $configs
echo "wrote $out" >&2
