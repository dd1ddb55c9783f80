#!/usr/bin/env bash
# Server-side timing of the two unpaginated listings regbench measures: the whole tags/list of regbench's
# tags-scale repository and the whole _catalog. curl fetches each one REPS times over one kept-alive connection
# and reports time_total per transfer (request sent to last body byte received, no JSON decoding), so the figure
# is the registry's answer and its transfer, without the client-side decoding that regbench's own figure includes.
#
#   bench/list-timing.sh URL REGBENCH_JSON [USER PASS]     # prints {"tags_whole_ms": ..., "catalog_whole_ms": ...}
#
# A registry that answers 401 with a Bearer challenge gets a token for the challenged scope from its realm
# (Docker's token flow, Basic credentials USER/PASS); one that does not ask for credentials is called without.
set -euo pipefail
url=$1 results=$2 user=${3:-} pass=${4:-}
reps=${REPS:-30}

repo=$(python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
print(next((r.get("repo", "") for r in doc.get("results", []) if r.get("scenario") == "tags-scale"), ""))
' "$results")

# Prints the Authorization header argument for path, or nothing when the registry does not ask for one.
authorization() {
  local challenge realm service scope token
  challenge=$(curl -sS -o /dev/null -D - "$url$1" | tr -d '\r' | sed -n 's/^[Ww][Ww][Ww]-[Aa]uthenticate: Bearer //p')
  [ -n "$challenge" ] || return 0
  realm=$(sed -n 's/.*realm="\([^"]*\)".*/\1/p' <<<"$challenge")
  service=$(sed -n 's/.*service="\([^"]*\)".*/\1/p' <<<"$challenge")
  scope=$(sed -n 's/.*scope="\([^"]*\)".*/\1/p' <<<"$challenge")
  token=$(curl -sS -u "$user:$pass" -G "$realm" --data-urlencode "service=$service" --data-urlencode "scope=$scope" |
    python3 -c 'import json, sys; d = json.load(sys.stdin); print(d.get("token") or d.get("access_token"))')
  echo "Authorization: Bearer $token"
}

# Median of time_total in milliseconds over reps transfers of path on one connection (the first is a warm-up).
median_ms() {
  local header args=()
  header=$(authorization "$1")
  for _ in $(seq 0 "$reps"); do args+=(-o /dev/null "$url$1"); done
  curl -sS --fail ${header:+-H "$header"} -w '%{time_total}\n' "${args[@]}" |
    python3 -c 'import statistics, sys; t = [float(x) * 1000 for x in sys.stdin.read().split()][1:]; print(f"{statistics.median(t):.3f}")'
}

tags=null
[ -n "$repo" ] && tags=$(median_ms "/v2/$repo/tags/list")
catalog=$(median_ms "/v2/_catalog")
echo "{\"tags_whole_ms\": $tags, \"catalog_whole_ms\": $catalog, \"reps\": $reps}"
