#!/usr/bin/env bash
# Side-by-side benchmark: this registry (Release build, embedded defaults: filesystem blobs + SQLite) against CNCF
# Distribution (Debian package docker-registry, filesystem driver), both on loopback, measured by
# ../shared/regbench in alternating rounds, plus curl timings of the unpaginated listings (bench/list-timing.sh).
# Writes the medians and ratios into the regbench section of docs/benchmarks.md; the other sections stay.
#
#   bench/run.sh                       # 3 rounds of every scenario (about 15 minutes on 2 cores)
#   ROUNDS=1 bench/run.sh -d 5s        # extra arguments go to regbench
#   bench/run.sh --herd                # deploy storms only: thundering-herd at several client counts and layer sizes
#
# --herd runs regbench's thundering-herd once per configuration in HERD_CONFIGS (clients x layer size; default
# "50x64MiB 200x64MiB 50x1GiB 200x1GiB", about 25 minutes a round on 2 cores, most of it the 200 GiB of the last one)
# against a fresh registry warmed by a short push and pull, records the registry's CPU time and peak memory and the
# machine's TCP loss counters (bench/tcp-counters.sh), and writes its own section of docs/benchmarks.md
# (bench/herd-report.py); the regbench table stays as it is. HERD_STORMS=2 runs a second storm on the same process
# right after the first and reports it beside the first: a registry that has served a storm before, as in production.
#
# Environment: ROUNDS (3), REGBENCH (path to regbench's run.sh; default ../shared/regbench/run.sh),
# OUT (docs/benchmarks.md), KEEP=1 keeps the work directory, HERD_CONFIGS and HERD_STORMS (see --herd).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
rounds=${ROUNDS:-3}
regbench=${REGBENCH:-$repo/../shared/regbench/run.sh}
out=${OUT:-$repo/docs/benchmarks.md}
work=$(mktemp -d /tmp/registry-bench.XXXXXX)
ours_port=5101
dist_port=5102
pid=""
mode=all
if [ "${1:-}" = --herd ]; then
  mode=herd
  shift
fi
herd_configs=${HERD_CONFIGS:-50x64MiB 200x64MiB 50x1GiB 200x1GiB}
herd_storms=${HERD_STORMS:-1}

cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || rm -rf "$work"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need go || ! need docker-registry; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go docker-registry >/dev/null
  else
    echo "bench/run.sh: needs golang-go and docker-registry (apt-get install golang-go docker-registry)" >&2
    exit 2
  fi
fi
[ -x "$regbench" ] || { echo "bench/run.sh: regbench not found at $regbench (set REGBENCH=)" >&2; exit 2; }

echo "building the registry (Release)..." >&2
dotnet publish "$repo/Registry.Api" -c Release -o "$work/publish" --nologo -v quiet >/dev/null

bench_password=bench-admin-password

wait_ready() {
  for _ in $(seq 1 100); do
    # Ours asks for credentials (401) as its embedded defaults do; either answer means it is up.
    code=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/v2/" 2>/dev/null) || code=000
    case "$code" in 200|401) return 0 ;; esac
    sleep 0.1
  done
  echo "bench/run.sh: registry on port $1 did not start" >&2
  return 1
}

# Starts one registry with fresh storage in $data and sets pid and port; $1 = ours|distribution, $2 = log name.
start_registry() {
  local target=$1 name=$2
  mkdir -p "$data"
  if [ "$target" = ours ]; then
    port=$ours_port
    # Embedded defaults, authentication included: regbench logs in and runs Docker's token flow against ours.
    Registry__Storage__Path="$data" Registry__Auth__AdminPassword="$bench_password" Logging__LogLevel__Default=Warning \
      dotnet "$work/publish/Registry.Api.dll" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  else
    port=$dist_port
    cat >"$work/distribution.yml" <<YAML
version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $data
  delete:
    enabled: true
http:
  addr: 127.0.0.1:$port
YAML
    docker-registry serve "$work/distribution.yml" >"$work/$name.log" 2>&1 &
  fi
  pid=$!
  wait_ready "$port"
}

stop_registry() {
  kill "$pid"; wait "$pid" 2>/dev/null || true
  pid=""
  rm -rf "$data"
}

# Runs regbench against a fresh registry, records peak RSS; $1 = ours|distribution, $2 = round.
measure() {
  local target=$1 round=$2
  shift 2
  data="$work/data-$target-$round"
  start_registry "$target" "$target-$round"
  echo "round $round: $target" >&2
  "$regbench" -url "http://127.0.0.1:$port" -user admin -pass "$bench_password" -q -keep-going -json-out "$work/$target-$round.json" "$@" >"$work/$target-$round.txt" || true
  # The same listings timed at the server (curl, no JSON decoding), while the data regbench created is still there.
  "$here/list-timing.sh" "http://127.0.0.1:$port" "$work/$target-$round.json" admin "$bench_password" \
    >"$work/$target-$round.lists.json" 2>"$work/$target-$round.lists.err" || true
  grep VmHWM "/proc/$pid/status" | awk '{print $2}' >"$work/$target-$round.rss"
  stop_registry
}

# CPU seconds (user + system) the running registry has used so far.
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f\n", ($14 + $15) / hz}' "/proc/$pid/stat"
}

# Idle CPU seconds of the whole machine so far (all CPUs; idle + iowait in /proc/stat).
idle_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu /{printf "%.2f\n", ($5 + $6) / hz}' /proc/stat
}

# One thundering-herd run; $1 = ours|distribution, $2 = round, $3 = clients, $4 = layer size.
measure_herd() {
  local target=$1 round=$2 clients=$3 size=$4 name="herd-$1-$2-$3x$4"
  data="$work/data-$name"
  start_registry "$target" "$name"
  echo "round $round: $target, $clients clients x $size" >&2
  # A short push and pull first, so neither registry meets the storm cold.
  "$regbench" -url "http://127.0.0.1:$port" -user admin -pass "$bench_password" -q -scenario push-mono,pull-blob -n 4 -d 5s >/dev/null || true
  # The first storm's files are $name.*; with HERD_STORMS > 1, later storms on the same process are $name-stormK.*.
  run_storm "$name" "$clients" "$size"
  for storm in $(seq 2 "$herd_storms"); do
    run_storm "$name-storm$storm" "$clients" "$size"
  done
  grep VmHWM "/proc/$pid/status" | awk '{print $2}' >"$work/$name.rss"
  stop_registry
}

# One storm against the running registry; $1 = file name, $2 = clients, $3 = layer size.
run_storm() {
  local file=$1 clients=$2 size=$3 before idle_before
  "$here/tcp-counters.sh" >"$work/$file.tcp-before"
  before=$(cpu_seconds)
  idle_before=$(idle_seconds)
  # The subshell's `times` prints its children's CPU time last: regbench's own (hashing every byte it receives).
  ( "$regbench" -url "http://127.0.0.1:$port" -user admin -pass "$bench_password" -q -scenario thundering-herd \
    -herd-c "$clients" -herd-size "$size" -timeout 1h -json-out "$work/$file.json" >"$work/$file.txt" || true
    times >"$work/$file.times" )
  tail -1 "$work/$file.times" | sed 's/m/ /g; s/s//g' | awk '{printf "%.2f\n", $1 * 60 + $2 + $3 * 60 + $4}' >"$work/$file.clientcpu"
  echo "$before $(cpu_seconds)" | awk '{printf "%.2f\n", $2 - $1}' >"$work/$file.cpu"
  echo "$idle_before $(idle_seconds)" | awk '{printf "%.2f\n", $2 - $1}' >"$work/$file.idle"
  "$here/tcp-counters.sh" >"$work/$file.tcp-after"
}

if [ "$mode" = herd ]; then
  for round in $(seq 1 "$rounds"); do
    for config in $herd_configs; do
      if [ $((round % 2)) = 1 ]; then order="ours distribution"; else order="distribution ours"; fi
      for target in $order; do
        measure_herd "$target" "$round" "${config%%x*}" "${config#*x}"
      done
    done
  done
  commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
  python3 "$here/herd-report.py" "$work" "$rounds" "$commit" "$out" $herd_configs
  echo "wrote $out" >&2
  exit 0
fi

for round in $(seq 1 "$rounds"); do
  # Alternate which one goes first, so drift in the machine's state does not favour either.
  if [ $((round % 2)) = 1 ]; then order="ours distribution"; else order="distribution ours"; fi
  for target in $order; do
    measure "$target" "$round" "$@"
  done
done

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
python3 "$here/report.py" "$work" "$rounds" "$commit" "$out"
echo "wrote $out" >&2
cat "$out"
