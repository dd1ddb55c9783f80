#!/usr/bin/env bash
# Scale check of the PostgreSQL metadata store: 100,000 tags in one repository and 10,000 repositories, then the
# timings of a tags/list page, a full catalog walk and the unpaginated tag list, and EXPLAIN ANALYZE of the page
# queries. Prints everything to stdout.
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

dotnet run -c Release --project "$here" -- "$connection"
