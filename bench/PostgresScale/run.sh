#!/usr/bin/env bash
# Scale check of the PostgreSQL metadata store: 100,000 tags in one repository and 10,000 repositories, then the
# timings of a tags/list page, a full catalog walk and the unpaginated tag list, and EXPLAIN ANALYZE of the page
# queries. Then the registry itself (Release build, authentication on) serves that database, and http_timing.py walks
# the 100,000 tags and the 10,000-repository catalog over HTTP in pages of 100. Prints everything to stdout; exits 1
# when a target (a tag page under 10 ms, a catalog walk under 1 s) is missed over HTTP.
#
#   bench/PostgresScale/run.sh                          # starts a throwaway PostgreSQL 15 (postgresql-15 package)
#   PG_CONNECTION='Host=db;Username=u;Password=p;Database=postgres' bench/PostgresScale/run.sh
#                                                       # uses that server: creates, fills and drops its own database
#
# The throwaway server runs with fsync=off, which speeds up loading only; the timed queries read from memory.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=/usr/lib/postgresql/15/bin
connection=${PG_CONNECTION:-}

if [[ -z "$connection" ]]; then
  [[ -x $bin/initdb ]] || { echo "run.sh: needs the PostgreSQL 15 server: apt-get install postgresql-15" >&2; exit 2; }
  work=$(mktemp -d /tmp/registry-pgscale.XXXXXX)
  as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
  [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$work"
  cleanup() {
    as_postgres "$bin/pg_ctl" stop -D "$work/data" -m immediate >/dev/null 2>&1 || true
    rm -rf "$work"
  }
  trap cleanup EXIT
  as_postgres "$bin/initdb" -D "$work/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --locale-provider=icu --icu-locale=en-US --no-sync >/dev/null
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$bin/pg_ctl" start -D "$work/data" -l "$work/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  connection="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
fi

dotnet run -c Release --project "$here" -- "$connection" --keep | tee "${work:-/tmp}/scale.out"
database=$(sed -n 's/^database \([a-z0-9_]*\) on .*/\1/p' "${work:-/tmp}/scale.out")
[[ -n "$database" ]] || { echo "run.sh: the loader did not name its database" >&2; exit 1; }

# The registry on that database, over HTTP.
registry_dir=$(mktemp -d /tmp/registry-pgscale-http.XXXXXX)
registry_pid=""
stop_registry() {
  [[ -n "$registry_pid" ]] && kill "$registry_pid" 2>/dev/null && wait "$registry_pid" 2>/dev/null || true
  rm -rf "$registry_dir"
  dotnet "$here/bin/Release/net10.0/Registry.PostgresScale.dll" "$connection" --drop "$database" >/dev/null || true
}
trap 'stop_registry; declare -F cleanup >/dev/null && cleanup' EXIT
dotnet publish "$here/../../Registry.Api" -c Release -o "$registry_dir/publish" --nologo -v quiet >/dev/null
http_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target=$(python3 -c 'import sys; print(";".join(p if not p.startswith("Database=") else "Database=" + sys.argv[2] for p in sys.argv[1].split(";")))' "$connection" "$database")
Registry__Storage__Path="$registry_dir/data" Registry__Metadata__Provider=postgres Registry__Metadata__ConnectionString="$target" \
  Registry__Auth__AdminPassword=scale-admin-password Logging__LogLevel__Default=Warning \
  dotnet "$registry_dir/publish/Registry.Api.dll" --urls "http://127.0.0.1:$http_port" >"$registry_dir/registry.log" 2>&1 &
registry_pid=$!
for _ in $(seq 1 100); do
  code=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$http_port/v2/" 2>/dev/null) || code=000
  [[ $code == 401 || $code == 200 ]] && break
  sleep 0.2
done
echo "registry (Release, authentication on) serving $database on port $http_port:"
python3 "$here/http_timing.py" "http://127.0.0.1:$http_port" admin scale-admin-password bench/app 100000 10000
