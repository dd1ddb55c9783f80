#!/usr/bin/env bash
# Deploy storms on S3: regbench's thundering-herd against this registry on s3rver with Registry:Storage:RedirectPulls
# off (the registry streams every layer from the store), off with the node's read cache (Registry:Storage:S3:
# ReadCachePath: the registry copies each layer from the store once and serves every client from that copy) and on
# (it answers 307 to a presigned URL and the clients fetch the layer from the store themselves), beside CNCF
# Distribution on its filesystem driver as the usual peer (Distribution's own s3 driver is not run). All on loopback, alternating the order by round.
#
#   bench/herd-s3.sh                                  # 3 rounds of 50 clients x 64 MiB
#   ROUNDS=1 HERD_CONFIGS="5x8MiB" bench/herd-s3.sh   # a smoke run
#
# Each measurement gets a fresh registry and a fresh s3rver (node, from .ci/node_modules-cache: run .ci/install-tools
# first) with one bucket, a check that a blob GET answers 307 with redirects and 200 without, a short push and pull
# to warm up, then one thundering-herd run. regbench follows the 307 to s3rver (Go's HTTP client drops its bearer
# token on a redirect to another host:port). Prints one line per measurement (wall time, MB/s, client p50/max, CPU
# seconds of the registry and of s3rver, the registry's peak RSS) and a median table; it writes nothing into docs/.
# s3rver is a single node process: with redirects it serves every byte, so it bounds the figure on one machine.
#
# Environment: ROUNDS (3), HERD_CONFIGS ("50x64MiB"; clients x layer size, space-separated), REGBENCH (path to
# regbench's run.sh; default ../shared/regbench/run.sh), KEEP=1 keeps the work directory, TARGETS (default
# "s3 s3-cache s3-redirect distribution").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${ROUNDS:-3}
herd_configs=${HERD_CONFIGS:-50x64MiB}
targets=${TARGETS:-s3 s3-cache s3-redirect distribution}
regbench=${REGBENCH:-$repo/../shared/regbench/run.sh}
s3rver="$repo/.ci/node_modules-cache/node_modules/s3rver/bin/s3rver.js"
work=$(mktemp -d /tmp/registry-herd-s3.XXXXXX)
password=bench-admin-password
pid=""
s3pid=""

cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "$s3pid" ] && kill "$s3pid" 2>/dev/null && wait "$s3pid" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

for tool in node docker-registry python3 curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench/herd-s3.sh: needs $tool (run .ci/install-tools)" >&2; exit 2; }
done
[ -f "$s3rver" ] || { echo "bench/herd-s3.sh: s3rver is not installed at $s3rver; run .ci/install-tools" >&2; exit 2; }
[ -x "$regbench" ] || { echo "bench/herd-s3.sh: regbench not found at $regbench (set REGBENCH=)" >&2; exit 2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_http() {
  for _ in $(seq 1 150); do
    code=$(curl -sS -o /dev/null -w '%{http_code}' "$1" 2>/dev/null) || code=000
    [ "$code" != 000 ] && return 0
    sleep 0.1
  done
  echo "bench/herd-s3.sh: nothing answers at $1" >&2
  return 1
}

cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$1/stat"
}

echo "building the registry (Release)..." >&2
dotnet publish "$repo/Registry.Api" -c Release -o "$work/publish" --nologo -v quiet >/dev/null

# Starts s3rver on a fresh directory with the bucket "bench"; sets s3pid and s3port.
start_s3() {
  s3port=$(free_port)
  mkdir -p "$data/s3"
  node "$s3rver" --address 127.0.0.1 --port "$s3port" --directory "$data/s3" --silent --no-vhost-buckets \
    --configure-bucket bench >"$work/$name.s3rver.log" 2>&1 &
  s3pid=$!
  wait_http "http://127.0.0.1:$s3port/"
}

# Starts the target of $1 on fresh storage in $data; sets pid and port.
start_target() {
  port=$(free_port)
  mkdir -p "$data"
  case "$1" in
    s3|s3-cache|s3-redirect)
      start_s3
      local redirect=false cache=""
      [ "$1" = s3-redirect ] && redirect=true
      [ "$1" = s3-cache ] && cache="$data/read-cache"
      Registry__Storage__Path="$data/registry" Registry__Auth__AdminPassword="$password" Logging__LogLevel__Default=Warning \
        Registry__Storage__Provider=s3 Registry__Storage__S3__ServiceUrl="http://127.0.0.1:$s3port" \
        Registry__Storage__S3__Bucket=bench Registry__Storage__S3__Prefix=registry Registry__Storage__S3__ForcePathStyle=true \
        Registry__Storage__S3__AccessKey=S3RVER Registry__Storage__S3__SecretKey=S3RVER \
        Registry__Storage__RedirectPulls=$redirect Registry__Storage__S3__ReadCachePath="$cache" \
        dotnet "$work/publish/Registry.Api.dll" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
      ;;
    distribution)
      cat >"$work/$name.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $data/distribution
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
      docker-registry serve "$work/$name.yml" >"$work/$name.log" 2>&1 &
      ;;
  esac
  pid=$!
  wait_http "http://127.0.0.1:$port/v2/"
}

stop_target() {
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=""
  if [ -n "$s3pid" ]; then
    kill "$s3pid"; wait "$s3pid" 2>/dev/null || true
    s3pid=""
  fi
  rm -rf "$data"
}

# Proves the mode of a target on S3: a probe blob's GET answers 307 (to the store) with redirects, 200 without.
check_mode() {
  local want=200 probe="$work/probe.bin" digest code
  [ "$1" = s3-redirect ] && want=307
  head -c 4096 /dev/urandom >"$probe"
  digest="sha256:$(sha256sum "$probe" | cut -d' ' -f1)"
  curl -sS -f -o /dev/null -u "admin:$password" -H 'Content-Type: application/octet-stream' --data-binary "@$probe" \
    "http://127.0.0.1:$port/v2/bench/probe/blobs/uploads/?digest=$digest"
  code=$(curl -sS -o /dev/null -w '%{http_code}' -u "admin:$password" "http://127.0.0.1:$port/v2/bench/probe/blobs/$digest")
  [ "$code" = "$want" ] || { echo "bench/herd-s3.sh: $1: a blob GET answered $code, not $want" >&2; exit 1; }
}

# One thundering-herd run; $1 = target, $2 = round, $3 = clients, $4 = layer size.
measure() {
  local target=$1 round=$2 clients=$3 size=$4 before s3before=0 s3cpu=0
  name="herd-$target-$round-${clients}x$size"
  data="$work/data-$name"
  start_target "$target"
  [ "$target" = distribution ] || check_mode "$target"
  echo "round $round: $target, $clients clients x $size" >&2
  "$regbench" -url "http://127.0.0.1:$port" -user admin -pass "$password" -q -scenario push-mono,pull-blob -n 4 -d 5s >/dev/null || true
  before=$(cpu_seconds "$pid")
  [ -n "$s3pid" ] && s3before=$(cpu_seconds "$s3pid")
  "$regbench" -url "http://127.0.0.1:$port" -user admin -pass "$password" -q -scenario thundering-herd \
    -herd-c "$clients" -herd-size "$size" -timeout 1h -json-out "$work/$name.json" >"$work/$name.txt" || true
  [ -n "$s3pid" ] && s3cpu=$(echo "$s3before $(cpu_seconds "$s3pid")" | awk '{printf "%.2f", $2 - $1}')
  echo "$before $(cpu_seconds "$pid") $s3cpu $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")" \
    | awk '{printf "%.2f %.2f %d\n", $2 - $1, $3, $4}' >"$work/$name.usage"
  stop_target
}

for round in $(seq 1 "$rounds"); do
  for config in $herd_configs; do
    order=$targets
    [ $((round % 2)) = 0 ] && order=$(echo "$targets" | tr ' ' '\n' | tac | tr '\n' ' ')
    for target in $order; do
      measure "$target" "$round" "${config%%x*}" "${config#*x}"
    done
  done
done

python3 - "$work" "$rounds" "$herd_configs" "$targets" <<'PY'
import json, os, statistics, sys
work, rounds, configs, targets = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4].split()

def herd(path):
    try:
        doc = json.load(open(path))
    except (OSError, ValueError):
        return None
    return next((r for r in doc.get("results", []) if r.get("scenario") == "thundering-herd"), None)

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None

def fmt(value, digits=1):
    return "n/a" if value is None else f"{value:,.{digits}f}"

print("measurement                          wall s     MB/s  client p50/max s  registry CPU s  s3rver CPU s  peak RSS MiB")
table = []
for config in configs:
    for target in targets:
        mbps, cpus, rows = [], [], []
        for r in range(1, rounds + 1):
            name = f"herd-{target}-{r}-{config}"
            result = herd(os.path.join(work, name + ".json"))
            usage = open(os.path.join(work, name + ".usage")).read().split() if os.path.exists(os.path.join(work, name + ".usage")) else ["0", "0", "0"]
            if result is None or not result.get("ok", False):
                error = (result or {}).get("error") or open(os.path.join(work, name + ".txt")).read().strip()[-300:]
                print(f"{name:36} FAILED: {error}")
                continue
            m = result
            mbps.append(m["mb_per_s"])
            print(f"{name:36} {m['wall_s']:6.2f} {m['mb_per_s']:8.1f}  {m['client_ms']['p50'] / 1000:7.2f}/{m['client_ms']['max'] / 1000:<7.2f} {float(usage[0]):14.2f} {float(usage[1]):13.2f} {int(usage[2]) / 1024:13.0f}")
        table.append((config, target, med(mbps)))
print()
print("median MB/s by configuration")
for config in configs:
    figures = {t: v for c, t, v in table if c == config}
    line = "  ".join(f"{t} {fmt(v)}" for t, v in figures.items())
    base = figures.get("distribution")
    ratios = "  ".join(f"{t}/distribution {v / base:.2f}x" for t, v in figures.items() if t != "distribution" and v and base)
    print(f"{config}: {line}  {ratios}")
PY
